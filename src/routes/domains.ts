// GET /domains/{domain}: for the helpdesk, how the service classifies a domain, and why.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { describeDomain } from '../core/domain-report.js'
import { API_PROBLEMS, API_SECURITY, DomainParamsSchema, DomainReportSchema, problemResponse } from '../schemas.js'
import type { Services } from '../services.js'

export interface DomainsOptions {
  services: Services
}

export const domainsRoutes: FastifyPluginAsyncZod<DomainsOptions> = async (app, { services }) => {
  app.get(
    '/domains/:domain',
    {
      schema: {
        operationId: 'describeDomain',
        security: API_SECURITY,
        summary: 'How the service classifies a domain, and why',
        description:
          'For the helpdesk ("why was this address refused?"): free mail, disposable or partner, with the list and entry that matched, exemptions, and typo or look-alike findings.',
        tags: ['validation'],
        params: DomainParamsSchema,
        response: { 200: DomainReportSchema, 400: problemResponse('domain is missing or too long (VALIDATION_FAILED).'), ...API_PROBLEMS },
      },
    },
    async (request) => describeDomain(request.params.domain, services.context()),
  )
}
