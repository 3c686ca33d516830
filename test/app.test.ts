import type { InjectOptions } from 'fastify'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { RegistryError } from '../src/core/registry.js'
import { PARTNER_TYPES } from '../src/core/partner-types.js'
import { PartnerTypeListSchema, PartnerTypeSchema, ProblemSchema, VerdictSchema } from '../src/schemas.js'
import { build, logCapture } from './helpers.js'

const post = (email: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  url: '/validate-email',
  headers: { 'content-type': 'application/json', ...headers },
  payload: JSON.stringify({ email }),
})

t.test('POST /validate-email answers a verdict that matches its schema', async (t) => {
  const app = await build(t)
  const res = await app.inject(post('taro@acme.co.jp'))
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  t.equal(res.headers['content-language'], 'en')
  const body = VerdictSchema.parse(res.json())
  t.match(body, { email: 'taro@acme.co.jp', accepted: true, lang: 'en' })
})

t.test('answers 200 with a verdict whatever the address', async (t) => {
  const app = await build(t)
  for (const email of ['', ' ', '@', 'a'.repeat(5000), '\u0000', '\ud800', 'ｔａｒｏ＠ｇｍａｉｌ．ｃｏｍ', '"x"@[::1]', '<script>@x.com']) {
    const res = await app.inject(post(email))
    t.equal(res.statusCode, 200, JSON.stringify(email).slice(0, 40))
    const v = VerdictSchema.parse(res.json())
    t.equal(v.accepted, false)
  }
})

t.test('POST /validate-email checks the chosen partner type, in any spelling', async (t) => {
  const app = await build(t)
  const ok = await app.inject({ ...post('taro@acme.co.jp'), payload: { email: 'taro@acme.co.jp', partnerType: 'ｼｽﾃﾑｲﾝﾃｸﾞﾚｰﾀ' } })
  t.match(ok.json(), { accepted: true, partnerType: { id: 'system-integrator' } })
  const bad = await app.inject({ ...post('taro@west.acme.co.jp'), payload: { email: 'taro@west.acme.co.jp', partnerType: 'Training' } })
  t.match(bad.json(), { accepted: false, reasons: [{ code: 'PARTNER_TYPE_MISMATCH' }] })
  const none = await app.inject({ ...post('taro@acme.co.jp'), payload: { email: 'taro@acme.co.jp', partnerType: '' } })
  t.match(none.json(), { accepted: true, partnerType: null }, 'an empty choice is no choice')
})

t.test('a partnerType that matches no type is a 400 naming the valid types', async (t) => {
  const app = await build(t)
  const res = await app.inject({ ...post('taro@acme.co.jp'), payload: { email: 'taro@acme.co.jp', partnerType: 'Distributor' } })
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  const body = ProblemSchema.parse(res.json())
  t.match(body, { code: 'UNKNOWN_PARTNER_TYPE', detail: /"Distributor".*Solution Provider \(リセラー\)/ })
  t.equal(body.validTypes?.length, 7)
})

t.test('GET /partner-types lists the seven, in order', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/partner-types' })
  t.equal(res.statusCode, 200)
  const body = PartnerTypeListSchema.parse(res.json())
  t.same(body.partnerTypes.map((p) => p.id), PARTNER_TYPES.map((p) => p.id))
  t.match(body.partnerTypes[1], { id: 'solution-provider', en: 'Solution Provider', ja: 'リセラー', aliases: ['Reseller'] })
})

t.test('GET /partner-types/{id} gives one type, or a 404 with the closest', async (t) => {
  const app = await build(t)
  for (const p of PARTNER_TYPES) {
    const res = await app.inject({ method: 'GET', url: `/partner-types/${p.id}` })
    t.same(PartnerTypeSchema.parse(res.json()), { id: p.id, en: p.en, ja: p.ja, aliases: [...p.aliases] })
  }
  const miss = await app.inject({ method: 'GET', url: '/partner-types/system-integrater' })
  t.equal(miss.statusCode, 404)
  t.match(miss.json(), { code: 'PARTNER_TYPE_NOT_FOUND', suggestions: [{ id: 'system-integrator' }] })
})

t.test('GET /partner-types/lookup resolves either language, both ways', async (t) => {
  const app = await build(t)
  const lookup = (name: string) => app.inject({ method: 'GET', url: '/partner-types/lookup', query: { name } })
  for (const p of PARTNER_TYPES) {
    t.match((await lookup(p.en)).json(), { id: p.id, ja: p.ja, match: 'name' }, `${p.en} → ${p.ja}`)
    t.match((await lookup(p.ja)).json(), { id: p.id, en: p.en, match: 'name' }, `${p.ja} → ${p.en}`)
  }
  t.match((await lookup('Alliance Partners / OEM')).json(), { id: 'alliance-partners-oem', query: 'Alliance Partners / OEM' })
  const miss = await lookup('Solution Providers Inc.')
  t.equal(miss.statusCode, 404)
  t.match(miss.headers['content-type'], /^application\/problem\+json/)
  t.match(miss.json(), { code: 'PARTNER_TYPE_NOT_FOUND', suggestions: [{ id: 'solution-provider' }] })
  const empty = await app.inject({ method: 'GET', url: '/partner-types/lookup' })
  t.equal(empty.statusCode, 400)
  t.match(empty.json(), { code: 'VALIDATION_FAILED', errors: [{ path: 'querystring.name' }] })
})

