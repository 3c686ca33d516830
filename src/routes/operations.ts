// For the platform that runs the service: liveness, readiness, the registry serving, metrics.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { API_PROBLEMS, API_SECURITY, COMMON_PROBLEMS, HealthSchema, problemResponse, ReadinessSchema, RegistryStatusSchema } from '../schemas.js'
import type { Services } from '../services.js'

export interface OperationsOptions {
  services: Services
}

export const operationsRoutes: FastifyPluginAsyncZod<OperationsOptions> = async (app, { services }) => {
  const { store, metrics } = services
  const { serving, warning: sampleWarning } = services.sampleRegistry
  const registrySummary = () => ({
    sample: serving,
    ...(sampleWarning ? { warning: sampleWarning } : {}),
    partners: store.current.partners.length,
    domains: store.current.domainCount,
    loadedAt: store.loadedAt.toISOString(),
  })

  app.get(
    '/healthz',
    {
      schema: {
        operationId: 'health',
        summary: 'Liveness: the process is alive',
        tags: ['operations'],
        response: { 200: HealthSchema, ...COMMON_PROBLEMS },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'ready',
        summary: 'Readiness: a registry is loaded and the instance is not draining',
        description: 'Also reports the registry serving and the result of its last reload: a failed reload leaves the last good registry serving, so the instance stays ready.',
        tags: ['operations'],
        response: { 200: ReadinessSchema, 503: ReadinessSchema.describe('Draining: shutting down; send traffic elsewhere.'), ...COMMON_PROBLEMS },
      },
    },
    async (_request, reply) => {
      const draining = app.isDraining()
      reply.code(draining ? 503 : 200)
      const { at, trigger, ok } = store.lastLoad
      return { status: draining ? ('draining' as const) : ('ready' as const), registry: { ...registrySummary(), lastLoad: { at: at.toISOString(), trigger, ok } } }
    },
  )

  app.get(
    '/registry',
    {
      schema: {
        operationId: 'registryStatus',
        summary: 'The partner registry serving, where it is read from, and why its last reload failed',
        description: 'What /readyz leaves out for strangers, behind the API keys when keys are configured: the source, the error of a failed reload, and the load warnings.',
        tags: ['operations'],
        security: API_SECURITY,
        response: { 200: RegistryStatusSchema.describe('The registry serving, where it is read from, and its last load.'), ...API_PROBLEMS },
      },
    },
    async () => {
      const last = store.lastLoad
      return {
        ...registrySummary(),
        source: store.file,
        lastLoad: { at: last.at.toISOString(), trigger: last.trigger, ok: last.ok, ...(last.error ? { error: last.error } : {}) },
        warnings: store.current.warnings,
      }
    },
  )

  app.get(
    '/metrics',
    {
      schema: {
        operationId: 'metrics',
        summary: 'Prometheus metrics',
        description: 'Requests and latency by route and status, verdicts by reason code, registry size and the time and result of the last registry load, and the process’s own metrics.',
        tags: ['operations'],
        response: {
          200: { description: 'Prometheus text format.', content: { 'text/plain': { schema: z.string() } } },
          401: problemResponse('PROTECT_DOCS_AND_METRICS is set and the request has no valid API key (UNAUTHORIZED).'),
          ...COMMON_PROBLEMS,
        },
      },
    },
    async (_request, reply) => {
      reply.type(metrics.registry.contentType)
      return metrics.registry.metrics()
    },
  )
}
