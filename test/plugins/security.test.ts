import t from 'tap'
import { keyMatcher } from '../../src/plugins/security.js'
import { build, logCapture } from '../support/helpers.js'

const KEY = 'portal-key-0123456789abcdef'
const OTHER = 'helpdesk-key-0123456789abcdef'
const body = { method: 'POST' as const, url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '{"email":"taro@acme.co.jp"}' }

t.test('keyMatcher names which key matched, never the key', async (t) => {
  const match = keyMatcher([KEY, OTHER])
  t.equal(match(KEY), 'key-1')
  t.equal(match(OTHER), 'key-2')
  t.equal(match(KEY.slice(0, -1)), null)
  t.equal(match(''), null)
})

t.test('without API_KEYS the API is open', async (t) => {
  const app = await build(t)
  t.equal((await app.inject(body)).statusCode, 200)
})

t.test('with API_KEYS a key is needed, as a Bearer token or in x-api-key', async (t) => {
  const app = await build(t, { API_KEYS: `${KEY}, ${OTHER}` })
  const none = await app.inject(body)
  t.equal(none.statusCode, 401)
  t.equal(none.headers['www-authenticate'], 'Bearer realm="email-prevalidation"')
  t.match(none.headers['content-type'], /^application\/problem\+json/)
  t.match(none.json(), { code: 'UNAUTHORIZED' })
  t.equal((await app.inject({ ...body, headers: { ...body.headers, authorization: `Bearer ${KEY}` } })).statusCode, 200)
  t.equal((await app.inject({ ...body, headers: { ...body.headers, authorization: `bearer ${OTHER}` } })).statusCode, 200)
  t.equal((await app.inject({ ...body, headers: { ...body.headers, 'x-api-key': OTHER } })).statusCode, 200)
  t.equal((await app.inject({ ...body, headers: { ...body.headers, 'x-api-key': 'wrong-key-0123456789abcdef' } })).statusCode, 401)
  t.equal((await app.inject({ ...body, headers: { ...body.headers, authorization: `Basic ${KEY}` } })).statusCode, 401)
  t.equal((await app.inject({ method: 'GET', url: '/partner-types' })).statusCode, 401)
  t.equal((await app.inject({ method: 'GET', url: '/no-such-route' })).statusCode, 401, 'unknown paths do not reveal themselves')
  for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs/']) {
    t.equal((await app.inject({ method: 'GET', url })).statusCode, 200, `${url} stays open`)
  }
})

