import type { FastifyError, FastifyRequest } from 'fastify'
import t from 'tap'
import { PROBLEMS, problemFromError } from '../src/errors.js'
import { ProblemSchema } from '../src/schemas.js'

const request = { url: '/validate-email?x=1', id: 'req-1' } as FastifyRequest
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