t.test('Accept-Language: ja gives Japanese messages', async (t) => {
  const app = await build(t)
  const res = await app.inject(post('x@gmail.com', { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' }))
  t.equal(res.headers['content-language'], 'ja')
  t.match(res.json(), { lang: 'ja', reasons: [{ code: 'FREE_MAIL', message: /フリーメール/ }] })
})

t.test('honours a sane x-request-id and returns it; replaces anything else', async (t) => {
  const app = await build(t)
  const res = await app.inject(post('x@gmail.com', { 'x-request-id': 'portal-123.abc' }))
  t.equal(res.headers['x-request-id'], 'portal-123.abc')
  const odd = await app.inject(post('x@gmail.com', { 'x-request-id': 'has space' }))
  t.match(odd.headers['x-request-id'], /^[0-9a-f-]{36}$/)
})

t.test('malformed requests get a 4xx application/problem+json, never a 5xx', async (t) => {
  const app = await build(t, { BODY_LIMIT: '1024' })
  const cases: [string, InjectOptions, number, string][] = [
    ['bad JSON', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '{"email": taro@acme.co.jp}' }, 400, 'INVALID_JSON'],
    ['empty body', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' } }, 400, 'EMPTY_BODY'],
    ['missing email', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '{}' }, 400, 'VALIDATION_FAILED'],
    ['email not a string', post(42), 400, 'VALIDATION_FAILED'],
    ['email null', post(null), 400, 'VALIDATION_FAILED'],
    ['body an array', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '["taro@acme.co.jp"]' }, 400, 'VALIDATION_FAILED'],
    ['wrong content type', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'text/plain' }, payload: 'taro@acme.co.jp' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['form content type', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=taro' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['too large', post('a'.repeat(2000)), 413, 'PAYLOAD_TOO_LARGE'],
    ['__proto__ key', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '{"email":"a@b.co","__proto__":{"x":1}}' }, 400, 'INVALID_JSON'],
    ['constructor.prototype key', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '{"email":"a@b.co","constructor":{"prototype":{"x":1}}}' }, 400, 'INVALID_JSON'],
    ['unknown route', { method: 'GET', url: '/nope' }, 404, 'NOT_FOUND'],
    ['wrong method', { method: 'GET', url: '/validate-email?email=taro@acme.co.jp' }, 404, 'NOT_FOUND'],
  ]
  for (const [name, req, status, code] of cases) {
    const res = await app.inject(req)
    t.equal(res.statusCode, status, name)
    t.match(res.headers['content-type'], /^application\/problem\+json/, name)
    const body = ProblemSchema.parse(res.json())
    t.match(body, { status, code, type: `/problems/${code.toLowerCase().replaceAll('_', '-')}`, requestId: res.headers['x-request-id'] }, name)
    t.notMatch(JSON.stringify(body), /taro@acme/, `${name}: the body does not echo the input`)
  }
  const v = await app.inject(post(42))
  t.match(v.json(), { errors: [{ path: 'body.email', message: /string/ }] })
})

t.test('logs one access line per request and no address in clear', async (t) => {
  const logs = logCapture()
  const app = await build(t, { LOG_LEVEL: 'info' }, { logStream: logs.stream })
  const addresses = ['taro.yamada@acme.co.jp', 'hanako@gmail.com', 'ｊｉｒｏ＠ａｃｍｅ．ｃｏ．ｊｐ', 'bad..dots@acme.co.jp', '太郎@acme.co.jp']
  for (const email of addresses) await app.inject(post(email, { 'x-request-id': 'req-1' }))
  await app.inject({ method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '{"email": saburo@acme.co.jp' })
  await app.inject({ method: 'GET', url: '/validate-email/shiro@acme.co.jp?email=goro@acme.co.jp' })
  await app.inject({ method: 'GET', url: '/x/rokuro%40acme.co.jp' })
  await app.inject({ method: 'GET', url: `/domains/${encodeURIComponent('shichiro＠acme.co.jp')}` })

  const text = logs.text()
  for (const local of ['taro.yamada', 'hanako', 'ｊｉｒｏ', 'bad..dots', '太郎', 'saburo', 'shiro', 'goro', 'rokuro', 'shichiro']) {
    t.notOk(text.includes(local), `${local} is not in the logs`)
  }
  const access = logs.lines().filter((l) => l.msg === 'request completed')
  t.equal(access.length, addresses.length + 4, 'one access line per request')
  t.equal(logs.lines().length, access.length, 'and no other line')
  t.match(access[0], { reqId: 'req-1', method: 'POST', url: '/validate-email', route: '/validate-email', status: 200, durationMs: Number, emailHash: /^[0-9a-f]{16}$/, domain: 'acme.co.jp', accepted: true })
  t.match(access[1], { reasons: ['FREE_MAIL'], domain: 'gmail.com' })
  t.match(access[5], { status: 400, problem: 'INVALID_JSON' })
  t.match(access[6], { url: '/validate-email/[redacted]' })
  t.match(access[7], { url: '/x/[redacted]' })
  t.match(access[8], { url: '/domains/[redacted]' }, 'a full-width ＠, percent-encoded')
})

