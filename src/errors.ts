// The one error catalogue: every problem the API can answer with has a stable code, a status,
// a title and a detail written for the developer integrating with us. Bodies are RFC 9457
// application/problem+json; 5xx bodies never carry internal detail.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { PROBLEM_MEDIA_TYPE, type Problem } from './schemas.js'

interface ProblemKind {
  status: number
  title: string
  detail: string
}

export const PROBLEMS = {
  INVALID_JSON: {
    status: 400,
    title: 'Malformed JSON',
    detail:
      'The request body is not valid JSON, or holds a "__proto__" or "constructor.prototype" key, which is refused. Send a JSON object such as {"email": "taro@example.co.jp"}.',
  },
  EMPTY_BODY: {
    status: 400,
    title: 'Empty body',
    detail: 'The request has no body. Send a JSON object such as {"email": "taro@example.co.jp"}.',
  },
  VALIDATION_FAILED: {
    status: 400,
    title: 'Invalid request',
    detail: 'The request does not match the API contract; see errors.',
  },
  BAD_REQUEST: {
    status: 400,
    title: 'Bad request',
    detail: 'The request could not be understood.',
  },
  UNAUTHORIZED: {
    status: 401,
    title: 'API key required',
    detail: 'Send a valid API key as "Authorization: Bearer <key>" or in the x-api-key header.',
  },
  RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    detail: 'This client has made more requests than it may per minute. Retry after the number of seconds in the Retry-After header.',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    title: 'Request timeout',
    detail: 'The request was not received in time. Send it again, whole.',
  },
  UNKNOWN_PARTNER_TYPE: {
    status: 400,
    title: 'Unknown partner type',
    detail: 'partnerType matches no partner type; see validTypes for the valid ones.',
  },
  PARTNER_TYPE_NOT_FOUND: {
    status: 404,
    title: 'Partner type not found',
    detail: 'No partner type has that name or id; see suggestions for the closest ones.',
  },
  NOT_FOUND: {
    status: 404,
    title: 'Not found',
    detail: 'There is no such resource. See /openapi.json for the API.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: 'Payload too large',
    detail: 'The request body is larger than this service accepts.',
  },
  TOO_MANY_LINES: {
    status: 413,
    title: 'Too many lines',
    detail: 'The stream has more lines than STREAM_MAX_LINES allows; the lines before it were answered. Send the rest in another request.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported media type',
    detail: 'Send the request body as JSON, with Content-Type: application/json.',
  },
  INTERNAL_ERROR: {
    status: 500,
    title: 'Internal error',
    detail: 'Something went wrong on our side. Retry; if it persists, tell the service operators the requestId.',
  },
} as const satisfies Record<string, ProblemKind>
export type ProblemCode = keyof typeof PROBLEMS


const slug = (code: string): string => code.toLowerCase().replaceAll('_', '-')

export function problem(code: ProblemCode, request?: FastifyRequest, extra: Partial<Problem> = {}): Problem {
  const kind = PROBLEMS[code]
  const body: Problem = { type: `/problems/${slug(code)}`, title: kind.title, status: kind.status, detail: kind.detail, code }
  if (request) {
    body.instance = request.url.split('?', 1)[0]
    body.requestId = request.id
  }
  return { ...body, ...extra }
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  // Serialised here rather than by the route's response schema: an error must go out even
  // when it happens before or outside a route (404, body parsing).
  return reply.code(body.status).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(body))
}

/** The shape fastify-type-provider-zod gives each zod issue (its createValidationError). */
interface ValidationIssue {
  instancePath: string
  message: string
}

/** Maps whatever Fastify, a plugin or a route threw to a problem from the catalogue. */
export function problemFromError(err: FastifyError, request: FastifyRequest): Problem {
  if (err.validation) {
    const errors = (err.validation as ValidationIssue[]).map((v) => ({
      path: [String(err.validationContext), ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message,
    }))
    const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ')
    return problem('VALIDATION_FAILED', request, { detail, errors })
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('UNSUPPORTED_MEDIA_TYPE', request)
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('PAYLOAD_TOO_LARGE', request)
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('EMPTY_BODY', request)
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem('INVALID_JSON', request)
  }
  const status = err.statusCode ?? 500
  if (status >= 500) return problem('INTERNAL_ERROR', request)
  // A parser's message can quote the body, which may hold an address: never echo it.
  if (err instanceof SyntaxError) return problem('INVALID_JSON', request)
  if (status === 429) return problem('RATE_LIMITED', request)
  if (status === 408) return problem('REQUEST_TIMEOUT', request)
  if (status === 413) return problem('PAYLOAD_TOO_LARGE', request)
  if (status === 415) return problem('UNSUPPORTED_MEDIA_TYPE', request)
  if (status === 404) return problem('NOT_FOUND', request)
  // Fastify's own FST_ errors have fixed messages that say what was wrong with the request.
  const detail = err.code?.startsWith('FST_') ? err.message : PROBLEMS.BAD_REQUEST.detail
  return problem('BAD_REQUEST', request, { status, detail })
}
