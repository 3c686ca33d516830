import { once } from 'node:events'
import { setImmediate } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import t from 'tap'
import { ADDRESS_KEY_PREFIX, KEY_PREFIX } from '../src/rate-limit-store.js'
import { build, logCapture } from './support/helpers.js'
import { freePort, redisMissing, redisServer } from './support/redis.js'

const LIMIT = 10

const get = async (app: FastifyInstance) => (await app.inject({ method: 'GET', url: '/partner-types' })).statusCode

async function metric(app: FastifyInstance, name: string): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  return Number(line?.split(' ')[1])
}

/** Statuses of `n` requests spread over the apps in turn. */
async function spread(apps: FastifyInstance[], n: number): Promise<number[]> {
  const statuses: number[] = []
  for (let i = 0; i < n; i++) statuses.push(await get(apps[i % apps.length]!))
  return statuses
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length

/** Both apps' stores connected (each emits 'up' once its connection is ready). */
const allUp = (apps: FastifyInstance[]) => Promise.all(apps.map((a) => (a.sharedRateLimit!.up ? undefined : once(a.sharedRateLimit!, 'up'))))

t.test('two instances share one limit; Redis stopped: fail open, counted; Redis back: limits again', { skip: redisMissing }, async (t) => {
  const redis = await redisServer(t)
  await redis.start()
  const env = { RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_REDIS_URL: redis.url, RATE_LIMIT_REDIS_TIMEOUT_MS: '200' }
  const logs = logCapture()
  const apps = [await build(t, { ...env, LOG_LEVEL: 'info' }, { logStream: logs.stream }), await build(t, env)]
  await allUp(apps)

  const first = await spread(apps, 2 * LIMIT + 2)
  t.equal(count(first, 200), LIMIT, `${LIMIT} requests pass in all, spread over two instances`)
  t.equal(count(first, 429), LIMIT + 2, 'the rest are refused, on both instances')
  t.equal(first.at(-1), 429)
  t.equal(first.at(-2), 429)

  // Redis goes away while requests keep coming.
  const load = steadyLoad(apps)
  const down = apps.map((a) => once(a.sharedRateLimit!, 'down'))
  await redis.stop()
  await Promise.all(down)
  const during = await spread(apps, 3 * LIMIT)
  t.same(during, Array(3 * LIMIT).fill(200), 'with Redis stopped, every request is checked (fail open)')
  t.ok((await metric(apps[0]!, 'rate_limit_store_failures_total')) >= (3 * LIMIT) / 2, 'the failures are counted')
  t.equal(await metric(apps[0]!, 'rate_limit_store_up'), 0)
  t.ok(
    logs.lines().some((l) => l.level === 40 && /rate-limit store unreachable/.test(String(l.msg))),
    'a warning says the limit is off',
  )

  // Redis comes back (empty: it keeps nothing on disk): the limit applies again.
  await redis.start()
  await allUp(apps)
  const statuses = await load.stop()
  t.ok(statuses.length > 0 && statuses.length < 40_000 && statuses.every((s) => s === 200 || s === 429), `under load, ${statuses.length} requests answered 200 or 429, none failed`)
  await apps[0]!.sharedRateLimit!.client.flushall()
  const after = await spread(apps, LIMIT + 1)
  t.equal(count(after, 200), LIMIT)
  t.equal(after.at(-1), 429, 'limited again once Redis is back')
  t.equal(await metric(apps[1]!, 'rate_limit_store_up'), 1)
  t.ok(logs.lines().some((l) => l.level === 30 && /rate-limit store connected/.test(String(l.msg))), 'the return is logged')
})

/** Requests in a loop, one at a time per app, until stopped (bounded); each turn yields to I/O. */
function steadyLoad(apps: FastifyInstance[]) {
  let stopped = false
  const statuses: number[] = []
  const loops = apps.map(async (app) => {
    for (let i = 0; i < 20_000 && !stopped; i++) {
      statuses.push(await get(app))
      await setImmediate()
    }
  })
  return {
    stop: async () => {
      stopped = true
      await Promise.all(loops)
      return statuses
    },
  }
}

t.test('the address budget is shared too: a batch on one instance counts on the other; Redis stopped: each counts its own', { skip: redisMissing }, async (t) => {
  const redis = await redisServer(t)
  await redis.start()
  // The request limit is far above: what refuses here is the address count.
  const env = { RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_REDIS_URL: redis.url, RATE_LIMIT_REDIS_TIMEOUT_MS: '200' }
  const apps = [await build(t, env), await build(t, env)]
  await allUp(apps)
  const batch = async (app: FastifyInstance, n: number) =>
    app.inject({ method: 'POST', url: '/validate-email/batch', payload: { emails: Array.from({ length: n }, (_, i) => `taro${i}@acme.example.co.jp`) } })
  const first = await batch(apps[0]!, 6)
  t.equal(first.statusCode, 200)
  t.equal(first.headers['x-ratelimit-addresses-remaining'], String(LIMIT - 6))
  const second = await batch(apps[1]!, 6)
  t.equal(second.statusCode, 429, 'the other instance knows 6 of 10 are spent')
  t.match(second.json().detail, /4 of the 10/)
  t.equal((await batch(apps[1]!, 4)).statusCode, 200, 'what is left can be spent on either')
  const keys = await apps[0]!.sharedRateLimit!.client.keys(`${ADDRESS_KEY_PREFIX}*`)
  t.equal(keys.length, 1, 'one shared window for the client')

  const down = apps.map((a) => once(a.sharedRateLimit!, 'down'))
  await redis.stop()
  await Promise.all(down)
  t.equal((await batch(apps[1]!, 6)).statusCode, 200, 'Redis away: the instance counts on its own')
  t.equal((await batch(apps[1]!, 6)).statusCode, 429, '… and still limits')
})

t.test('a slow Redis lets the request through after the timeout, with a warning', { skip: redisMissing }, async (t) => {
  const redis = await redisServer(t)
  await redis.start()
  const logs = logCapture()
  // OPS_RATE_LIMIT_PER_MINUTE=0: reading /metrics would be counted through the same store, and fail open too.
  const app = await build(t, { RATE_LIMIT_PER_MINUTE: '1', OPS_RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_REDIS_URL: redis.url, RATE_LIMIT_REDIS_TIMEOUT_MS: '50', LOG_LEVEL: 'warn' }, { logStream: logs.stream })
  await allUp([app])
  t.equal(await get(app), 200)
  t.equal(await get(app), 429)
  const admin = new Redis(redis.port, '127.0.0.1')
  t.teardown(() => admin.disconnect())
  // Redis answers nobody for two seconds; the service waits 50 ms.
  await admin.call('CLIENT', 'PAUSE', '2000', 'ALL')
  t.equal(await get(app), 200, 'let through')
  t.equal(await get(app), 200, 'let through')
  t.equal(await metric(app, 'rate_limit_store_failures_total'), 2)
  const warnings = logs.lines().filter((l) => l.level === 40 && /failed to answer/.test(String(l.msg)))
  t.equal(warnings.length, 1, 'one warning for a burst of failures')
  t.match(warnings[0], { reason: /timed out/i, requests: 1 })
  t.ok(app.sharedRateLimit!.up, 'a slow answer is not a lost connection')
})

t.test('an unreachable Redis at start: the service starts and lets requests through', { skip: redisMissing }, async (t) => {
  const port = await freePort()
  const app = await build(t, { RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_REDIS_TIMEOUT_MS: '50' })
  t.same(await spread([app], 3), [200, 200, 200])
  // The fourth is the scrape itself: metrics have a limit of their own, counted in the same store.
  t.equal(await metric(app, 'rate_limit_store_failures_total'), 4)
  t.equal(await metric(app, 'rate_limit_store_up'), 0)
})

t.test('the shared store reads a count without adding to it, under its own key prefix', { skip: redisMissing }, async (t) => {
  const redis = await redisServer(t)
  await redis.start()
  const app = await build(t, { RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_REDIS_URL: redis.url })
  await allUp([app])
  await get(app)
  await get(app)
  const shared = app.sharedRateLimit!
  const keys = await shared.client.keys('*')
  t.ok(keys.length > 0 && keys.every((k) => k.startsWith(KEY_PREFIX)), 'namespaced keys')
  const Store = shared.limiterOptions(app.log).store!
  type Counting = {
    read(key: string, cb: (err: Error | null, r?: { current: number }) => void, w: number, m: number): void
    incr(key: string, cb: (err: Error | null, r?: { current: number }) => void, w: number, m: number): void
    child(o: unknown): Counting
  }
  const store = new Store({}) as unknown as Counting
  const key = keys[0]!.slice(KEY_PREFIX.length)
  const read = () => new Promise<number>((resolve, reject) => store.read(key, (err, r) => (err ? reject(err) : resolve(r!.current)), 60_000, 5))
  t.equal(await read(), 2)
  t.equal(await read(), 2, 'reading does not count')
  // A route with limits of its own counts apart, under the same prefix.
  const child = store.child({ routeInfo: { method: 'POST', url: '/x' }, continueExceeding: false, exponentialBackoff: false })
  const incr = () => new Promise<number>((resolve, reject) => child.incr('k', (err, r) => (err ? reject(err) : resolve(r!.current)), 60_000, 5))
  t.equal(await incr(), 1)
  t.same(await shared.client.keys(`${KEY_PREFIX}POST/x-*`), [`${KEY_PREFIX}POST/x-k`])
})

t.test('no Redis URL, or no limit: no shared store', async (t) => {
  t.equal((await build(t)).sharedRateLimit, null)
  t.equal((await build(t, { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_REDIS_URL: 'redis://127.0.0.1:1' })).sharedRateLimit, null)
})
