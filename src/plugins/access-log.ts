// One access line per request, at info, with what the route knows of its verdict (never the
// address: a keyed hash of it), and the request metrics. The request id goes back to the client.
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { symbols, type Logger } from 'pino'
import { safePath } from '../log.js'
import type { Metrics } from '../metrics.js'
import { PROBE_ROUTES } from './security.js'

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Facts about the verdict for the access log line, never the address itself; a function
     * when they cost something to work out, called only if the line is written.
     */
    logFacts: Record<string, unknown> | (() => Record<string, unknown>) | null
  }
}

export interface AccessLogOptions {
  logLevel: string
  metrics: Pick<Metrics, 'request'>
}

async function accessLog(app: FastifyInstance, { logLevel, metrics }: AccessLogOptions): Promise<void> {
  app.decorateRequest('logFacts', null)
  // The access line is at info: below that level its facts (a hash among them) go unworked.
  const writeLine = ['info', 'debug', 'trace'].includes(logLevel) ? accessLineWriter(app.log) : null
  const complete = (request: FastifyRequest, reply: FastifyReply): void => {
    const route = request.routeOptions.url ?? 'unmatched'
    metrics.request(request.method, route, reply.statusCode, reply.elapsedTime / 1000)
    // By the route already read: Fastify builds request.routeOptions anew on every read.
    if (writeLine && !PROBE_ROUTES.has(route) && route !== '/metrics') {
      const facts = typeof request.logFacts === 'function' ? request.logFacts() : request.logFacts
      writeLine(
        `,"reqId":${JSON.stringify(request.id)},"method":${JSON.stringify(request.method)},"url":${JSON.stringify(safePath(request.url))},"route":${JSON.stringify(route)}` +
          `,"status":${reply.statusCode},"durationMs":${Math.round(reply.elapsedTime * 100) / 100}${facts ? fields(facts) : ''}`,
      )
    }
  }
  // One callback hook for every request, rather than an onSend for the header and an onResponse
  // for the line: each hook and each response listener showed in the profile under load. An
  // answer that is a string or bytes is whole here (its duration is to the moment it is handed
  // to Node); a stream's line waits for its end, for its tally and its whole duration.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id)
    if (app.isDraining()) reply.header('connection', 'close')
    if (isStream(payload)) reply.raw.once('close', () => complete(request, reply))
    else complete(request, reply)
    done(null, payload)
  })
}

const isStream = (payload: unknown): boolean => payload !== null && typeof payload === 'object' && typeof (payload as { pipe?: unknown }).pipe === 'function'

export default fp(accessLog, { name: 'access-log', dependencies: ['lifecycle'] })

/**
 * The access line, written the way pino writes it for the app's logger (level, time, the
 * logger's own fields, the line's fields, msg), but from a string made here: pino's merge of a
 * fields object cost ~5 µs a request, the string ~1. It goes to pino's own stream, so it takes
 * the same way out as every other line. test/plugins/access-log.test.ts holds the two equal.
 */
function accessLineWriter(log: FastifyBaseLogger): (fields: string) => void {
  const internals = log as unknown as Record<symbol, unknown>
  const stream = internals[symbols.streamSym] as { write: (line: string) => void }
  const time = internals[symbols.timeSym] as () => string
  const bindings = internals[symbols.chindingsSym] as string
  const start = `{"level":${(log as Logger).levels.values.info}`
  return (fields) => stream.write(`${start}${time()}${bindings}${fields},"msg":"request completed"}\n`)
}

/** A line's further fields as pino writes them: in order, those that are undefined left out. */
function fields(facts: Record<string, unknown>): string {
  let out = ''
  for (const key in facts) {
    const value = facts[key]
    if (value !== undefined) out += `,"${key}":${JSON.stringify(value)}`
  }
  return out
}
