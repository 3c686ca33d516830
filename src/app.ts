// buildApp(config) is the whole service: tests and the server build the very same app.
// Every route is registered here, explicitly, so this one file shows the whole API.
import { randomUUID } from 'node:crypto'
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { DestinationStream } from 'pino'
import type { Config } from './config.js'
import { checkEmail, type CheckContext } from './core/check.js'
import { loadBaseLists } from './core/lists.js'
import { negotiateLang } from './core/messages.js'
import { loadRegistryFile } from './core/registry.js'
import { problem, problemFromError, sendProblem } from './errors.js'
import { emailHasher, safePath } from './log.js'
import { AcceptLanguageHeadersSchema, ProblemSchema, ValidateEmailBodySchema, VerdictSchema } from './schemas.js'

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
    return503OnClosing: true,
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
        summary: 'Check an email address before a partner account is created',
        description:
          'Answers 200 with a verdict for every well-formed request, whatever the address: form, Japanese IME input, disposable, free mail and partner registry, with reason codes and messages in the language of Accept-Language.',
        tags: ['validation'],
        headers: AcceptLanguageHeadersSchema,
        body: ValidateEmailBodySchema,
        response: { 200: VerdictSchema, 400: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (request, reply) => {
      const lang = negotiateLang(request.headers['accept-language'])
      const verdict = checkEmail(request.body.email, context, lang)
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

  return app
}