t.test('PROTECT_DOCS_AND_METRICS puts metrics and docs behind the key too, not the probes', async (t) => {
  const app = await build(t, { API_KEYS: KEY, PROTECT_DOCS_AND_METRICS: 'true' })
  for (const url of ['/metrics', '/openapi.json', '/docs/']) t.equal((await app.inject({ method: 'GET', url })).statusCode, 401, url)
  t.equal((await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': KEY } })).statusCode, 200)
  for (const url of ['/healthz', '/readyz']) t.equal((await app.inject({ method: 'GET', url })).statusCode, 200, url)
})

t.test('the key is never logged', async (t) => {
  const logs = logCapture()
  const app = await build(t, { API_KEYS: KEY, LOG_LEVEL: 'info' }, { logStream: logs.stream })
  await app.inject({ ...body, headers: { ...body.headers, authorization: `Bearer ${KEY}` } })
  await app.inject({ ...body, headers: { ...body.headers, authorization: `Bearer ${KEY}x` } })
  t.notOk(logs.text().includes(KEY))
})

t.test('rate limit per client: per API key, else per address; 429 problem with Retry-After', async (t) => {
  const app = await build(t, { RATE_LIMIT_PER_MINUTE: '2', API_KEYS: `${KEY},${OTHER}` })
  const as = (key: string) => app.inject({ ...body, headers: { ...body.headers, 'x-api-key': key } })
  t.equal((await as(KEY)).statusCode, 200)
  const second = await as(KEY)
  t.equal(second.headers['x-ratelimit-remaining'], '0')
  const third = await as(KEY)
  t.equal(third.statusCode, 429)
  t.match(third.headers['content-type'], /^application\/problem\+json/)
  t.match(third.headers['retry-after'], /^\d+$/)
  t.match(third.json(), { code: 'RATE_LIMITED', status: 429 })
  t.equal((await as(OTHER)).statusCode, 200, 'another key has its own allowance')
  for (let i = 0; i < 3; i++) t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'probes are not limited')
})

t.test('guessing keys is rate limited too, by address', async (t) => {
  const app = await build(t, { RATE_LIMIT_PER_MINUTE: '2', API_KEYS: KEY })
  const wrong = () => app.inject({ ...body, remoteAddress: '192.0.2.9', headers: { ...body.headers, 'x-api-key': 'guess-0123456789abcdef' } })
  t.same([(await wrong()).statusCode, (await wrong()).statusCode, (await wrong()).statusCode], [401, 401, 429])
})

t.test('rate limit by address without keys; 0 turns it off', async (t) => {
  const limited = await build(t, { RATE_LIMIT_PER_MINUTE: '1' })
  t.equal((await limited.inject({ ...body, remoteAddress: '192.0.2.1' })).statusCode, 200)
  t.equal((await limited.inject({ ...body, remoteAddress: '192.0.2.1' })).statusCode, 429)
  t.equal((await limited.inject({ ...body, remoteAddress: '192.0.2.2' })).statusCode, 200)
  const open = await build(t, { RATE_LIMIT_PER_MINUTE: '0' })
  const res = await open.inject(body)
  t.equal(res.headers['x-ratelimit-limit'], undefined)
})

t.test('TRUST_PROXY decides whether X-Forwarded-For names the client', async (t) => {
  const xff = (app: Awaited<ReturnType<typeof build>>, ip: string) =>
    app.inject({ ...body, remoteAddress: '10.0.0.1', headers: { ...body.headers, 'x-forwarded-for': ip } })
  const trusting = await build(t, { RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: '1' })
  t.equal((await xff(trusting, '192.0.2.1')).statusCode, 200)
  t.equal((await xff(trusting, '192.0.2.2')).statusCode, 200, 'two clients behind one proxy')
  const plain = await build(t, { RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: '10.0.0.1' })
  t.equal((await xff(plain, '192.0.2.1')).statusCode, 200)
  t.equal((await xff(plain, '192.0.2.1')).statusCode, 429)
  const none = await build(t, { RATE_LIMIT_PER_MINUTE: '1' })
  t.equal((await xff(none, '192.0.2.1')).statusCode, 200)
  t.equal((await xff(none, '192.0.2.2')).statusCode, 429, 'untrusted: the proxy is the client')
})

t.test('CORS for the configured portal origins only', async (t) => {
  const app = await build(t, { CORS_ORIGINS: 'https://portal.example.co.jp, http://localhost:8080', API_KEYS: KEY })
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/validate-email',
    headers: { origin: 'https://portal.example.co.jp', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
  })
  t.equal(preflight.statusCode, 204, 'a preflight needs no key')
  t.equal(preflight.headers['access-control-allow-origin'], 'https://portal.example.co.jp')
  t.match(preflight.headers['access-control-allow-headers'], /x-api-key/)
  const ok = await app.inject({ ...body, headers: { ...body.headers, origin: 'http://localhost:8080', 'x-api-key': KEY } })
  t.equal(ok.headers['access-control-allow-origin'], 'http://localhost:8080')
  t.match(ok.headers['access-control-expose-headers'], /x-request-id/)
  const other = await app.inject({ ...body, headers: { ...body.headers, origin: 'https://evil.example.com', 'x-api-key': KEY } })
  t.equal(other.headers['access-control-allow-origin'], undefined)
  const off = await build(t)
  t.equal((await off.inject({ ...body, headers: { ...body.headers, origin: 'https://portal.example.co.jp' } })).headers['access-control-allow-origin'], undefined)
})

t.test('timeouts reach the server', async (t) => {
  const app = await build(t, { REQUEST_TIMEOUT_MS: '5000', KEEP_ALIVE_TIMEOUT_MS: '65000' })
  t.equal((app.initialConfig as { requestTimeout?: number }).requestTimeout, 5000)
  t.equal(app.initialConfig.keepAliveTimeout, 65000)
})

