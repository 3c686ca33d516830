// Fastify's own options for the service: logging, request ids, limits and timeouts, the errors
// Node raises before a request exists, and the compilers (zod in, our writers out).
import { randomBytes } from 'node:crypto'
import { STATUS_CODES, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { LogController, type FastifyHttpOptions, type FastifyServerOptions } from 'fastify'
import { validatorCompiler } from 'fastify-type-provider-zod'
import type { DestinationStream } from 'pino'
import type { Config } from './config.js'
import { lingeringEnd } from './connections.js'
import { problem, sendProblem } from './errors.js'
import { lazyChildLogger, stdoutLog } from './log.js'
import { isStreaming } from './routes/stream.js'
import { z } from 'zod'
import { BatchResultSchema, plainValidateEmailBody, ValidateEmailBodySchema, VerdictSchema } from './schemas.js'
import { batchJson, verdictJson } from './verdict-json.js'

// An incoming x-request-id is honoured when it looks like an id, so a caller's trace carries
// through; anything else (too long, odd characters) is replaced rather than logged.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

// The ids made here: a random prefix per process (48 bits: no two replicas or restarts share one
// in practice) and a count, so that ids are unique as UUIDs would be, ordered within a process,
// and cost a counter rather than random bytes and formatting on every request.
const ID_PREFIX = randomBytes(6).toString('hex')
let idCount = 0
const newRequestId = (): string => `${ID_PREFIX}-${(++idCount).toString(36)}`

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
type Validator = (data: unknown) => unknown
/** Checks of the bodies sent on every sign-up, answering as their schema does, without zod. */
const FAST_BODIES = new Map<unknown, (body: unknown) => unknown>([[ValidateEmailBodySchema, plainValidateEmailBody]])
const ACCEPT: Validator = () => true

/**
 * zod, except where it costs per request and can answer nothing but yes: header schemas of optional
 * strings (Accept-Language; Node gives every such header as a string) are for the document
 * only, and a body with a fast check above goes to zod only when that check does not take it.
 */
export function compileValidator(def: Parameters<typeof validatorCompiler>[0]): Validator {
  if (def.httpPart === 'headers' && optionalStrings(def.schema)) return ACCEPT
  const zod = validatorCompiler(def) as Validator
  const fast = FAST_BODIES.get(def.schema)
  if (!fast) return zod
  return (data) => {
    const value = fast(data)
    return value === null ? zod(data) : { value }
  }
}

function optionalStrings(schema: unknown): boolean {
  if (!(schema instanceof z.ZodObject)) return false
  // A string with no checks of its own (no max, no pattern): one with checks is validated.
  return Object.values(schema.shape as Record<string, unknown>).every((s) => {
    const inner: unknown = s instanceof z.ZodOptional ? s.unwrap() : null
    return inner instanceof z.ZodString && (inner._zod.def.checks ?? []).length === 0
  })
}

const SCHEMA_COMPILERS: FastifyServerOptions['schemaController'] = {
  compilersFactory: {
    // Fastify types these factories after its ajv compiler; the zod one works at the same place.
    buildValidator: (() => compileValidator) as unknown as CompilersFactory['buildValidator'],
    // A serialiser may give a Buffer, which Fastify sends as it is (its type says string only).
    buildSerializer: () => ({ schema }) => (SERIALIZERS.get(schema) as ((data: never) => string) | undefined) ?? JSON.stringify,
  },
}
// The verdicts, the answers on every sign-up, are written from fragments (see verdict-json.ts).
const SERIALIZERS = new Map<unknown, (data: never) => string | Buffer>([
  [VerdictSchema, verdictJson],
  [BatchResultSchema, batchJson],
])

export function serverOptions(config: Config, logStream?: DestinationStream): FastifyHttpOptions<Server> {
  return {
    // Logging off is no logger at all, rather than pino at "silent": Fastify then gives every
    // request the app's do-nothing logger instead of making it a child (~2 µs a request under load).
    ...(config.logLevel === 'silent'
      ? { logger: false }
      : { logger: { level: config.logLevel, stream: logStream ?? stdoutLog() }, childLoggerFactory: lazyChildLogger }),
    // One access line per request (src/plugins/access-log.ts), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newRequestId()
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
    // Requests that arrive while closing are still answered (src/plugins/lifecycle.ts), not refused.
    return503OnClosing: false,
    // zod validates requests. Responses are built by our own code against the same zod types,
    // and the tests hold them to the schemas: re-validating every response cost a third of a
    // request's time. Given here, rather than set later, so that Fastify does not load its
    // default (ajv) compilers at start.
    schemaController: SCHEMA_COMPILERS,
  }
}

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
