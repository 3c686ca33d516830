// The rate limit's counts in Redis (or Valkey), shared by every replica and kept across restarts
// (issue 23). The counting is @fastify/rate-limit's own RedisStore (one Lua script a request);
// this file adds what a sign-up form needs around it: a bounded wait, and when Redis is slow or
// away the request goes through (fail open, through the limiter's skipOnError) with a warning
// and a metric, never a 5xx. ioredis reconnects by itself; the limits apply again when it does.
import { createRequire } from 'node:module'
import { EventEmitter } from 'node:events'
import type { CreateRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit'
import type { FastifyBaseLogger } from 'fastify'
import { Redis } from 'ioredis'
import { Counter, Gauge, type Registry } from 'prom-client'
import type { Charge } from './budget.js'
import type { Config } from './config.js'

interface RedisStoreCtor {
  new (continueExceeding: boolean, exponentialBackoff: boolean, redis: Redis, key?: string): FastifyRateLimitStore & {
    read(key: string, cb: StoreCallback, timeWindow: number, max: number): void
  }
}
type StoreCallback = (error: Error | null, result?: { current: number; ttl: number }) => void

// The plugin's own store, which it builds when given `redis`; taken by its path (the package
// has no exports map) so that every call can be watched for failures.
const RedisStore = createRequire(import.meta.url)('@fastify/rate-limit/store/RedisStore.js') as RedisStoreCtor

/** Keys are namespaced, so that the service can share a Redis with others. */
export const KEY_PREFIX = 'email-prevalidation:rate-limit:'
/** The address budget's keys: one fixed window per client, like the per-process AddressBudget. */
export const ADDRESS_KEY_PREFIX = 'email-prevalidation:addresses:'

// All or nothing, atomically: a charge that would pass the limit adds nothing. Returns
// {charged, used after, milliseconds left in the window}.
const CHARGE_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
local amount = tonumber(ARGV[1])
if ttl < 0 then ttl = tonumber(ARGV[3]) end
if used + amount > tonumber(ARGV[2]) then return {0, used, ttl} end
used = redis.call('INCRBY', KEYS[1], amount)
if used == amount then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return {1, used, ttl}`
/** Longest pause between two reconnection attempts while Redis is away. */
const MAX_RECONNECT_DELAY_MS = 2000
const WARN_EVERY_MS = 10_000

export interface SharedRateLimitEvents {
  up: []
  down: [string]
}

/** The connection's state as the service sees it, for logs, metrics and tests. */
export class SharedRateLimit extends EventEmitter<SharedRateLimitEvents> {
  readonly client: Redis
  #up = false
  #warnedAt = -Infinity
  #unlogged = 0
  readonly #failures: Counter
  readonly #upGauge: Gauge

  constructor(url: URL, timeoutMs: number, log: FastifyBaseLogger, registry: Registry) {
    super()
    this.#failures = new Counter({
      name: 'rate_limit_store_failures_total',
      help: 'Requests let through without a rate-limit count because Redis (RATE_LIMIT_REDIS_URL) was slow or unreachable (fail open).',
      registers: [registry],
    })
    this.#upGauge = new Gauge({ name: 'rate_limit_store_up', help: '1 while the rate limit’s Redis is connected, 0 while requests go through uncounted.', registers: [registry] })
    this.client = new Redis(url.href, {
      // Bounded: a request waits at most timeoutMs for its count, and not at all while the
      // connection is down (no offline queue, no retry of a failed command).
      commandTimeout: timeoutMs,
      connectTimeout: Math.max(timeoutMs, 1000),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
    })
    this.client.on('ready', () => {
      if (!this.#up) log.info({ redis: url.host }, 'rate-limit store connected: limits are shared')
      this.#set(true)
    })
    // Every failure to connect is reported once, not once per reconnection attempt.
    this.client.on('error', (err) => this.#down(log, url, err.message))
    this.client.on('close', () => this.#down(log, url, 'connection closed'))
  }

  get up(): boolean {
    return this.#up
  }

  #set(up: boolean): void {
    this.#up = up
    this.#upGauge.set(up ? 1 : 0)
    this.emit(up ? 'up' : 'down', '')
  }

  #down(log: FastifyBaseLogger, url: URL, reason: string): void {
    if (!this.#up) return
    log.warn({ redis: url.host, reason }, 'rate-limit store unreachable: requests go through without a limit until it returns')
    this.#set(false)
  }

  /** One request let through uncounted. */
  failedOpen(log: FastifyBaseLogger, err: Error): void {
    this.#failures.inc()
    this.#unlogged++
    // While the connection is down, the 'down' warning has said it. Failures on a live
    // connection (a slow Redis) are logged at most every WARN_EVERY_MS, with their number,
    // so that a slow Redis under load does not flood the log.
    const now = Date.now()
    if (!this.#up || now - this.#warnedAt < WARN_EVERY_MS) return
    log.warn({ reason: err.message, requests: this.#unlogged }, 'rate-limit store failed to answer: requests let through uncounted')
    this.#warnedAt = now
    this.#unlogged = 0
  }

  /** The limiter's options: its store, and skipOnError so a failed count lets the request through. */
  limiterOptions(log: FastifyBaseLogger): Pick<CreateRateLimitOptions, 'store' | 'skipOnError'> {
    const shared = this
    const watched = (store: InstanceType<RedisStoreCtor>): FastifyRateLimitStore => {
      const report =
        (cb: StoreCallback): StoreCallback =>
        (err, result) => {
          if (err) shared.failedOpen(log, err)
          cb(err, result)
        }
      return {
        incr: (key, cb, timeWindow, max) => store.incr(key, report(cb), timeWindow, max),
        read: (key: string, cb: StoreCallback, timeWindow: number, max: number) => store.read(key, report(cb), timeWindow, max),
        child: (routeOptions) => watched(store.child(routeOptions) as InstanceType<RedisStoreCtor>),
      } as FastifyRateLimitStore
    }
    class WatchedRedisStore {
      constructor(options: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
        return watched(new RedisStore(options.continueExceeding ?? false, options.exponentialBackoff ?? false, shared.client, KEY_PREFIX))
      }
    }
    return { store: WatchedRedisStore as unknown as CreateRateLimitOptions['store'], skipOnError: true }
  }

  /**
   * Charges addresses to the client's shared window (see AddressBudget for the rule). Null when
   * Redis did not answer in time: the caller falls back to its own process's budget.
   */
  async chargeAddresses(client: string, amount: number, limit: number, log: FastifyBaseLogger, windowMs = 60_000): Promise<Charge | null> {
    try {
      const [charged, used, ttl] = (await this.client.eval(CHARGE_SCRIPT, 1, ADDRESS_KEY_PREFIX + client, amount, limit, windowMs)) as [number, number, number]
      return { ok: charged === 1, remaining: limit - used, retryAfter: Math.max(1, Math.ceil(ttl / 1000)) }
    } catch (err) {
      this.failedOpen(log, err as Error)
      return null
    }
  }

  async close(): Promise<void> {
    this.#up = false
    this.client.disconnect()
  }
}

/** The shared store when RATE_LIMIT_REDIS_URL is set and there is a limit to share; else null. */
export function sharedRateLimit(
  config: Pick<Config, 'rateLimitRedisUrl' | 'rateLimitRedisTimeoutMs' | 'rateLimitPerMinute'>,
  log: FastifyBaseLogger,
  registry: Registry,
): SharedRateLimit | null {
  if (!config.rateLimitRedisUrl || config.rateLimitPerMinute === 0) return null
  return new SharedRateLimit(config.rateLimitRedisUrl, config.rateLimitRedisTimeoutMs, log, registry)
}
