// buildApp(config) is the whole service: tests and the server build the very same app.
// Every route is registered here, explicitly, so this one file shows the whole API.
import { randomUUID } from 'node:crypto'
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { DestinationStream } from 'pino'
import { z } from 'zod'
import { SAMPLE_PARTNERS_FILE, type Config } from './config.js'
import { checkEmail, partnerTypeBody, type CheckContext } from './core/check.js'
import { loadBaseLists } from './core/lists.js'
import { negotiateLang } from './core/messages.js'
import { closestPartnerTypes, PARTNER_TYPES, partnerTypeById, resolvePartnerType } from './core/partner-types.js'
import { loadRegistryFile } from './core/registry.js'
import { problem, problemFromError, sendProblem } from './errors.js'
import { emailHasher, safePath } from './log.js'
import { createMetrics } from './metrics.js'
import { registerDocs } from './openapi.js'
import { RegistryStore } from './registry-store.js'
import {
  AcceptLanguageHeadersSchema,
  API_PROBLEMS,
  API_SECURITY,
  COMMON_PROBLEMS,
  HealthSchema,
  PartnerTypeIdParamsSchema,
  PartnerTypeListSchema,
  PartnerTypeLookupQuerySchema,
  PartnerTypeLookupSchema,
  PartnerTypeSchema,
  problemResponse,
  ReadinessSchema,
  ValidateEmailBodySchema,
  VerdictSchema,
} from './schemas.js'
import { isProbe, registerSecurity } from './security.js'

export interface BuildOptions {
  /** Where logs go (stdout when not given); tests pass a stream to read them. */
  logStream?: DestinationStream
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Facts about the verdict for the access log line: never the address itself. */
    logFacts: Record<string, unknown> | null
  }
  interface FastifyInstance {
    /** Reads the registry file again; the last good registry keeps serving if it fails. */
    reloadRegistry(trigger: string): Promise<void>
    /** Reports not-ready from now on (the first step of a graceful shutdown). */
    drain(): void
    registryStore: RegistryStore
  }
}

