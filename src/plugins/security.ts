// Who may call, how often, and from which browser origins: optional API keys, a per-client
// rate limit and CORS. Health and readiness are always open; metrics and docs are open unless
// PROTECT_DOCS_AND_METRICS says otherwise, and have a rate limit of their own.
import { createHash, timingSafeEqual } from 'node:crypto'
import fastifyCors from '@fastify/cors'
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { AddressBudget, type Charge } from '../budget.js'
import { problem, sendProblem } from '../errors.js'
import type { Metrics } from '../metrics.js'
import type { SharedRateLimit } from '../rate-limit-store.js'
import { PAGE_PREFIXES } from '../routes/pages.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Which configured API key the request presented ("key-1" …): never the key itself. */
    apiKeyId: string | null
  }
  interface FastifyInstance {
    /** The rate limit's shared Redis store, when RATE_LIMIT_REDIS_URL is set. */
    sharedRateLimit: SharedRateLimit | null
    /**
     * Charges a client's address budget (RATE_LIMIT_PER_MINUTE) for checks a request asks for
     * as it goes (the stream's lines); false when that would pass the limit. Always true with
     * no limit.
     */
    chargeAddresses(request: FastifyRequest, addresses: number): boolean
  }
  interface FastifyContextConfig {
    /** How many addresses a request to this route asks to check, from its validated body. */
    addresses?: (body: unknown) => number
  }
}

/** Routes a probe or a scraper calls: never behind a key, never rate limited, not access-logged. */
export const PROBE_ROUTES = new Set(['/healthz', '/readyz'])
const OPS_PREFIXES = ['/metrics', '/docs', '/openapi.json']

export const isProbe = (request: FastifyRequest): boolean => PROBE_ROUTES.has(request.routeOptions.url ?? '')
const isOps = (request: FastifyRequest): boolean => OPS_PREFIXES.some((p) => (request.routeOptions.url ?? '').startsWith(p))
// The pages hold no data (their scripts call the API with a key), so a browser loads them without one.
const isPage = (request: FastifyRequest): boolean => PAGE_PREFIXES.some((p) => (request.routeOptions.url ?? '').startsWith(p))

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

export interface SecurityOptions {
  config: Config
  /** Where the shared rate limit's connection reports itself. */
  metrics: Pick<Metrics, 'registry'>
}

async function security(app: FastifyInstance, { config, metrics }: SecurityOptions): Promise<void> {
  // Counts shared by every replica through Redis when RATE_LIMIT_REDIS_URL is set. Its client
  // (ioredis) is loaded only then: reading it was ~30 ms of every start.
  const shared = config.rateLimitRedisUrl ? (await import('../rate-limit-store.js')).sharedRateLimit(config, app.log, metrics.registry) : null
  if (shared) app.addHook('onClose', async () => shared.close())
  app.decorate('sharedRateLimit', shared)
  app.decorateRequest('apiKeyId', null)
  await registerCors(app, config)
  const keys = keyIdentity(config)
  if (keys.publicMatch) app.addHook('preParsing', publicKeyCheck(config))
  if (keys.match) app.addHook('preParsing', apiKeyCheck(config, keys.identify))

  if (config.rateLimitPerMinute > 0 || config.opsRateLimitPerMinute > 0) {
    await app.register(fastifyRateLimit, {
      global: config.rateLimitPerMinute > 0,
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      // The portals call from a few backend servers: limit per API key where there is one.
      keyGenerator: keys.client,
      allowList: (request) => isProbe(request) || isOps(request),
      errorResponseBuilder: (_request, context) => Object.assign(new Error('rate limited'), { statusCode: context.statusCode }),
      ...(shared?.limiterOptions(app.log) ?? {}),
    })
  }
  addressBudget(app, config, keys.client, shared && ((client, addresses) => shared.chargeAddresses(client, addresses, config.rateLimitPerMinute, app.log)))
  if (config.opsRateLimitPerMinute > 0) opsRateLimit(app, config, keys.client)

  function publicKeyCheck(config: Config) {
    const publicOrigins = config.publicKeys.map((k) => new Set(k.origins))
    return async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method === 'OPTIONS' || isProbe(request)) return
      const id = keys.identify(request)
      if (!id?.startsWith('public-')) return
      if (request.method !== 'POST' || request.routeOptions.url !== '/validate-email') return sendProblem(reply, problem('PUBLIC_KEY_ROUTE', request))
      const origin = request.headers.origin
      if (typeof origin !== 'string' || !publicOrigins[Number(id.slice(7)) - 1]!.has(origin)) return sendProblem(reply, problem('ORIGIN_NOT_ALLOWED', request))
    }
  }
}

export default fp(security, { name: 'security' })

async function registerCors(app: FastifyInstance, config: Config): Promise<void> {
  // A preflight carries no key: it is answered for every public key's origin, and the real
  // request is then held to its own key's origins (ORIGIN_NOT_ALLOWED).
  const corsOrigins = [...new Set([...config.corsOrigins, ...config.publicKeys.flatMap((k) => k.origins)])]
  if (corsOrigins.length === 0) return
  await app.register(fastifyCors, {
    origin: corsOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id', 'accept-language'],
    exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-addresses-remaining'],
    maxAge: 600,
  })
}