t.test('the same address hashes the same under one key, differently under another', async (t) => {
  const logs = logCapture()
  const app = await build(t, { LOG_LEVEL: 'info', LOG_HASH_KEY: 'k'.repeat(32) }, { logStream: logs.stream })
  await app.inject(post('taro@acme.co.jp'))
  await app.inject(post('taro@acme.co.jp'))
  const other = logCapture()
  const app2 = await build(t, { LOG_LEVEL: 'info', LOG_HASH_KEY: 'j'.repeat(32) }, { logStream: other.stream })
  await app2.inject(post('taro@acme.co.jp'))
  const [a, b] = logs.lines().map((l) => l.emailHash)
  t.equal(a, b)
  t.not(other.lines()[0]?.emailHash, a)
})

t.test('an unexpected failure is a 500 problem without internal detail, logged as an error', async (t) => {
  const logs = logCapture()
  const app = await build(t, { LOG_LEVEL: 'info' }, { logStream: logs.stream })
  app.get('/boom', async () => {
    throw new Error('secret internal state')
  })
  const res = await app.inject({ method: 'GET', url: '/boom' })
  t.equal(res.statusCode, 500)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.json(), { code: 'INTERNAL_ERROR', status: 500 })
  t.notMatch(res.body, /secret/)
  t.match(logs.lines()[0], { level: 50, msg: 'request failed', err: { message: 'secret internal state' } })
})

