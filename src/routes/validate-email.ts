// POST /validate-email, the check on every sign-up, and POST /validate-email/batch for bulk
// imports. (The NDJSON stream is in stream.ts.)
import { domainToASCII } from 'node:url'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { mapInSlices } from '../budget.js'
import { mapLimit } from '../concurrency.js'
import { atTurnEnd } from '../connections.js'
import { checkEmail, partnerTypeBody } from '../core/check.js'
import { withDeliverability } from '../core/deliverability.js'
import { negotiateLang } from '../core/messages.js'
import { PARTNER_TYPES, resolvePartnerType, type PartnerType } from '../core/partner-types.js'
import type { Verdict } from '../core/types.js'
import { problem, sendProblem } from '../errors.js'
import {
  AcceptLanguageHeadersSchema,
  API_PROBLEMS,
  API_SECURITY,
  BATCH_MAX,
  BatchBodySchema,
  BatchResultSchema,
  problemResponse,
  ValidateEmailBodySchema,
  VerdictSchema,
} from '../schemas.js'
import type { Services } from '../services.js'
import { batchInSlices } from '../verdict-json.js'

/** The batch route's body limit: 1,000 long addresses fit. */
const BATCH_BODY_LIMIT = 512 * 1024

/** The chosen partner type: null when none was chosen, undefined when no type has that name. */
export function resolveChosenType(name: string | undefined): PartnerType | null | undefined {
  if (!name) return null
  return resolvePartnerType(name)?.type
}

export function unknownPartnerType(request: FastifyRequest, name: string) {
  const names = PARTNER_TYPES.map((t) => `${t.en} (${t.ja})`).join(', ')
  return problem(
    'UNKNOWN_PARTNER_TYPE',
    request,
    { detail: `partnerType "${name}" matches no partner type. Valid types: ${names}.`, validTypes: PARTNER_TYPES.map(partnerTypeBody) },
    { detail: `partnerType「${name}」に一致するパートナータイプがありません。有効なタイプ: ${PARTNER_TYPES.map((t) => `${t.ja}（${t.en}）`).join('、')}。` },
  )
}

/** The verdict as the answer: counted, described for the access line, in its language. */
function answer({ metrics, hashEmail }: Services, request: FastifyRequest, reply: FastifyReply, verdict: Verdict): Verdict {
  metrics.verdict(verdict)
  request.logFacts = () => ({
    emailHash: hashEmail(verdict.email),
    domain: verdict.domain,
    accepted: verdict.accepted,
    reasons: verdict.reasons.map((r) => r.code),
  })
  reply.header('content-language', verdict.lang)
  return verdict
}

export interface ValidateEmailOptions {
  services: Services
}