/** Which key a request presents, if any (worked out once, by whichever hook asks first), and who it counts as. */
function keyIdentity(config: Config) {
  const match = config.apiKeys.length > 0 ? keyMatcher(config.apiKeys) : null
  const publicMatch = config.publicKeys.length > 0 ? keyMatcher(config.publicKeys.map((k) => k.key)) : null
  const identify = (request: FastifyRequest): string | null => {
    if (request.apiKeyId === null && (match || publicMatch)) {
      const key = presentedKey(request)
      const secret = key === null || !match ? null : match(key)
      const pub = key === null || secret || !publicMatch ? null : publicMatch(key)
      request.apiKeyId = secret ?? (pub && `public-${pub.slice(4)}`)
    }
    return request.apiKeyId
  }
  // A public key is shared by every browser on its sites: its limits count per key and client.
  const client = (request: FastifyRequest): string => {
    const id = identify(request)
    return id === null ? request.ip : id.startsWith('public-') ? `${id}:${request.ip}` : id
  }
  return { match, publicMatch, identify, client }
}

function apiKeyCheck(config: Config, identify: (request: FastifyRequest) => string | null) {
  // After the rate limit (onRequest), so that guessing keys is limited too (by address).
  return async (request: FastifyRequest, reply: FastifyReply) => {
    // A CORS preflight carries no credentials by design.
    if (request.method === 'OPTIONS' || isProbe(request) || isPage(request) || (isOps(request) && !config.protectDocsAndMetrics)) return
    if (!identify(request)) {
      reply.header('www-authenticate', 'Bearer realm="email-prevalidation"')
      return sendProblem(reply, problem('UNAUTHORIZED', request))
    }
  }
}

/** Charges a batch's or a check's addresses to a count every replica shares; null when it cannot answer. */
export type SharedCharge = (client: string, addresses: number) => Promise<Charge | null>

/**
 * The checks count addresses: the request limit lets a batch of 1,000 through as one, and it
 * costs the event loop what 1,000 single checks cost. Charged once the body is validated (the
 * count is known), all or nothing.
 */
function addressBudget(app: FastifyInstance, config: Config, client: (request: FastifyRequest) => string, sharedCharge: SharedCharge | null): void {
  const limit = config.rateLimitPerMinute
  if (limit === 0) {
    app.decorate('chargeAddresses', () => true)
    return
  }
  const budget = new AddressBudget(limit)
  app.decorate('chargeAddresses', (request: FastifyRequest, addresses: number) => budget.charge(client(request), addresses).ok)
  // Only on the routes that say what they check (the stream charges its lines as it reads them).
  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.addresses) return
    const wanted = request.routeOptions.config.addresses(request.body)
    const who = client(request)
    // Shared by the replicas when Redis answers; this process's own count when it does not,
    // so that a Redis outage leaves each replica its limit rather than none.
    const charge = (sharedCharge && (await sharedCharge(who, wanted))) ?? budget.charge(who, wanted)
    reply.header('x-ratelimit-addresses-remaining', Math.max(0, charge.remaining))
    if (charge.ok) return
    reply.header('retry-after', charge.retryAfter)
    return sendProblem(reply, budgetProblem(request, wanted, limit, Math.max(0, charge.remaining)))
  })
}

function budgetProblem(request: FastifyRequest, wanted: number, limit: number, left: number) {
  return wanted > limit
    ? problem(
        'RATE_LIMITED',
        request,
        { detail: `This request asks to check ${wanted} addresses, more than the ${limit} a minute this client may check: send at most ${limit} at a time.` },
        { detail: `このリクエストは ${wanted} 件のアドレスを確認しようとしていますが、このクライアントが1分間に確認できるのは ${limit} 件までです。一度に ${limit} 件以下でお送りください。` },
      )
    : problem(
        'RATE_LIMITED',
        request,
        { detail: `This request asks to check ${wanted} addresses and ${left} of the ${limit} a minute this client may check are left. Retry after the seconds in Retry-After, or send fewer at a time.` },
        { detail: `このリクエストは ${wanted} 件のアドレスを確認しようとしていますが、このクライアントが1分間に確認できる ${limit} 件のうち、残りは ${left} 件です。Retry-After ヘッダーの秒数が経過してから再度お試しいただくか、件数を減らしてお送りください。` },
      )
}

/**
 * Metrics, docs and the OpenAPI document have a count of their own, per client: a scraper or a
 * person reading the docs needs a few a minute, and a flood of them must not take the event loop
 * from the checks (unlimited, 7,000 scrapes in 15 s slowed keyed checks 50-fold).
 */
function opsRateLimit(app: FastifyInstance, config: Config, client: (request: FastifyRequest) => string): void {
  const limit = app.createRateLimit({ max: config.opsRateLimitPerMinute, timeWindow: 60_000, allowList: () => false, keyGenerator: client })
  const check = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await limit(request)
    if (result.isAllowed || !result.isExceeded) return
    reply.header('retry-after', result.ttlInSeconds)
    return sendProblem(reply, problem('RATE_LIMITED', request))
  }
  // On the ops routes alone, rather than a hook that asks every request whether it is one: a
  // promise per sign-up check showed in its profile. (A new array: the HEAD route Fastify makes
  // of a GET one was copied from the same options, and gets this hook through onRoute itself.)
  app.addHook('onRoute', (route) => {
    if (!OPS_PREFIXES.some((p) => route.url.startsWith(p))) return
    route.onRequest = [route.onRequest, check].flat().filter((hook) => hook !== undefined)
  })
}
