// Who may call, how often, and from which browser origins: optional API keys, a per-client
// rate limit and CORS. Health and readiness are always open; metrics and docs are open unless
// PROTECT_DOCS_AND_METRICS says otherwise.
import { createHash, timingSafeEqual } from 'node:crypto'
import fastifyCors from '@fastify/cors'
import fastifyRateLimit, { type CreateRateLimitOptions } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from './config.js'
import { problem, sendProblem } from './errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Which configured API key the request presented ("key-1" …): never the key itself. */
    apiKeyId: string | null
  }
}

/** Routes a probe or a scraper calls: never behind a key, never rate limited, not access-logged. */
export const PROBE_ROUTES = new Set(['/healthz', '/readyz'])
const OPS_PREFIXES = ['/metrics', '/docs', '/openapi.json']

export const isProbe = (request: FastifyRequest): boolean => PROBE_ROUTES.has(request.routeOptions.url ?? '')
const isOps = (request: FastifyRequest): boolean => OPS_PREFIXES.some((p) => (request.routeOptions.url ?? '').startsWith(p))

const digest = (key: string): Buffer => createHash('sha256').update(key).digest()

/**
 * Compares a presented key with every configured one in constant time: each comparison is of
 * two SHA-256 digests of equal length, and all keys are compared whatever the outcome.
 */
export function keyMatcher(keys: readonly string[]): (presented: string) => string | null {
  const digests = keys.map(digest)
  return (presented) => {
    const d = digest(presented)
    let found = -1
    digests.forEach((k, i) => {
      if (timingSafeEqual(k, d) && found < 0) found = i
    })
    return found < 0 ? null : `key-${found + 1}`
  }
}

function presentedKey(request: FastifyRequest): string | null {
  const auth = request.headers.authorization
  if (typeof auth === 'string' && auth.slice(0, 7).toLowerCase() === 'bearer ') return auth.slice(7).trim()
  const header = request.headers['x-api-key']
  return typeof header === 'string' ? header : null
}

/** @param sharedStore the limiter's store when its counts are shared (src/rate-limit-store.ts) */
export async function registerSecurity(app: FastifyInstance, config: Config, sharedStore: Pick<CreateRateLimitOptions, 'store' | 'skipOnError'> = {}): Promise<void> {
  app.decorateRequest('apiKeyId', null)

  if (config.corsOrigins.length > 0) {
    await app.register(fastifyCors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id', 'accept-language'],
      exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
      maxAge: 600,
    })
  }

  // Which key a request presents, if any: worked out once, by whichever hook asks first.
  const match = config.apiKeys.length > 0 ? keyMatcher(config.apiKeys) : null
  const identify = (request: FastifyRequest): string | null => {
    if (request.apiKeyId === null && match) {
      const key = presentedKey(request)
      request.apiKeyId = key === null ? null : match(key)
    }
    return request.apiKeyId
  }

  if (match) {
    // After the rate limit (onRequest), so that guessing keys is limited too (by address).
    app.addHook('preParsing', async (request, reply) => {
      // A CORS preflight carries no credentials by design.
      if (request.method === 'OPTIONS' || isProbe(request) || (isOps(request) && !config.protectDocsAndMetrics)) return
      if (!identify(request)) {
        reply.header('www-authenticate', 'Bearer realm="email-prevalidation"')
        return sendProblem(reply, problem('UNAUTHORIZED', request))
      }
    })
  }

  if (config.rateLimitPerMinute > 0) {
    await app.register(fastifyRateLimit, {
      global: true,
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      // The portals call from a few backend servers: limit per API key where there is one.
      keyGenerator: (request) => identify(request) ?? request.ip,
      allowList: (request) => isProbe(request) || isOps(request),
      errorResponseBuilder: (_request, context) => Object.assign(new Error('rate limited'), { statusCode: context.statusCode }),
      ...sharedStore,
    })
  }
}