t.test('metrics, docs and the OpenAPI document have a rate limit of their own, apart from the checks', async (t) => {
  const app = await build(t, { OPS_RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '0' })
  const from = (url: string, remoteAddress = '192.0.2.10') => app.inject({ method: 'GET', url, remoteAddress })
  for (const url of ['/metrics', '/openapi.json', '/docs/']) t.equal((await from(url)).statusCode, 200, `${url} within the limit`)
  const flooded = await from('/metrics')
  t.equal(flooded.statusCode, 429, 'the fourth within a minute')
  t.match(flooded.headers['content-type'], /^application\/problem\+json/)
  t.match(flooded.json(), { code: 'RATE_LIMITED' })
  t.ok(Number(flooded.headers['retry-after']) > 0, 'with Retry-After')
  t.equal((await from('/openapi.json')).statusCode, 429, 'docs share the count')
  t.equal((await from('/metrics', '192.0.2.11')).statusCode, 200, 'another client has its own count')
  t.equal((await app.inject({ ...body, remoteAddress: '192.0.2.10' })).statusCode, 200, 'the checks are not counted with them')
  for (const url of ['/healthz', '/readyz']) t.equal((await from(url)).statusCode, 200, `${url} is never limited`)
  // The HEAD route Fastify makes of each GET one has the limit too, counted once a request.
  const head = (url: string) => app.inject({ method: 'HEAD', url, remoteAddress: '192.0.2.12' })
  for (const url of ['/openapi.json', '/metrics', '/docs/']) t.equal((await head(url)).statusCode, 200, `HEAD ${url} within the limit, counted once`)
  t.equal((await head('/metrics')).statusCode, 429, 'HEAD counts with the rest')
  const off = await build(t, { OPS_RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_MINUTE: '0' })
  for (let i = 0; i < 5; i++) t.equal((await off.inject({ method: 'GET', url: '/metrics' })).statusCode, 200, 'OPS_RATE_LIMIT_PER_MINUTE=0 turns it off')
})

t.test('the checks count addresses, not requests: a batch of N costs N, refused whole with a detail that says why', async (t) => {
  const app = await build(t, { RATE_LIMIT_PER_MINUTE: '10' })
  const batch = (n: number, remoteAddress = '192.0.2.20', lang = 'en') =>
    app.inject({ method: 'POST', url: '/validate-email/batch', remoteAddress, headers: { 'content-type': 'application/json', 'accept-language': lang }, payload: { emails: Array.from({ length: n }, (_, i) => `u${i}@acme.co.jp`) } })
  const first = await batch(6)
  t.equal(first.statusCode, 200)
  t.equal(first.headers['x-ratelimit-addresses-remaining'], '4')
  const over = await batch(6)
  t.equal(over.statusCode, 429, '6 + 6 addresses pass 10, although only 2 requests were made')
  t.match(over.headers['retry-after'], /^\d+$/)
  t.match(over.json(), { code: 'RATE_LIMITED', detail: /asks to check 6 addresses and 4 of the 10 a minute/ })
  t.equal((await batch(4)).statusCode, 200, 'what is left can still be used')
  t.equal((await app.inject({ ...body, remoteAddress: '192.0.2.20' })).statusCode, 429, 'a single check counts one address too')
  const tooBig = await batch(11, '192.0.2.21', 'ja')
  t.equal(tooBig.statusCode, 429)
  t.match(tooBig.json(), { detail: /一度に 10 件以下でお送りください/ }, 'a batch over the limit is told it can never pass')
  t.equal((await batch(10, '192.0.2.21')).statusCode, 200, 'a refused batch charged nothing')
  const open = await build(t, { RATE_LIMIT_PER_MINUTE: '0' })
  t.equal((await open.inject({ method: 'POST', url: '/validate-email/batch', headers: { 'content-type': 'application/json' }, payload: { emails: ['a@acme.co.jp'] } })).headers['x-ratelimit-addresses-remaining'], undefined)
})
