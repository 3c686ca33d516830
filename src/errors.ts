// The one error catalogue: every problem the API can answer with has a stable code, a status,
// a title and a detail written for the developer integrating with us. Bodies are RFC 9457
// application/problem+json; 5xx bodies never carry internal detail.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { negotiateLang } from './core/messages.js'
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
  PUBLIC_KEY_ROUTE: {
    status: 403,
    title: 'Public key not allowed here',
    detail: 'A public (browser) key may call only POST /validate-email. Call this route from your back end with a secret API key.',
  },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    title: 'Origin not allowed for this key',
    detail: 'The request\'s Origin is not one this public key is bound to. Add the origin to the key in PUBLIC_KEYS, or use the key from its own site.',
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

/**
 * The same problems in Japanese, for a request that asks for it (Accept-Language, as for the
 * verdicts): the developer integrating a Japanese portal reads these.
 */
export const PROBLEMS_JA: Record<ProblemCode, { title: string; detail: string }> = {
  INVALID_JSON: {
    title: 'JSON の形式が正しくありません',
    detail:
      'リクエストの本文が正しい JSON ではないか、受け付けない "__proto__" または "constructor.prototype" のキーを含んでいます。{"email": "taro@example.co.jp"} のような JSON オブジェクトを送信してください。',
  },
  EMPTY_BODY: { title: '本文がありません', detail: 'リクエストに本文がありません。{"email": "taro@example.co.jp"} のような JSON オブジェクトを送信してください。' },
  VALIDATION_FAILED: { title: 'リクエストが不正です', detail: 'リクエストが API の仕様に合っていません。errors をご確認ください。' },
  BAD_REQUEST: { title: '不正なリクエスト', detail: 'リクエストを解釈できませんでした。' },
  UNAUTHORIZED: { title: 'API キーが必要です', detail: '有効な API キーを "Authorization: Bearer <key>" または x-api-key ヘッダーで送信してください。' },
  PUBLIC_KEY_ROUTE: {
    title: '公開キーでは利用できません',
    detail: '公開キー（ブラウザ用キー）で呼び出せるのは POST /validate-email だけです。このルートはバックエンドから秘密の API キーで呼び出してください。',
  },
  ORIGIN_NOT_ALLOWED: {
    title: 'このオリジンでは公開キーを利用できません',
    detail: 'リクエストの Origin は、この公開キーに登録されたオリジンではありません。PUBLIC_KEYS でキーにオリジンを追加するか、登録済みのサイトからご利用ください。',
  },
  RATE_LIMITED: {
    title: 'リクエストが多すぎます',
    detail: 'このクライアントからの1分あたりのリクエスト数が上限を超えました。Retry-After ヘッダーの秒数が経過してから、再度お試しください。',
  },
  REQUEST_TIMEOUT: { title: 'リクエストがタイムアウトしました', detail: 'リクエストを時間内に受信できませんでした。リクエスト全体を再送してください。' },
  UNKNOWN_PARTNER_TYPE: { title: '不明なパートナータイプ', detail: 'partnerType に一致するパートナータイプがありません。有効なタイプは validTypes をご覧ください。' },
  PARTNER_TYPE_NOT_FOUND: { title: 'パートナータイプが見つかりません', detail: 'その名前または ID のパートナータイプはありません。近いものは suggestions をご覧ください。' },
  NOT_FOUND: { title: '見つかりません', detail: 'そのリソースはありません。API の仕様は /openapi.json をご覧ください。' },
  PAYLOAD_TOO_LARGE: { title: 'リクエストが大きすぎます', detail: 'リクエストの本文が、このサービスの受け付ける大きさを超えています。' },
  TOO_MANY_LINES: {
    title: '行数が多すぎます',
    detail: 'ストリームの行数が STREAM_MAX_LINES の上限を超えました。それより前の行には回答済みです。残りは別のリクエストで送信してください。',
  },
  UNSUPPORTED_MEDIA_TYPE: { title: 'サポートされていないメディアタイプ', detail: '本文は JSON で、Content-Type: application/json を付けて送信してください。' },
  INTERNAL_ERROR: {
    title: '内部エラー',
    detail: 'サービス側で問題が発生しました。再度お試しください。解決しない場合は、requestId をサービスの運用担当者にお伝えください。',
  },
}


const slug = (code: string): string => code.toLowerCase().replaceAll('_', '-')

/**
 * A problem from the catalogue, in the language the request asks for. `extra` adds to it or
 * overrides it (a detail naming what was sent); `ja` does so for a Japanese answer.
 */
export function problem(code: ProblemCode, request?: FastifyRequest, extra: Partial<Problem> = {}, ja: Partial<Problem> = {}): Problem {
  const kind = PROBLEMS[code]
  const body: Problem = { type: `/problems/${slug(code)}`, title: kind.title, status: kind.status, detail: kind.detail, code }
  if (request) {
    body.instance = request.url.split('?', 1)[0]
    body.requestId = request.id
    if (negotiateLang(request.headers['accept-language']) === 'ja') return { ...body, ...PROBLEMS_JA[code], ...extra, ...ja }
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
    return problem('VALIDATION_FAILED', request, { detail, errors }, { detail: `リクエストが API の仕様に合っていません（${detail}）。` })
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('UNSUPPORTED_MEDIA_TYPE', request)
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      // Each route's own limit (the batch one is larger than BODY_LIMIT).
      const limit = request.routeOptions.bodyLimit
      return problem(
        'PAYLOAD_TOO_LARGE',
        request,
        { detail: `The request body is larger than the ${limit} bytes this endpoint accepts.` },
        { detail: `リクエストの本文が、このエンドポイントの上限 ${limit} バイトを超えています。` },
      )
    }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('EMPTY_BODY', request)
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem('INVALID_JSON', request)
    case 'DUPLICATE_JSON_KEY':
      return problem('INVALID_JSON', request, { detail: 'The request body names a key twice in one object, which is refused: send each key once.' })
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
