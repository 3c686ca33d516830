// buildApp(config) is the whole service: tests and the server build the very same app.
// Every route is registered here, explicitly, so this one file shows the whole API.
import { randomUUID } from 'node:crypto'
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { DestinationStream } from 'pino'
import { SAMPLE_PARTNERS_FILE, type Config } from './config.js'
import { checkEmail, partnerTypeBody, type CheckContext } from './core/check.js'
import { loadBaseLists } from './core/lists.js'
import { negotiateLang } from './core/messages.js'
import { closestPartnerTypes, PARTNER_TYPES, partnerTypeById, resolvePartnerType } from './core/partner-types.js'
import { loadRegistryFile } from './core/registry.js'
import { problem, problemFromError, sendProblem } from './errors.js'
import { emailHasher, safePath } from './log.js'
import { registerDocs } from './openapi.js'
import {
  AcceptLanguageHeadersSchema,
  PartnerTypeIdParamsSchema,
  PartnerTypeListSchema,
  PartnerTypeLookupQuerySchema,
  PartnerTypeLookupSchema,
  PartnerTypeSchema,
  COMMON_PROBLEMS,
  problemResponse,
  ValidateEmailBodySchema,
  VerdictSchema,
} from './schemas.js'

export interface BuildOptions {
  /** Where logs go (stdout when not given); tests pass a stream to read them. */
  logStream?: DestinationStream
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Facts about the verdict for the access log line: never the address itself. */
    logFacts: Record<string, unknown> | null
  }
}

// An incoming x-request-id is honoured when it looks like an id, so a caller's trace carries
// through; anything else (too long, odd characters) is replaced rather than logged.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const lists = await loadBaseLists()
  const registry = await loadRegistryFile(config.partnersFile, lists)
  const context: CheckContext = { lists, registry, options: { allowSmtputf8: config.allowSmtputf8 } }
  // The API document's examples are computed against the sample registry whatever the
  // configuration, so the document is the same everywhere (and matches the committed one).
  const sample: CheckContext =
    config.partnersFile === SAMPLE_PARTNERS_FILE && !config.allowSmtputf8
      ? context
      : { lists, registry: await loadRegistryFile(SAMPLE_PARTNERS_FILE, lists), options: { allowSmtputf8: false } }
  const hashEmail = emailHasher(config.logHashKey)

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
    // Refused during shutdown below, as a problem+json like every other error.
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

  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onRequest', async (request, reply) => {
    if (closing) {
      reply.header('connection', 'close')
      return sendProblem(reply, problem('SERVICE_UNAVAILABLE', request))
    }
  })
  await registerDocs(app, sample)

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: safePath(request.url),
        route: request.routeOptions.url,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        ...request.logFacts,
      },
      'request completed',
    )
  })

  app.post(
    '/validate-email',
    {
      schema: {
        operationId: 'validateEmail',
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
          ...COMMON_PROBLEMS,
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
      const verdict = checkEmail(email, context, lang, partnerType?.type ?? null)
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
        summary: 'List the seven partner types',
        description: 'Every partner type of the partner programme with its English (contract) and Japanese (portal) name, in the programme’s order.',
        tags: ['partner types'],
        response: { 200: PartnerTypeListSchema, ...COMMON_PROBLEMS },
      },
    },
    async () => ({ partnerTypes: PARTNER_TYPES.map(partnerTypeBody) }),
  )

  app.get(
    '/partner-types/lookup',
    {
      schema: {
        operationId: 'lookupPartnerType',
        summary: 'Resolve a partner type name, in any reasonable spelling, to its type',
        description:
          'Accepts the English or Japanese name in any case, width or spacing (ﾘｾﾗｰ, Alliance Partners / OEM), without the final long-vowel mark (システムインテグレータ), common short names (ISV, SIer, Reseller, OEM) and one typo. An unknown name gets 404 with the closest types.',
        tags: ['partner types'],
        querystring: PartnerTypeLookupQuerySchema,
        response: {
          200: PartnerTypeLookupSchema,
          400: problemResponse('name is missing, empty or longer than 200 characters (VALIDATION_FAILED).'),
          404: problemResponse('No partner type has that name, or the name is ambiguous (PARTNER_TYPE_NOT_FOUND, with the closest types in suggestions).'),
          ...COMMON_PROBLEMS,
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
        summary: 'One partner type, by id',
        tags: ['partner types'],
        params: PartnerTypeIdParamsSchema,
        response: {
          200: PartnerTypeSchema,
          404: problemResponse('No partner type has that id (PARTNER_TYPE_NOT_FOUND, with the closest types in suggestions).'),
          ...COMMON_PROBLEMS,
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
