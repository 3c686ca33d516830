import t from 'tap'
import { z } from 'zod'
import { compileValidator } from '../src/server-options.js'
import { build, logCapture, postEmail } from './support/helpers.js'

t.test('honours a sane x-request-id and returns it; replaces anything else', async (t) => {
  const app = await build(t)
  const res = await app.inject(postEmail('x@gmail.com', { 'x-request-id': 'portal-123.abc' }))
  t.equal(res.headers['x-request-id'], 'portal-123.abc')
  const odd = await app.inject(postEmail('x@gmail.com', { 'x-request-id': 'has space' }))
  const made = String(odd.headers['x-request-id'])
  t.match(made, /^[0-9a-f]{12}-[0-9a-z]+$/, 'a made id: the process prefix and a count')
  const next = String((await app.inject(postEmail('x@gmail.com'))).headers['x-request-id'])
  t.not(next, made, 'each request its own')
  t.equal(next.split('-')[0], made.split('-')[0], 'the same prefix in one process')
  t.ok(parseInt(next.split('-')[1]!, 36) > parseInt(made.split('-')[1]!, 36), 'counted up')
})

t.test('a sign-up body is checked without zod when plain, by zod otherwise, with the same answers', async (t) => {
  const app = await build(t)
  const send = (body: unknown) => app.inject({ method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) })
  t.equal((await send({ email: 'taro@acme.co.jp', partnerType: 'SIer', checkDeliverability: false })).statusCode, 200, 'plain: the fast check')
  const extra = await send({ email: 'taro@acme.co.jp', note: 'x' })
  t.equal(extra.statusCode, 200, 'a key the schema strips: zod takes it')
  t.equal(extra.json().email, 'taro@acme.co.jp')
  const wrong = await send({ email: 42 })
  t.equal(wrong.statusCode, 400)
  t.match(wrong.json(), { code: 'VALIDATION_FAILED', errors: [{ path: 'email' }] }, 'zod describes what is wrong')
  const long = await send({ email: 'a@b.jp', partnerType: 'x'.repeat(201) })
  t.match(long.json(), { code: 'VALIDATION_FAILED', errors: [{ path: 'partnerType' }] })
  t.equal((await app.inject({ ...postEmail('taro@acme.co.jp'), headers: { 'content-type': 'application/json', 'accept-language': 'ja' } })).headers['content-language'], 'ja', 'Accept-Language is read, not validated')
})

t.test('a header schema is left unchecked only when it is optional strings with no checks of their own', async (t) => {
  const headers = (schema: unknown) => compileValidator({ schema, method: 'GET', url: '/x', httpPart: 'headers' } as Parameters<typeof compileValidator>[0])
  const fails = (v: unknown) => typeof v === 'object' && v !== null && 'error' in v && Boolean((v as { error: unknown }).error)
  t.equal(headers(z.object({ 'accept-language': z.string().optional() }))({}), true, 'documented only')
  t.ok(fails(headers(z.object({ 'x-a': z.string() }))({})), 'a required header is checked')
  t.ok(fails(headers(z.object({ 'x-a': z.string().max(3).optional() }))({ 'x-a': 'abcd' })), 'a string with a check of its own is checked')
  t.ok(fails(headers(z.string())({})), 'a schema that is no object is zod’s')
})

t.test('logging off is no logger: a request gets the app\'s logger, not a child of its own, and nothing is written', async (t) => {
  const log = logCapture()
  const app = await build(t, {}, { logStream: log.stream })
  let same: boolean | undefined
  app.addHook('onRequest', async (request) => {
    same = request.log === app.log
  })
  t.equal((await app.inject(postEmail('taro@acme.co.jp'))).statusCode, 200)
  t.equal(same, true, 'no per-request child logger')
  t.same(log.lines(), [], 'nothing logged')
  // At info, each request has its own (lazily made) child, bound to its id.
  const logged = await build(t, { LOG_LEVEL: 'info' }, { logStream: logCapture().stream })
  let child: boolean | undefined
  logged.addHook('onRequest', async (request) => {
    child = request.log !== logged.log
  })
  await logged.inject(postEmail('taro@acme.co.jp'))
  t.equal(child, true)
})
