// HTTP helpers for the robustness tests: raw requests over a socket of their own (for what a
// well-behaved client library will not send: invalid UTF-8, broken framing, odd headers, slow
// bodies), plain requests over keep-alive, and the checks every answer must pass. Every
// request goes to the server under test on 127.0.0.1.
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { steady, type Steady } from './process.js'

export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

export interface RawOutcome {
  response?: RawResponse
  /** The socket error, when the connection failed before a whole response came. */
  error?: string
  /** Body chunks written before the server answered or closed. */
  chunksSent: number
  /** The server closed or answered before the client had sent everything. */
  cutOff: boolean
}

export interface RawOptions {
  /** The body, sent after the head in these chunks (a string or Buffer is one chunk). */
  body?: (string | Buffer)[]
  /**
   * Pause before each body chunk: 'drain' writes the next as soon as the socket takes it (for
   * large bodies), a number waits that many milliseconds on a timer (a slow client).
   */
  pace?: 'drain' | number
  /** Give up (and count it as no answer) when nothing ends the exchange sooner. */
  giveUpMs?: number
  /**
   * A client that never sends its whole body: once the last chunk is out and one more pause has
   * passed with no answer, it hangs up itself (and the server did not cut it off).
   */
  hangUpAfterLast?: boolean
}

/** Parses a response as far as it has arrived; null while incomplete. */
function parseResponse(buf: Buffer, ended: boolean): RawResponse | null {
  const end = buf.indexOf('\r\n\r\n')
  if (end < 0) return null
  const [statusLine, ...lines] = buf.subarray(0, end).toString('latin1').split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1])
  if (!status) return null
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const rest = buf.subarray(end + 4)
  const length = headers['content-length']
  if (length !== undefined) {
    if (rest.length < Number(length)) return ended ? { status, headers, body: rest.toString() } : null
    return { status, headers, body: rest.subarray(0, Number(length)).toString() }
  }
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const parts: Buffer[] = []
    let at = 0
    for (;;) {
      const eol = rest.indexOf('\r\n', at)
      if (eol < 0) return ended ? { status, headers, body: Buffer.concat(parts).toString() } : null
      const size = parseInt(rest.subarray(at, eol).toString(), 16)
      if (size === 0) return { status, headers, body: Buffer.concat(parts).toString() }
      if (rest.length < eol + 2 + size + 2) return ended ? { status, headers, body: Buffer.concat(parts).toString() } : null
      parts.push(rest.subarray(eol + 2, eol + 2 + size))
      at = eol + 2 + size + 2
    }
  }
  return ended || status === 204 || status === 304 ? { status, headers, body: rest.toString() } : null
}

/**
 * Sends `head` (the request line and headers, CRLF-terminated, blank line included) and then
 * the body chunks on a fresh connection, and reads one response. Resolves once a whole response
 * has arrived, the connection closes, or giveUpMs passes (a bound, never expected to be hit).
 */
export function raw(url: string, head: string | Buffer, options: RawOptions = {}): Promise<RawOutcome> {
  const { port, hostname } = new URL(url)
  const chunks = options.body ?? []
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname)
    const received: Buffer[] = []
    let sent = 0
    let done = false
    let response: RawResponse | null = null
    let error: string | undefined
    let timer: NodeJS.Timeout | undefined
    /** by: who ended the exchange — the server (an answer, a close) or the client. */
    const finish = (by: 'server' | 'client'): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      clearTimeout(giveUp)
      socket.destroy()
      response ??= parseResponse(Buffer.concat(received), true)
      const cutOff = by === 'server' && (sent < chunks.length || Boolean(options.hangUpAfterLast))
      resolve({ ...(response ? { response } : {}), ...(error && !response ? { error } : {}), chunksSent: sent, cutOff })
    }
    const giveUp = setTimeout(() => {
      error ??= 'no answer'
      finish('client')
    }, options.giveUpMs ?? 30_000)
    socket.on('data', (d: Buffer) => {
      received.push(d)
      response = parseResponse(Buffer.concat(received), false)
      if (response) finish('server')
    })
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message
    })
    socket.on('close', () => finish('server'))
    const pause = (then: () => void): void => {
      if (typeof options.pace === 'number') timer = setTimeout(then, options.pace)
      else setImmediate(then)
    }
    const next = (): void => {
      if (done || socket.destroyed) return
      if (sent >= chunks.length) {
        // Everything is out; a client that never finishes its body hangs up after one more pause.
        if (options.hangUpAfterLast) finish('client')
        return
      }
      const ok = socket.write(chunks[sent++]!)
      if (sent >= chunks.length && !options.hangUpAfterLast) return
      if (!ok && typeof options.pace !== 'number') socket.once('drain', next)
      else pause(next)
    }
    socket.on('connect', () => {
      socket.write(head)
      if (chunks.length > 0 || options.hangUpAfterLast) pause(next)
    })
  })
}

/** A request head: method, path, headers (a list, so that a name may repeat), CRLF-terminated. */
export function head(method: string, path: string, headers: [string, string | number][] = [], version = 'HTTP/1.1'): string {
  return `${method} ${path} ${version}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`
}

export interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One request through Node's client, on the given keep-alive agent. */
export function call(
  url: string,
  method: string,
  path: string,
  { body, headers = {}, agent }: { body?: string | Buffer; headers?: Record<string, string>; agent?: Agent } = {},
): Promise<Reply | { error: string }> {
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, {
      method,
      agent: agent ?? false,
      headers: body === undefined ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers },
    })
    req.on('response', (res) => {
      const parts: Buffer[] = []
      res.on('data', (c: Buffer) => parts.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }))
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }))
    })
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }))
    // A guard against a hang, never expected to fire: the request ends as a failure.
    req.setTimeout(30_000, () => req.destroy(Object.assign(new Error('no answer in 30 s'), { code: 'TIMEOUT' })))
    req.end(body)
  })
}

