// buildApp(config) is the whole service: tests and the server build the very same app.
// Every route is registered here, explicitly, so this one file shows the whole API.
import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { domainToASCII } from 'node:url'
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { DestinationStream } from 'pino'
import { z } from 'zod'
import { mapLimit } from './concurrency.js'
import { SAMPLE_PARTNERS_FILE, type Config } from './config.js'
import { lingeringEnd, trackConnections } from './connections.js'
import { checkEmail, describeDomain, partnerTypeBody, type CheckContext } from './core/check.js'
import { withDeliverability } from './core/deliverability.js'
import { loadBaseLists } from './core/lists.js'
import { negotiateLang } from './core/messages.js'
import { closestPartnerTypes, PARTNER_TYPES, partnerTypeById, resolvePartnerType, type PartnerType } from './core/partner-types.js'
import { mapInSlices } from './budget.js'
import { DeliverabilityChecker } from './dns.js'
import { registerPages } from './pages.js'
import { loadRegistryFile } from './core/registry.js'
import { problem, problemFromError, sendProblem } from './errors.js'
import { hasDuplicateKeys } from './json-duplicates.js'
import { emailHasher, lazyChildLogger, safePath, stdoutLog } from './log.js'
import { createMetrics } from './metrics.js'
import { registerDocs } from './openapi.js'
import { RegistryStore } from './registry-store.js'
import { registrySource } from './registry-source.js'
import { sharedRateLimit, type SharedRateLimit } from './rate-limit-store.js'
import {
  AcceptLanguageHeadersSchema,
  API_PROBLEMS,
  API_SECURITY,
  BATCH_MAX,
  BatchBodySchema,
  BatchResultSchema,
  COMMON_PROBLEMS,
  DomainParamsSchema,
  DomainReportSchema,
  HealthSchema,
  PartnerTypeIdParamsSchema,
  PartnerTypeListSchema,
  PartnerTypeLookupQuerySchema,
  PartnerTypeLookupSchema,
  PartnerTypeSchema,
  problemResponse,
  ReadinessSchema,
  RegistryStatusSchema,
  ValidateEmailBodySchema,
  VerdictSchema,
} from './schemas.js'
import { isProbe, registerSecurity } from './security.js'
import { isStreaming, registerStream } from './stream.js'
import { batchInSlices, batchJson, verdictJson } from './verdict-json.js'

export interface BuildOptions {
  /** Where logs go (stdout when not given); tests pass a stream to read them. */
  logStream?: DestinationStream
}

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Facts about the verdict for the access log line, never the address itself; a function
     * when they cost something to work out, called only if the line is written.
     */
    logFacts: Record<string, unknown> | (() => Record<string, unknown>) | null
  }
  interface FastifyInstance {
    /** Reads the registry file again; the last good registry keeps serving if it fails. */
    reloadRegistry(trigger: string): Promise<void>
    /** Reports not-ready from now on (the first step of a graceful shutdown). */
    drain(): void
    registryStore: RegistryStore
    /** The rate limit's shared Redis store, when RATE_LIMIT_REDIS_URL is set. */
    sharedRateLimit: SharedRateLimit | null
  }
}

// An incoming x-request-id is honoured when it looks like an id, so a caller's trace carries
// through; anything else (too long, odd characters) is replaced rather than logged.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * Answers an HTTP-level error (bad framing, headers too large, a timeout) on the raw socket, in
 * the same problem+json shape as every other error, then closes the connection.
 */