export const validateEmailRoutes: FastifyPluginAsyncZod<ValidateEmailOptions> = async (app, { services }) => {
  const { config, dns, metrics } = services

  app.post(
    '/validate-email',
    {
      config: { addresses: () => 1 },
      schema: {
        operationId: 'validateEmail',
        security: API_SECURITY,
        summary: 'Check an email address before a partner account is created',
        description:
          'Answers 200 with a verdict for every well-formed request, whatever the address: form, Japanese IME input, disposable, free mail and partner registry, with reason codes and messages in the language of Accept-Language.',
        tags: ['validation'],
        headers: AcceptLanguageHeadersSchema,
        body: ValidateEmailBodySchema,
        response: {
          200: VerdictSchema,
          400: problemResponse(
            'Malformed request: not JSON, no body, email missing or not a string (INVALID_JSON, EMPTY_BODY, VALIDATION_FAILED), or a partnerType that matches no type (UNKNOWN_PARTNER_TYPE, with validTypes).',
          ),
          413: problemResponse('The body is larger than BODY_LIMIT (default 16 KiB) (PAYLOAD_TOO_LARGE).'),
          415: problemResponse('The body is not sent as application/json (UNSUPPORTED_MEDIA_TYPE).'),
          ...API_PROBLEMS,
        },
      },
    },
    // Not an async function: the check itself is synchronous, and only a DNS lookup needs the
    // answer to wait. A promise on every sign-up check showed in its profile under load.
    (request, reply) => {
      const lang = negotiateLang(request.headers['accept-language'])
      const { email, partnerType: typeName, checkDeliverability } = request.body
      const partnerType = resolveChosenType(typeName)
      if (partnerType === undefined) {
        sendProblem(reply, unknownPartnerType(request, typeName!))
        return
      }
      const verdict = checkEmail(email, services.context(), lang, partnerType)
      if ((checkDeliverability ?? config.deliverabilityCheck) && verdict.domain) {
        return dns.check(domainToASCII(verdict.domain)).then((found) => answer(services, request, reply, withDeliverability(verdict, found, lang)))
      }
      // Returning nothing tells Fastify the answer is sent here, at the turn's end (see
      // atTurnEnd). Only the send waits: it never throws (Fastify answers a failed serialisation
      // or hook as an error itself), so nothing in the queue can be left unanswered.
      const answered = answer(services, request, reply, verdict)
      atTurnEnd(() => reply.send(answered))
    },
  )

  app.post(
    '/validate-email/batch',
    {
      bodyLimit: Math.max(config.bodyLimit, BATCH_BODY_LIMIT),
      config: { addresses: (body) => (body as { emails: unknown[] }).emails.length },
      schema: {
        operationId: 'validateEmailBatch',
        security: API_SECURITY,
        summary: 'Check up to 1,000 addresses in one request (bulk imports)',
        description:
          'Each address gets the verdict POST /validate-email would give it, in the order sent. With checkDeliverability, each distinct domain is looked up once. The body may be up to 512 KiB (BODY_LIMIT when that is larger), so that 1,000 long addresses fit.',
        tags: ['validation'],
        headers: AcceptLanguageHeadersSchema,
        body: BatchBodySchema,
        response: {
          200: BatchResultSchema,
          400: problemResponse(
            `Malformed request: not JSON, emails missing, empty, over ${BATCH_MAX} or not strings (INVALID_JSON, EMPTY_BODY, VALIDATION_FAILED), or an unknown partnerType (UNKNOWN_PARTNER_TYPE).`,
          ),
          413: problemResponse('The body is larger than the batch’s own limit: 512 KiB, or BODY_LIMIT when that is larger (PAYLOAD_TOO_LARGE).'),
          415: problemResponse('The body is not sent as application/json (UNSUPPORTED_MEDIA_TYPE).'),
          ...API_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const lang = negotiateLang(request.headers['accept-language'])
      const { emails, partnerType: typeName, checkDeliverability } = request.body
      const partnerType = resolveChosenType(typeName)
      if (partnerType === undefined) return sendProblem(reply, unknownPartnerType(request, typeName!))
      const context = services.context()
      let results = await mapInSlices(emails, (email) => checkEmail(email, context, lang, partnerType))
      if (checkDeliverability ?? config.deliverabilityCheck) {
        // Each distinct domain once, a few at a time, all within one deadline for the request:
        // past it, the domains not answered yet are unknown.
        const deadline = Date.now() + config.dnsTimeoutMs
        const ascii = results.map((v) => (v.domain ? domainToASCII(v.domain) : null))
        const domains = [...new Set(ascii.filter((d) => d !== null))]
        const found = new Map(await mapLimit(domains, 16, async (d) => [d, await dns.check(d, deadline)] as const))
        results = results.map((v, i) => (ascii[i] ? withDeliverability(v, found.get(ascii[i])!, lang) : v))
      }
      for (const v of results) metrics.verdict(v)
      request.logFacts = { batch: results.length, accepted: results.filter((v) => v.accepted).length }
      reply.header('content-language', lang)
      return batchInSlices(results)
    },
  )
}
