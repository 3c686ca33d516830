import type { InjectOptions } from 'fastify'
import t from 'tap'
import { ProblemSchema } from '../../src/schemas.js'
import { build, logCapture, postEmail } from '../support/helpers.js'

t.test('malformed requests get a 4xx application/problem+json, never a 5xx', async (t) => {
  const app = await build(t, { BODY_LIMIT: '1024' })
  const cases: [string, InjectOptions, number, string][] = [
    ['bad JSON', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '{"email": taro@acme.co.jp}' }, 400, 'INVALID_JSON'],
    ['empty body', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' } }, 400, 'EMPTY_BODY'],
    ['missing email', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '{}' }, 400, 'VALIDATION_FAILED'],
    ['email not a string', postEmail(42), 400, 'VALIDATION_FAILED'],
    ['email null', postEmail(null), 400, 'VALIDATION_FAILED'],
    ['body an array', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '["taro@acme.co.jp"]' }, 400, 'VALIDATION_FAILED'],
    ['wrong content type', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'text/plain' }, payload: 'taro@acme.co.jp' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['form content type', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=taro' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['too large', postEmail('a'.repeat(2000)), 413, 'PAYLOAD_TOO_LARGE'],
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
  const v = await app.inject(postEmail(42))
  t.match(v.json(), { errors: [{ path: 'body.email', message: /string/ }] })
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