function clientError(err: { code?: string }, socket: Socket): void {
  // A stream may take longer than REQUEST_TIMEOUT_MS to send; it has an idle timeout of its own.
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT' && isStreaming(socket)) return
  // Answered already (Node's parser reports each further chunk of a broken request again, and
  // the answer is lingering), or the client is gone.
  if (!socket.writable) return
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const body = JSON.stringify(
    status === 400
      ? problem('BAD_REQUEST', undefined, { detail: 'The request is not valid HTTP/1.1.' })
      : status === 408
        ? problem('REQUEST_TIMEOUT')
        : problem('BAD_REQUEST', undefined, { status: 431, title: 'Request header fields too large', detail: 'The request line or headers are too large.' }),
  )
  // Read and drop what the client still sends, so that it gets to read the answer.
  lingeringEnd(
    socket,
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
const SCHEMA_COMPILERS: FastifyServerOptions['schemaController'] = {
  compilersFactory: {
    // Fastify types these factories after its ajv compiler; the zod one works at the same place.
    buildValidator: (() => validatorCompiler) as unknown as CompilersFactory['buildValidator'],
    buildSerializer: () => ({ schema }) => SERIALIZERS.get(schema) ?? JSON.stringify,
  },
}
// The verdicts, the answers on every sign-up, are written from fragments (see verdict-json.ts).
const SERIALIZERS = new Map<unknown, (data: never) => string>([
  [VerdictSchema, verdictJson],
  [BatchResultSchema, batchJson],
])

/** The batch route's body limit: 1,000 long addresses fit. */
const BATCH_BODY_LIMIT = 512 * 1024

/** The chosen partner type: null when none was chosen, undefined when no type has that name. */
function resolveChosenType(name: string | undefined): PartnerType | null | undefined {
  if (!name) return null
  return resolvePartnerType(name)?.type
}

function unknownPartnerType(request: FastifyRequest, name: string) {
  const names = PARTNER_TYPES.map((t) => `${t.en} (${t.ja})`).join(', ')
  return problem(
    'UNKNOWN_PARTNER_TYPE',
    request,
    { detail: `partnerType "${name}" matches no partner type. Valid types: ${names}.`, validTypes: PARTNER_TYPES.map(partnerTypeBody) },
    { detail: `partnerType「${name}」に一致するパートナータイプがありません。有効なタイプ: ${PARTNER_TYPES.map((t) => `${t.ja}（${t.en}）`).join('、')}。` },
  )
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const lists = await loadBaseLists()
  const store = await RegistryStore.open(registrySource(config), lists)
  const checkOptions = { allowSmtputf8: config.allowSmtputf8, roleAccounts: config.roleAccounts }
  // The API document's examples are computed against the sample registry whatever the
  // configuration, so the document is the same everywhere (and matches the committed one).
  const sample: CheckContext = {
    lists,
    registry: store.file === SAMPLE_PARTNERS_FILE ? store.current : await loadRegistryFile(SAMPLE_PARTNERS_FILE, lists),
    options: { allowSmtputf8: false, roleAccounts: 'warn' },
  }
  const hashEmail = emailHasher(config.logHashKey)
  const metrics = createMetrics()
  const dns = new DeliverabilityChecker(config.dnsServers, config.dnsTimeoutMs)
  metrics.watchDnsLookups(() => dns.lookups)

  const app = Fastify({
    logger: { level: config.logLevel, stream: options.logStream ?? stdoutLog() },
    // One access line per request, written in onResponse below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLogger,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    bodyLimit: config.bodyLimit,
    // A domain in /domains/{domain} can be 253 characters long, more in Unicode.
    routerOptions: { maxParamLength: 512 },
    trustProxy: config.trustProxy,
    // A slow or stalled client cannot hold a connection (slowloris); idle keep-alive
    // connections outlive the load balancer's own idle timeout.
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    // A client that never reads its answer (a batch answer is ~750 KB) holds it in memory until
    // the socket has been quiet this long; and only so many such clients at once.
    connectionTimeout: config.socketTimeoutMs,
    // Node checks those timeouts only every 30 s and gives headers 60 s unless told otherwise.
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: Math.min(config.requestTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs),
      // A request without Host is answered by the API (a problem), not refused bodiless by Node.
      requireHostHeader: false,
    },
    // Errors Node's parser raises before a request exists: answered as problem+json too.
    clientErrorHandler: (err, socket) => clientError(err, socket),
    // A path that is not valid percent-encoding, and such: problems from the catalogue.
    frameworkErrors: (err, request, reply) => {
      // Not echoing Fastify's message: it quotes the path, which may hold an address.
      void sendProblem(reply, problem('BAD_REQUEST', request, { detail: `The request path is not valid (${err.code}).` }))
    },
    // Requests that arrive while closing are still answered (below), not refused.
    return503OnClosing: false,
    // zod validates requests. Responses are built by our own code against the same zod types,
    // and the tests hold them to the schemas: re-validating every response cost a third of a
    // request's time. Given here, rather than set later, so that Fastify does not load its
    // default (ajv) compilers at start.
    schemaController: SCHEMA_COMPILERS,
  }).withTypeProvider<ZodTypeProvider>()
  const connections = trackConnections(app.server)
  app.server.maxConnections = config.maxConnections
  metrics.watchConnections(() => new Promise((resolve) => app.server.getConnections((_err, n) => resolve(n))))

  // Node answers an unknown Expect with a bodiless 417 unless asked: say what is wrong instead.
  app.server.on('checkExpectation', (_req, res) => {
    const body = JSON.stringify(problem('BAD_REQUEST', undefined, { status: 417, title: 'Expectation failed', detail: 'Only "Expect: 100-continue" is supported.' }))
    res.writeHead(417, { 'content-type': 'application/problem+json; charset=utf-8', connection: 'close' }).end(body)
  })
  app.decorateRequest('logFacts', null)
  // The API speaks JSON only: a text/plain body is a wrong content type (415), not a bad field.
  app.removeContentTypeParser('text/plain')
  // Fastify's own JSON parser (prototype keys refused), after the duplicate-key check.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (hasDuplicateKeys(body as string)) return done(Object.assign(new Error('duplicate JSON key'), { statusCode: 400, code: 'DUPLICATE_JSON_KEY' }), undefined)
    parseJson(request, body as string, done)
  })

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
    else if (!result.unchanged) {
      app.log.info({ trigger: result.trigger, partners: store.current.partners.length, domains: store.current.domainCount }, 'partner registry reloaded')
      for (const warning of store.current.warnings) app.log.warn({ file: store.file, warning }, 'partner registry: check this entry')
    }
    else app.log.debug({ trigger: result.trigger }, 'partner registry unchanged')
  })
  metrics.registryLoad(store.lastLoad, store.current)
  for (const warning of config.warnings) app.log.warn({ warning }, 'configuration: check this setting')
  for (const warning of store.current.warnings) app.log.warn({ file: store.file, warning }, 'partner registry: check this entry')
  const usingSample = store.file === SAMPLE_PARTNERS_FILE
  const sampleWarning =
    usingSample && config.sampleRegistryInProduction
      ? 'PARTNERS_FILE is not set: the fictitious SAMPLE registry is serving and every real partner will be refused as NOT_PARTNER. Set PARTNERS_FILE to your partner registry.'
      : undefined
  if (sampleWarning) app.log.warn({ partnersFile: store.file }, `!!! ${sampleWarning} !!!`)
  const registrySummary = () => ({
    sample: usingSample,
    ...(sampleWarning ? { warning: sampleWarning } : {}),
    partners: store.current.partners.length,
    domains: store.current.domainCount,
    loadedAt: store.loadedAt.toISOString(),
  })
  const registryStatus = () => {
    const last = store.lastLoad
    return {
      ...registrySummary(),
      source: store.file,
      lastLoad: { at: last.at.toISOString(), trigger: last.trigger, ok: last.ok, ...(last.error ? { error: last.error } : {}) },
      warnings: store.current.warnings,
    }
  }
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
    // Keep-alive connections are closed after their next answer or once quiet, never reset.
    await connections.drain()
  })
  app.addHook('onClose', async () => {
    metrics.close()
    await store.close()
  })

  const shared = sharedRateLimit(config, app.log, metrics.registry)
  if (shared) app.addHook('onClose', async () => shared.close())
  app.decorate('sharedRateLimit', shared)
  await registerSecurity(
    app,
    config,
    shared?.limiterOptions(app.log),
    shared && ((client, addresses) => shared.chargeAddresses(client, addresses, config.rateLimitPerMinute, app.log)),
  )
  await registerDocs(app, sample)

  // The access line is at info: below that level its facts (a hash among them) go unworked.
  const accessLog = ['info', 'debug', 'trace'].includes(config.logLevel)
  // Callback hooks, not async ones: they run on every request, and a promise per hook shows.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id)
    if (draining) reply.header('connection', 'close')
    done(null, payload)
  })
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched'
    metrics.request(request.method, route, reply.statusCode, reply.elapsedTime / 1000)
    if (accessLog && !isProbe(request) && route !== '/metrics') {
      const facts = typeof request.logFacts === 'function' ? request.logFacts() : request.logFacts
      // The app's logger, with the request id: a request's own logger is made only on demand.
      app.log.info(
        {
          reqId: request.id,
          method: request.method,
          url: safePath(request.url),
          route,
          status: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 100) / 100,
          ...facts,
        },
        'request completed',
      )
    }
    done()
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
    async () => registryStatus(),
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
    async (request, reply) => {
      const lang = negotiateLang(request.headers['accept-language'])
      const { email, partnerType: typeName, checkDeliverability } = request.body
      const partnerType = resolveChosenType(typeName)
      if (partnerType === undefined) return sendProblem(reply, unknownPartnerType(request, typeName!))
      // One read of the store: this request sees one registry from start to end.
      const context = { lists, registry: store.current, options: checkOptions }
      let verdict = checkEmail(email, context, lang, partnerType)
      if ((checkDeliverability ?? config.deliverabilityCheck) && verdict.domain) {
        verdict = withDeliverability(verdict, await dns.check(domainToASCII(verdict.domain)), lang)
      }
      metrics.verdict(verdict)
      request.logFacts = () => ({
        emailHash: hashEmail(verdict.email),
        domain: verdict.domain,
        accepted: verdict.accepted,
        reasons: verdict.reasons.map((r) => r.code),
      })
      reply.header('content-language', lang)
      return verdict
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
      const context = { lists, registry: store.current, options: checkOptions }
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

  // POST /validate-email/stream: NDJSON in and out, line by line (src/stream.ts).
  await registerStream(app, {
    config,
    context: () => ({ lists, registry: store.current, options: checkOptions }),
    dns,
    metrics,
    charge: (request, lines) => app.chargeAddresses(request, lines),
    resolveType: resolveChosenType,
    unknownType: unknownPartnerType,
  })

  // The widget's script, the sign-up demo and the helpdesk console (src/pages.ts).
  registerPages(app, config)

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
    async (request) => describeDomain(request.params.domain, { lists, registry: store.current, options: checkOptions }),
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
        problem(
          'PARTNER_TYPE_NOT_FOUND',
          request,
          { detail: `No partner type is called "${name}". Closest: ${suggestions.map((t) => `${t.en} (${t.ja})`).join(', ')}.`, suggestions },
          { detail: `「${name}」という名前のパートナータイプはありません。近いもの: ${suggestions.map((t) => `${t.ja}（${t.en}）`).join('、')}。` },
        ),
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
        problem(
          'PARTNER_TYPE_NOT_FOUND',
          request,
          { detail: `No partner type has the id "${request.params.id}". Closest: ${suggestions.map((t) => t.id).join(', ')}.`, suggestions },
          { detail: `ID「${request.params.id}」のパートナータイプはありません。近いもの: ${suggestions.map((t) => t.id).join('、')}。` },
        ),
      )
    },
  )

  return app
}
