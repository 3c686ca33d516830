// Every error is answered as application/problem+json from the one catalogue (src/errors.ts):
// a route's, a body parser's, an unknown Expect, a path Fastify cannot route. (Those Node's HTTP
// parser raises before a request exists are answered by clientError in src/server-options.ts.)
import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { problem, problemFromError, sendProblem } from '../errors.js'
import { hasDuplicateKeys } from '../json-duplicates.js'

async function errors(app: FastifyInstance): Promise<void> {
  // Node answers an unknown Expect with a bodiless 417 unless asked: say what is wrong instead.
  app.server.on('checkExpectation', (_req, res) => {
    const body = JSON.stringify(problem('BAD_REQUEST', undefined, { status: 417, title: 'Expectation failed', detail: 'Only "Expect: 100-continue" is supported.' }))
    res.writeHead(417, { 'content-type': 'application/problem+json; charset=utf-8', connection: 'close' }).end(body)
  })
  // The API speaks JSON only: a text/plain body is a wrong content type (415), not a bad field.
  app.removeContentTypeParser('text/plain')
  // Fastify's own JSON parser (prototype keys refused), after the duplicate-key check.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (hasDuplicateKeys(body as string)) return done(Object.assign(new Error('duplicate JSON key'), { statusCode: 400, code: 'DUPLICATE_JSON_KEY' }), undefined)
    parseJson(request, body as string, done)
  })

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const body = problemFromError(err, request)
    if (body.status >= 500) request.log.error({ err }, 'request failed')
    // Only codes go into the access line: a parser's message can quote the body, and the body
    // holds an address.
    request.logFacts = { problem: body.code, errCode: err.code }
    return sendProblem(reply, body)
  })
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem('NOT_FOUND', request)))
}

export default fp(errors, { name: 'errors' })
