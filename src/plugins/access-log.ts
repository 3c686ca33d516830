// One access line per request, at info, with what the route knows of its verdict (never the
// address: a keyed hash of it), and the request metrics. The request id goes back to the client.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { safePath } from '../log.js'
import type { Metrics } from '../metrics.js'
import { isProbe } from './security.js'

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
  const logged = ['info', 'debug', 'trace'].includes(logLevel)
  // Callback hooks, not async ones: they run on every request, and a promise per hook shows.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id)
    if (app.isDraining()) reply.header('connection', 'close')
    done(null, payload)
  })
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched'
    metrics.request(request.method, route, reply.statusCode, reply.elapsedTime / 1000)
    if (logged && !isProbe(request) && route !== '/metrics') {
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
}

export default fp(accessLog, { name: 'access-log', dependencies: ['lifecycle'] })