/**
 * What is wrong with an answer, or null: never a 5xx, and every error (4xx) is an RFC 9457
 * problem — application/problem+json with type, title, status (the response's own) and detail.
 */
export function answerProblem(status: number, contentType: string | undefined, body: string, method = 'GET'): string | null {
  if (status >= 500) return `a ${status}`
  if (status < 400 || method === 'HEAD') return null
  if (!/^application\/problem\+json\b/i.test(contentType ?? '')) return `a ${status} as ${contentType ?? 'no content type'}, not application/problem+json`
  let p: Record<string, unknown>
  try {
    p = JSON.parse(body) as Record<string, unknown>
  } catch {
    return `a ${status} problem whose body is not JSON`
  }
  for (const k of ['type', 'title', 'detail']) if (typeof p[k] !== 'string') return `a ${status} problem without a string ${k}`
  if (p.status !== status) return `a ${status} problem whose status field is ${JSON.stringify(p.status)}`
  if (/\bat .*\.(ts|js):\d+/.test(body)) return `a ${status} problem carrying a stack trace`
  return null
}

/** process_resident_memory_bytes as /metrics reports it. */
export async function residentMemory(url: string): Promise<number> {
  const r = await call(url, 'GET', '/metrics')
  if ('error' in r) throw new Error(`GET /metrics failed: ${r.error}`)
  const m = /^process_resident_memory_bytes (\S+)$/m.exec(r.body)
  if (!m) throw new Error('no process_resident_memory_bytes in /metrics')
  return Number(m[1])
}

/** A metric's value from /metrics (the first sample of that name, labels as written). */
export async function metric(url: string, name: string): Promise<number | null> {
  const r = await call(url, 'GET', '/metrics')
  if ('error' in r) return null
  const m = new RegExp(`^${name.replace(/[{}"=]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(r.body)
  return m ? Number(m[1]) : null
}

export const MB = 1024 * 1024

/** Tallies failures by kind, so thousands of requests report each kind of failure once. */
export class Failures {
  readonly kinds = new Map<string, { count: number; example: string }>()
  add(kind: string, example: string): void {
    const k = this.kinds.get(kind)
    if (k) k.count++
    else this.kinds.set(kind, { count: 1, example })
  }
  get size(): number {
    return this.kinds.size
  }
  report(t: { fail: (m: string) => void; pass: (m: string) => void }, what: string): void {
    if (this.kinds.size === 0) t.pass(what)
    for (const [kind, { count, example }] of this.kinds) t.fail(`${kind} (${count}×), e.g. ${example}`)
  }
}

/** A request that is the client's fault, and so must get a 4xx problem (never a 5xx). */
export interface BadRequest {
  what: string
  path: string
  body: string | Buffer
  headers: Record<string, string>
}

const json = { 'content-type': 'application/json' }
export const BAD_REQUESTS: BadRequest[] = [
  { what: 'cut-off JSON', path: '/validate-email', body: '{"email": "taro@acme.co', headers: json },
  { what: 'an empty body', path: '/validate-email', body: '', headers: json },
  { what: 'no email', path: '/validate-email', body: '{"mail":"taro@acme.co.jp"}', headers: json },
  { what: 'email not a string', path: '/validate-email', body: '{"email":["taro@acme.co.jp"]}', headers: json },
  { what: 'a __proto__ key', path: '/validate-email', body: '{"email":"taro@acme.co.jp","__proto__":{"x":1}}', headers: json },
  { what: 'constructor.prototype', path: '/validate-email', body: '{"email":"taro@acme.co.jp","constructor":{"prototype":{"x":1}}}', headers: json },
  { what: 'text/plain', path: '/validate-email', body: 'taro@acme.co.jp', headers: { 'content-type': 'text/plain' } },
  { what: 'no content type', path: '/validate-email', body: '{"email":"taro@acme.co.jp"}', headers: {} },
  { what: 'over BODY_LIMIT', path: '/validate-email', body: JSON.stringify({ email: 'a'.repeat(20_000) }), headers: json },
  { what: 'an unknown partner type', path: '/validate-email', body: '{"email":"taro@acme.co.jp","partnerType":"Astronaut"}', headers: json },
  { what: 'an empty batch', path: '/validate-email/batch', body: '{"emails":[]}', headers: json },
  { what: 'an unknown route', path: '/validate-emails', body: '{}', headers: json },
]

export interface BadOutcome {
  what: string
  status?: number
  error?: string
  problem: string | null
}

/**
 * Steady malformed traffic, alongside load() from test/support/process.ts: `workers` loops on keep-alive
 * connections, each sending the next of BAD_REQUESTS when the last is answered, until stop() or
 * `max` requests in all.
 */
export function abuse(url: string, { workers = 2, max = 50_000 } = {}): Steady<BadOutcome> {
  let n = 0
  return steady<BadOutcome>(workers, max, async (agent, outcomes) => {
    const bad = BAD_REQUESTS[n++ % BAD_REQUESTS.length]!
    const r = await call(url, 'POST', bad.path, { body: bad.body, headers: bad.headers, agent })
    if ('error' in r) {
      outcomes.push({ what: bad.what, error: r.error, problem: `no answer (${r.error})` })
      return false
    }
    const problem = r.status < 400 ? `a ${r.status} for a bad request` : answerProblem(r.status, r.headers['content-type'] as string | undefined, r.body, 'POST')
    outcomes.push({ what: bad.what, status: r.status, problem })
    return true
  })
}

export { within } from './process.js'
