// Every error is answered as application/problem+json from the one catalogue (src/errors.ts):
// a route's, a body parser's, a path Fastify cannot route, and those Node's HTTP parser raises
// before a request exists.
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { lingeringEnd } from '../connections.js'
import { problem, problemFromError, sendProblem } from '../errors.js'
import { hasDuplicateKeys } from '../json-duplicates.js'
import { isStreaming } from '../routes/stream.js'

/**
 * Answers an HTTP-level error (bad framing, headers too large, a timeout) on the raw socket, in
 * the same problem+json shape as every other error, then closes the connection.
 */
export function clientError(err: { code?: string }, socket: Socket): void {
  // A stream may take longer than REQUEST_TIMEOUT_MS to send; it has an idle timeout of its own.
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT' && isStreaming(socket)) return
  // Answered already (Node's parser reports each further chunk of a broken request again, and
  // the answer is lingering), or the client is gone.
  if (!socket.writable) return
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const body = JSON.stringify(
    status === 400
      ? problem('BAD_REQUEST', undefined, { detail: 'The request is not valid HTTP/1.1.' })
      : status === 408
        ? problem('REQUEST_TIMEOUT')
        : problem('BAD_REQUEST', undefined, { status: 431, title: 'Request header fields too large', detail: 'The request line or headers are too large.' }),
  )
  // Read and drop what the client still sends, so that it gets to read the answer.
  lingeringEnd(
    socket,
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

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
