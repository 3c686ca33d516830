import type { FastifyError, FastifyRequest } from 'fastify'
import t from 'tap'
import { PROBLEMS, PROBLEMS_JA, problemFromError } from '../src/errors.js'
import { build } from './support/helpers.js'
import { ProblemSchema } from '../src/schemas.js'

const request = { url: '/validate-email?x=1', id: 'req-1', headers: {}, routeOptions: { bodyLimit: 16384 } } as unknown as FastifyRequest
const error = (props: Partial<FastifyError>, base: Error = new Error('boom')): FastifyError => Object.assign(base, props) as FastifyError

t.test('maps errors thrown by plugins and the framework to the catalogue', async (t) => {
  const cases: [FastifyError, string, number][] = [
    [error({ statusCode: 413 }), 'PAYLOAD_TOO_LARGE', 413],
    [error({ statusCode: 415 }), 'UNSUPPORTED_MEDIA_TYPE', 415],
    [error({ statusCode: 404 }), 'NOT_FOUND', 404],
    [error({ statusCode: 400 }, new SyntaxError('Unexpected token t in JSON: {"email": taro@acme.co.jp}')), 'INVALID_JSON', 400],
    [error({ statusCode: 503 }), 'INTERNAL_ERROR', 500],
    [error({}), 'INTERNAL_ERROR', 500],
    [error({ statusCode: 408 }), 'REQUEST_TIMEOUT', 408],
    [error({ statusCode: 429 }), 'RATE_LIMITED', 429],
    [error({ statusCode: 431, code: 'FST_ERR_HEADERS_TOO_LARGE', message: 'Request header fields too large' }), 'BAD_REQUEST', 431],
    [error({ statusCode: 400, code: 'SOME_PLUGIN', message: 'quotes taro@acme.co.jp' }), 'BAD_REQUEST', 400],
  ]
  for (const [err, code, status] of cases) {
    const p = ProblemSchema.parse(problemFromError(err, request))
    t.match(p, { code, status, instance: '/validate-email', requestId: 'req-1' }, code)
    t.notMatch(p.detail, /taro@acme|boom/, `${code}: no input or internal message echoed`)
  }
  t.match(problemFromError(error({ statusCode: 431, code: 'FST_ERR_HEADERS_TOO_LARGE', message: 'Request header fields too large' }), request).detail, 'Request header fields too large', "Fastify's own messages are passed on")
})

t.test('every problem in the catalogue has a 4xx or 5xx status, a title and a detail', async (t) => {
  for (const [code, p] of Object.entries(PROBLEMS)) {
    t.ok(p.status >= 400 && p.status < 600 && p.title && p.detail.length > 20, code)
  }
})

t.test('problems follow Accept-Language as the verdicts do', async (t) => {
  t.same(Object.keys(PROBLEMS_JA).sort(), Object.keys(PROBLEMS).sort(), 'every problem has its Japanese title and detail')
  const app = await build(t, { API_KEYS: 'k'.repeat(20), RATE_LIMIT_PER_MINUTE: '8' })
  const ja = { 'accept-language': 'ja' }
  const key = { 'x-api-key': 'k'.repeat(20) }
  const unauthorized = await app.inject({ method: 'POST', url: '/validate-email', headers: ja, payload: { email: 'a@b.jp' } })
  t.match(unauthorized.json(), { status: 401, code: 'UNAUTHORIZED', title: 'API キーが必要です', detail: /有効な API キーを/ })
  t.match((await app.inject({ url: '/nope', headers: { ...ja, ...key } })).json(), { status: 404, title: '見つかりません' })
  t.match((await app.inject({ url: '/nope', headers: key })).json(), { status: 404, title: 'Not found' }, 'English without the header')
  const invalid = await app.inject({ method: 'POST', url: '/validate-email', headers: { ...ja, ...key }, payload: { mail: 'x' } })
  t.match(invalid.json(), { status: 400, title: 'リクエストが不正です', detail: /^リクエストが API の仕様に合っていません（body/, errors: [{ path: /^body/ }] })
  const type = await app.inject({ method: 'POST', url: '/validate-email', headers: { ...ja, ...key }, payload: { email: 'a@b.jp', partnerType: 'Astronaut' } })
  t.match(type.json(), { status: 400, title: '不明なパートナータイプ', detail: /^partnerType「Astronaut」に一致するパートナータイプがありません。有効なタイプ: 独立系ソフトウェアベンダー（Independent Software Vendor）、/ })
  const lookup = await app.inject({ url: '/partner-types/lookup', query: { name: 'Astronaut' }, headers: { 'accept-language': 'ja,en;q=0.5', ...key } })
  t.match(lookup.json(), { status: 404, title: 'パートナータイプが見つかりません', detail: /^「Astronaut」という名前のパートナータイプはありません。近いもの: / })
  t.match((await app.inject({ url: '/partner-types/astronaut', headers: { ...ja, ...key } })).json(), { status: 404, detail: /^ID「astronaut」のパートナータイプはありません。/ })
  let limited = await app.inject({ url: '/partner-types', headers: { ...ja, ...key } })
  for (let i = 0; i < 10 && limited.statusCode !== 429; i++) limited = await app.inject({ url: '/partner-types', headers: { ...ja, ...key } })
  t.match(limited.json(), { status: 429, title: 'リクエストが多すぎます', detail: /Retry-After/ })
})

t.test('a body over the limit names the limit of the endpoint it was sent to', async (t) => {
  const app = await build(t, { BODY_LIMIT: '1024' })
  const big = JSON.stringify({ emails: Array.from({ length: 40 }, (_, i) => `user${i}@example-company.co.jp`) })
  const single = await app.inject({ method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'x'.repeat(2000) }) })
  t.match(single.json(), { status: 413, detail: 'The request body is larger than the 1024 bytes this endpoint accepts.' })
  t.equal((await app.inject({ method: 'POST', url: '/validate-email/batch', headers: { 'content-type': 'application/json' }, payload: big })).statusCode, 200, 'the batch has its own, larger limit')
  const huge = JSON.stringify({ emails: ['x'.repeat(600 * 1024)] })
  const batch = await app.inject({ method: 'POST', url: '/validate-email/batch', headers: { 'content-type': 'application/json', 'accept-language': 'ja' }, payload: huge })
  t.match(batch.json(), { status: 413, detail: 'リクエストの本文が、このエンドポイントの上限 524288 バイトを超えています。' })
})