t.test('once shutdown begins, requests are still answered, with the connection closed after', async (t) => {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', PARTNERS_FILE: '' }))
  // Hold the shutdown open, after the service's own preClose hook has run, to send a request.
  let inClose!: () => void
  let release!: () => void
  const closing = new Promise<void>((r) => (inClose = r))
  const held = new Promise<void>((r) => (release = r))
  app.addHook('preClose', async () => {
    inClose()
    await held
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const closed = app.close()
  await closing
  const res = await fetch(`${url}/validate-email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"taro@acme.example.co.jp"}' })
  const ready = await fetch(`${url}/readyz`)
  release()
  await closed
  t.equal(res.status, 200)
  t.equal(res.headers.get('connection'), 'close')
  t.match(await res.json(), { accepted: true })
  t.equal(ready.status, 503, 'readiness is false while draining')
  t.match(await ready.json(), { status: 'draining' })
})

t.test('an invalid registry stops the app from being built, naming the problem', async (t) => {
  const dir = t.testdir({ 'partners.json': JSON.stringify({ partners: [{ id: 'x', name: 'X', domains: ['gmail.com'] }] }) })
  await t.rejects(buildApp(loadConfig({ LOG_LEVEL: 'silent', PARTNERS_FILE: `${dir}/partners.json` })), RegistryError)
  await t.rejects(buildApp(loadConfig({ LOG_LEVEL: 'silent', PARTNERS_FILE: `${dir}/partners.json` })), { message: /gmail\.com.*free-mail list/ })
})

t.test('the shipped sample registry loads', async (t) => {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }))
  t.teardown(() => app.close())
  const res = await app.inject(post('taro@acme.example.co.jp'))
  t.match(res.json(), { accepted: true, partners: [{ id: 'acme' }] })
})

t.test('POST /validate-email/batch: up to 1,000 verdicts, in order, each as the single endpoint gives it', async (t) => {
  const app = await build(t)
  const emails = ['taro@acme.co.jp', 'ｔａｒｏ＠ａｃｍｅ．ｃｏ．ｊｐ', 'x@gmial.com', 'info@acme.co.jp', 'bad..dots@acme.co.jp']
  const res = await app.inject({ method: 'POST', url: '/validate-email/batch', headers: { 'accept-language': 'ja' }, payload: { emails } })
  t.equal(res.statusCode, 200)
  const { results } = res.json() as { results: unknown[] }
  for (const [i, email] of emails.entries()) {
    const single = await app.inject({ ...post(email, { 'accept-language': 'ja' }) })
    t.same(results[i], single.json(), email)
  }
  const many = await app.inject({ method: 'POST', url: '/validate-email/batch', payload: { emails: Array.from({ length: 1000 }, (_, i) => `u${i}@acme.co.jp`) } })
  t.equal((many.json() as { results: unknown[] }).results.length, 1000)
  for (const [name, payload] of [
    ['too many', { emails: Array.from({ length: 1001 }, () => 'a@b.co') }],
    ['empty', { emails: [] }],
    ['not strings', { emails: [1] }],
    ['unknown partner type', { emails: ['a@b.co'], partnerType: 'Distributor' }],
  ] as const) {
    const bad = await app.inject({ method: 'POST', url: '/validate-email/batch', payload })
    t.equal(bad.statusCode, 400, name)
    t.match(bad.headers['content-type'], /^application\/problem\+json/)
  }
})

t.test('GET /domains/{domain}: the classification with the list entry behind it', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: `/domains/${encodeURIComponent('rose.ocn.ne.jp')}` })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { classification: 'free-mail', listed: { list: 'curated Japanese consumer mail list', entry: 'ocn.ne.jp' } })
  t.match((await app.inject({ method: 'GET', url: `/domains/${encodeURIComponent('さくら技研.jp')}` })).json(), { classification: 'partner', partners: [{ id: 'sakura' }] })
  t.match((await app.inject({ method: 'GET', url: '/domains/bad_domain' })).json(), { valid: false, classification: 'invalid' })
})

t.test('errors before routing are problems too: a bad path, an unknown Expect', async (t) => {
  const app = await build(t)
  const bad = await app.inject({ method: 'GET', url: '/domains/%FF' })
  t.equal(bad.statusCode, 400)
  t.match(bad.headers['content-type'], /^application\/problem\+json/)
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const { request } = await import('node:http')
  const res = await new Promise<import('node:http').IncomingMessage>((resolve) => {
    const req = request(`${url}/healthz`, { headers: { expect: 'teapot' } }, resolve)
    req.end()
  })
  t.equal(res.statusCode, 417)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  res.resume()
})

t.test('HTTP-level errors on the socket: headers too large (431), a stalled request (408)', async (t) => {
  const app = await build(t, { REQUEST_TIMEOUT_MS: '1000' })
  const url = new URL(await app.listen({ host: '127.0.0.1', port: 0 }))
  const { connect } = await import('node:net')
  const raw = (text: string) =>
    new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), '127.0.0.1', () => socket.write(text))
      let out = ''
      socket.on('data', (d) => (out += d.toString()))
      socket.on('close', () => resolve(out))
    })
  const big = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
  t.match(big, /^HTTP\/1\.1 431 [\s\S]*application\/problem\+json[\s\S]*"status":431/)
  const stalled = await raw('POST /validate-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em')
  t.match(stalled, /^HTTP\/1\.1 408 [\s\S]*"code":"REQUEST_TIMEOUT"/)
  const garbage = await raw('NOT HTTP AT ALL\r\n\r\n')
  t.match(garbage, /^HTTP\/1\.1 400 [\s\S]*"code":"BAD_REQUEST"/)
})

t.test('a blank partner type name is a 400, not a 404 with arbitrary suggestions', async (t) => {
  const app = await build(t)
  for (const name of [' ', '　', '  \t ']) {
    const r = await app.inject({ method: 'GET', url: '/partner-types/lookup', query: { name } })
    t.equal(r.statusCode, 400, JSON.stringify(name))
    t.match(r.json(), { code: 'VALIDATION_FAILED', errors: [{ path: 'querystring.name', message: 'name must not be blank' }] })
  }
})

t.test('a body that names a key twice, at any depth, is a 400 problem', async (t) => {
  const app = await build(t)
  const send = (url: string, payload: string) => app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload })
  for (const [url, body] of [
    ['/validate-email', '{"email":"a@example.co.jp","email":"x@gmail.com"}'],
    ['/validate-email', '{"email":"a@example.co.jp","\\u0065mail":"x@gmail.com"}'],
    ['/validate-email/batch', '{"emails":[{"email":"a@example.co.jp","email":"x@gmail.com"}]}'],
  ] as const) {
    const res = await send(url, body)
    t.equal(res.statusCode, 400, body)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.match(res.json(), { code: 'INVALID_JSON', detail: /a key twice/ })
  }
  const ok = await send('/validate-email', '{"email":"a\\"b@gmail.com","lang":"en"}')
  t.equal(ok.statusCode, 200, 'keys repeated across objects or inside strings are fine')
  t.not((await send('/validate-email', '{"email":"a@b.jp", "x": [1, {"email": 2}]')).statusCode, 200, 'broken JSON is still refused')
})