// An incoming x-request-id is honoured when it looks like an id, so a caller's trace carries
// through; anything else (too long, odd characters) is replaced rather than logged.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const lists = await loadBaseLists()
  const store = await RegistryStore.open(config.partnersFile, lists)
  const checkOptions = { allowSmtputf8: config.allowSmtputf8 }
  // The API document's examples are computed against the sample registry whatever the
  // configuration, so the document is the same everywhere (and matches the committed one).
  const sample: CheckContext = {
    lists,
    registry: config.partnersFile === SAMPLE_PARTNERS_FILE ? store.current : await loadRegistryFile(SAMPLE_PARTNERS_FILE, lists),
    options: { allowSmtputf8: false },
  }
  const hashEmail = emailHasher(config.logHashKey)
  const metrics = createMetrics()

  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // One access line per request, written in onResponse below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // A slow or stalled client cannot hold a connection (slowloris); idle keep-alive
    // connections outlive the load balancer's own idle timeout.
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    // Requests that arrive while closing are still answered (below), not refused.
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.decorateRequest('logFacts', null)
  // The API speaks JSON only: a text/plain body is a wrong content type (415), not a bad field.
  app.removeContentTypeParser('text/plain')

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const body = problemFromError(err, request)
    if (body.status >= 500) request.log.error({ err }, 'request failed')
    // Only codes go into the access line: a parser's message can quote the body, and the body
    // holds an address.
    request.logFacts = { problem: body.code, errCode: err.code }
    return sendProblem(reply, body)
  })
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem('NOT_FOUND', request)))

  // The registry: reloaded on change of its file (and on SIGHUP, through reloadRegistry).
  store.on('load', (result) => {
    metrics.registryLoad(result, store.current)
    if (!result.ok) app.log.error({ trigger: result.trigger, error: result.error }, 'partner registry reload failed; the previous registry keeps serving')
    else if (!result.unchanged) app.log.info({ trigger: result.trigger, partners: store.current.partners.length, domains: store.current.domainCount }, 'partner registry reloaded')
    else app.log.debug({ trigger: result.trigger }, 'partner registry unchanged')
  })
  metrics.registryLoad(store.lastLoad, store.current)
  if (config.partnersReload) store.watch({ events: true, pollSeconds: config.partnersPollSeconds })
  app.decorate('registryStore', store)
  app.decorate('reloadRegistry', (trigger: string) => store.reload(trigger))

  // Graceful shutdown: readiness goes false first; requests that still arrive are answered,
  // with "Connection: close" so the client's next request goes to another replica.
  let draining = false
  app.decorate('drain', () => {
    draining = true
  })
  app.addHook('preClose', async () => {
    draining = true
  })
  app.addHook('onClose', async () => store.close())

  await registerSecurity(app, config)
  await registerDocs(app, sample)

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    if (draining) reply.header('connection', 'close')
  })
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    metrics.request(request.method, route, reply.statusCode, reply.elapsedTime / 1000)
    if (isProbe(request) || route === '/metrics') return
    request.log.info(
      {
        method: request.method,
        url: safePath(request.url),
        route,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        ...request.logFacts,
      },
      'request completed',
    )
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
      const last = store.lastLoad
      reply.code(draining ? 503 : 200)
      return {
        status: draining ? ('draining' as const) : ('ready' as const),
        registry: {
          source: store.file,
          partners: store.current.partners.length,
          domains: store.current.domainCount,
          loadedAt: store.loadedAt.toISOString(),
          lastLoad: { at: last.at.toISOString(), trigger: last.trigger, ok: last.ok, ...(last.error ? { error: last.error } : {}) },
        },
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

  app.post(
    '/validate-email',
    {
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
          413: problemResponse('The body is larger than BODY_LIMIT (PAYLOAD_TOO_LARGE).'),
          415: problemResponse('The body is not sent as application/json (UNSUPPORTED_MEDIA_TYPE).'),
          ...API_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const lang = negotiateLang(request.headers['accept-language'])
      const { email, partnerType: typeName } = request.body
      const partnerType = typeName ? resolvePartnerType(typeName) : null
      if (typeName && !partnerType) {
        const names = PARTNER_TYPES.map((t) => `${t.en} (${t.ja})`).join(', ')
        return sendProblem(
          reply,
          problem('UNKNOWN_PARTNER_TYPE', request, {
            detail: `partnerType "${typeName}" matches no partner type. Valid types: ${names}.`,
            validTypes: PARTNER_TYPES.map(partnerTypeBody),
          }),
        )
      }
      // One read of the store: this request sees one registry from start to end.
      const verdict = checkEmail(email, { lists, registry: store.current, options: checkOptions }, lang, partnerType?.type ?? null)
      metrics.verdict(verdict)
      request.logFacts = {
        emailHash: hashEmail(verdict.email),
        domain: verdict.domain,
        accepted: verdict.accepted,
        reasons: verdict.reasons.map((r) => r.code),
      }
      reply.header('content-language', lang)
      return verdict
    },
  )

  app.get(
    '/partner-types',
    {
      schema: {
        operationId: 'listPartnerTypes',
        security: API_SECURITY,
        summary: 'List the seven partner types',
        description: 'Every partner type of the partner programme with its English (contract) and Japanese (portal) name, in the programme’s order.',
        tags: ['partner types'],
        response: { 200: PartnerTypeListSchema, ...API_PROBLEMS },
      },
    },
    async () => ({ partnerTypes: PARTNER_TYPES.map(partnerTypeBody) }),
  )

  app.get(
    '/partner-types/lookup',
    {
      schema: {
        operationId: 'lookupPartnerType',
        security: API_SECURITY,
        summary: 'Resolve a partner type name, in any reasonable spelling, to its type',
        description:
          'Accepts the English or Japanese name in any case, width or spacing (ﾘｾﾗｰ, Alliance Partners / OEM), without the final long-vowel mark (システムインテグレータ), common short names (ISV, SIer, Reseller, OEM) and one typo. An unknown name gets 404 with the closest types.',
        tags: ['partner types'],
        querystring: PartnerTypeLookupQuerySchema,
        response: {
          200: PartnerTypeLookupSchema,
          400: problemResponse('name is missing, empty or longer than 200 characters (VALIDATION_FAILED).'),
          404: problemResponse('No partner type has that name, or the name is ambiguous (PARTNER_TYPE_NOT_FOUND, with the closest types in suggestions).'),
          ...API_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const { name } = request.query
      const found = resolvePartnerType(name)
      if (found) return { ...partnerTypeBody(found.type), query: name, match: found.match }
      const suggestions = closestPartnerTypes(name).map(partnerTypeBody)
      return sendProblem(
        reply,
        problem('PARTNER_TYPE_NOT_FOUND', request, {
          detail: `No partner type is called "${name}". Closest: ${suggestions.map((t) => `${t.en} (${t.ja})`).join(', ')}.`,
          suggestions,
        }),
      )
    },
  )

  app.get(
    '/partner-types/:id',
    {
      schema: {
        operationId: 'getPartnerType',
        security: API_SECURITY,
        summary: 'One partner type, by id',
        tags: ['partner types'],
        params: PartnerTypeIdParamsSchema,
        response: {
          200: PartnerTypeSchema,
          404: problemResponse('No partner type has that id (PARTNER_TYPE_NOT_FOUND, with the closest types in suggestions).'),
          ...API_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const type = partnerTypeById(request.params.id)
      if (type) return partnerTypeBody(type)
      const suggestions = closestPartnerTypes(request.params.id).map(partnerTypeBody)
      return sendProblem(
        reply,
        problem('PARTNER_TYPE_NOT_FOUND', request, {
          detail: `No partner type has the id "${request.params.id}". Closest: ${suggestions.map((t) => t.id).join(', ')}.`,
          suggestions,
        }),
      )
    },
  )

  return app
}
