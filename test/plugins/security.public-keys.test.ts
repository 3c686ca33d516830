import t from 'tap'
import { build } from '../support/helpers.js'

const SECRET = 'portal-key-0123456789abcdef'
const PUB = 'pk-browser-0123456789abcdef'
const PUB2 = 'pk-other-site-0123456789abc'
const SITE = 'https://portal.example.co.jp'
const SITE2 = 'https://partners.example.com'
const env = { API_KEYS: SECRET, PUBLIC_KEYS: `${PUB}=${SITE}|http://127.0.0.1:8080, ${PUB2}=${SITE2}` }
const check = (key: string, origin?: string) => ({
  method: 'POST' as const,
  url: '/validate-email',
  headers: { 'content-type': 'application/json', 'x-api-key': key, ...(origin ? { origin } : {}) },
  payload: '{"email":"taro@acme.co.jp"}',
})

t.test('a public key checks an address from its own origins', async (t) => {
  const app = await build(t, env)
  const ok = await app.inject(check(PUB, SITE))
  t.equal(ok.statusCode, 200)
  t.equal(ok.headers['access-control-allow-origin'], SITE)
  t.equal((await app.inject(check(PUB, 'http://127.0.0.1:8080'))).statusCode, 200)
  t.equal((await app.inject(check(PUB2, SITE2))).statusCode, 200)
})

t.test('a public key from another origin, or with none, is refused with 403', async (t) => {
  const app = await build(t, env)
  for (const origin of [SITE2, 'https://evil.example', undefined]) {
    const res = await app.inject(check(PUB, origin))
    t.equal(res.statusCode, 403, String(origin))
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { code: 'ORIGIN_NOT_ALLOWED' })
  }
  t.match((await app.inject(check(PUB2, SITE))).json(), { code: 'ORIGIN_NOT_ALLOWED' })
})

t.test('a public key may call nothing but POST /validate-email', async (t) => {
  const app = await build(t, env)
  const headers = { 'x-api-key': PUB, origin: SITE, 'content-type': 'application/json' }
  for (const [method, url, payload] of [
    ['POST', '/validate-email/batch', '{"emails":["taro@acme.co.jp"]}'],
    ['GET', '/partner-types', undefined],
    ['GET', '/domains/acme.co.jp', undefined],
    ['GET', '/metrics', undefined],
    ['GET', '/validate-email', undefined],
    ['GET', '/no-such-route', undefined],
  ] as const) {
    const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
    t.equal(res.statusCode, 403, `${method} ${url}`)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { code: 'PUBLIC_KEY_ROUTE' })
  }
  t.equal((await app.inject({ method: 'GET', url: '/healthz', headers })).statusCode, 200, 'probes stay open')
  t.equal((await app.inject({ method: 'GET', url: '/partner-types', headers: { 'x-api-key': SECRET } })).statusCode, 200, 'the secret key still works')
  t.equal((await app.inject({ method: 'GET', url: '/partner-types', headers: { 'x-api-key': 'unknown-key-0123456789abcdef' } })).statusCode, 401)
})

t.test('a preflight, which carries no key, is answered for the public keys\' origins only', async (t) => {
  const app = await build(t, env)
  const preflight = (origin: string) =>
    app.inject({ method: 'OPTIONS', url: '/validate-email', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' } })
  for (const origin of [SITE, SITE2]) {
    const res = await preflight(origin)
    t.equal(res.statusCode, 204)
    t.equal(res.headers['access-control-allow-origin'], origin)
    t.match(res.headers['access-control-allow-headers'], /x-api-key/)
  }
  t.notOk((await preflight('https://evil.example')).headers['access-control-allow-origin'])
})

t.test('a public key is rate limited per key and client', async (t) => {
  const app = await build(t, { ...env, RATE_LIMIT_PER_MINUTE: '2' })
  const from = (ip: string) => app.inject({ ...check(PUB, SITE), remoteAddress: ip })
  t.equal((await from('127.0.0.2')).statusCode, 200)
  t.equal((await from('127.0.0.2')).statusCode, 200)
  t.equal((await from('127.0.0.2')).statusCode, 429)
  t.equal((await from('127.0.0.3')).statusCode, 200, 'another browser with the same key has its own count')
})

t.test('without API_KEYS a public key is still held to its route and origins', async (t) => {
  const app = await build(t, { PUBLIC_KEYS: `${PUB}=${SITE}` })
  t.equal((await app.inject(check(PUB, SITE))).statusCode, 200)
  t.equal((await app.inject(check(PUB, SITE2))).statusCode, 403)
  t.equal((await app.inject({ method: 'GET', url: '/partner-types' })).statusCode, 200)
})

t.test('PUBLIC_KEYS is parsed once; a bad value stops the start naming the variable', async (t) => {
  const { loadConfig } = await import('../../src/config.js')
  t.same(loadConfig({ PUBLIC_KEYS: `${PUB}=${SITE}|${SITE2}` }).publicKeys, [{ key: PUB, origins: [SITE, SITE2] }])
  for (const bad of ['short=https://a.example', `${PUB}`, `${PUB}=portal.example.co.jp`, ','])
    t.throws(() => loadConfig({ PUBLIC_KEYS: bad }), { message: /PUBLIC_KEYS/ }, bad)
})
