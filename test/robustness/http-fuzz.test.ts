// HTTP fuzz against the real server process: random and malformed bodies, wrong and missing
// content types, invalid UTF-8, deeply nested JSON, prototype-poisoning keys, huge strings and
// bodies, slow bodies and headers, odd headers, methods and paths. Whatever arrives: no 5xx, no
// crash, every error an RFC 9457 problem (application/problem+json with type, title, status,
// detail), and the server's memory back near where it was.
//
// The random part is fast-check, seeded (test/support/seed.ts: fixed in CI, FC_SEED=<seed> replays a run); a few thousand requests.
import { connect } from 'node:net'
import { Agent } from 'node:http'
import fc from 'fast-check'
import t from 'tap'
import { PARTNER_TYPES } from '../../src/core/partner-types.js'
import { startServer } from '../support/process.js'
import { seed } from '../support/seed.js'
import { answerProblem, call, Failures, head, MB, raw, residentMemory, type RawOutcome } from '../support/http.js'


const KEY = 'robustness-fuzz-key-0123456789'
const BODY_LIMIT = 256 * 1024
const REQUEST_TIMEOUT_MS = 1000

const server = await startServer(t, {
  RATE_LIMIT_PER_MINUTE: '0',
  REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  BODY_LIMIT: String(BODY_LIMIT),
  API_KEYS: KEY,
  // A deliverability check, if a request asks for one, goes nowhere but this machine.
  DNS_SERVERS: '127.0.0.1:9',
  DNS_TIMEOUT_MS: '300',
  PARTNERS_RELOAD: 'false',
})
const url = server.url
const auth = { 'x-api-key': KEY }
const failures = new Failures()
let requests = 0

/** Checks one answer; `what` describes the request for the failure report. */
function judge(what: string, kind: string, r: { status: number; headers: Record<string, unknown>; body: string } | { error: string }, method = 'GET'): void {
  requests++
  if ('error' in r) {
    failures.add(`${kind}: no answer (${r.error})`, what)
    return
  }
  const problem = answerProblem(r.status, r.headers['content-type'] as string | undefined, r.body, method)
  if (problem) failures.add(`${kind}: ${problem}`, `${what} → ${r.status} ${r.body.slice(0, 200)}`)
}
const judgeRaw = (what: string, kind: string, o: RawOutcome, method = 'GET'): void =>
  judge(what, kind, o.response ?? { error: o.error ?? 'connection closed without an answer' }, method)

/** Runs the jobs with at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!)
    }),
  )
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 })
t.teardown(() => agent.destroy())
const post = (path: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  call(url, 'POST', path, { body, headers: { ...auth, ...headers }, agent })
const show = (s: string | Buffer) => JSON.stringify(s.toString().slice(0, 120))

// --- what to send ----------------------------------------------------------------------------

const typeNames = PARTNER_TYPES.flatMap((p) => [p.id, p.en, p.ja, ...p.aliases])
const email = fc.oneof(
  fc.constantFrom('taro@acme.co.jp', 'hanako@docomo.ne.jp', 'ｔａｒｏ＠ａｃｍｅ．ｃｏ．ｊｐ', 'x@mailinator.com', '五郎@acme.co.jp', 'a@xn--85i.acme.co.jp'),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...'a.@-"\\ ＠．。\u200b\u0000'), maxLength: 40 }),
)
const verdictRequest = fc.record(
  {
    email,
    partnerType: fc.oneof(fc.constantFrom(...typeNames), fc.string({ maxLength: 30 }), fc.constant('')),
    checkDeliverability: fc.boolean(),
  },
  { requiredKeys: ['email'] },
)
const POISON = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then']
/** A JSON object with a poisoning key, written as text (JSON.stringify would drop or rename some). */
const poisoned = fc
  .tuple(fc.constantFrom(...POISON), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('first', 'last', 'nested', 'escaped'))
  .map(([key, value, where]) => {
    const v = JSON.stringify(value) ?? 'null'
    const k = where === 'escaped' ? JSON.stringify(key).replace(/_/g, '\\u005f') : JSON.stringify(key)
    if (where === 'first') return `{${k}:${v},"email":"taro@acme.co.jp"}`
    if (where === 'nested') return `{"email":"taro@acme.co.jp","x":{"y":{${k}:{"polluted":true}}}}`
    return `{"email":"taro@acme.co.jp",${k}:${v}}`
  })
const jsonBody = fc.oneof(
  { weight: 5, arbitrary: verdictRequest.map((o) => JSON.stringify(o)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.tuple(fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }), email).map(([o, e]) => JSON.stringify({ ...o, email: e })) },
  { weight: 2, arbitrary: poisoned },
)
const batchBody = fc.oneof(
  fc.record({ emails: fc.array(email, { minLength: 0, maxLength: 30 }), partnerType: fc.constantFrom(...typeNames) }, { requiredKeys: ['emails'] }).map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ emails: v })),
)
/** JSON cut, spliced or sprinkled with bytes: malformed on purpose. */
const brokenBody = fc.oneof(
  fc.tuple(jsonBody, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
  fc.tuple(jsonBody, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([s, n, bytes]) => {
    const b = Buffer.from(s)
    const at = n % (b.length + 1)
    return Buffer.concat([b.subarray(0, at), Buffer.from(bytes), b.subarray(at)])
  }),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  fc.string({ unit: 'binary', maxLength: 100 }),
)

/** Byte sequences that are not UTF-8: lone continuation bytes, overlongs, surrogates, cut-offs. */
const INVALID_UTF8 = ['ff', 'fe', 'c0af', 'e080af', 'c328', 'a0a1', 'eda080', 'f4908080', 'e282', 'f09f98', 'f8888080', 'fffe0000', 'efbfbf', 'c0', 'e0', 'f0']
const invalidUtf8Bodies = INVALID_UTF8.flatMap((hex) => {
  const bad = Buffer.from(hex, 'hex')
  return [
    Buffer.concat([Buffer.from('{"email":"taro'), bad, Buffer.from('@acme.co.jp"}')]),
    Buffer.concat([Buffer.from('{"email":"taro@acme.co.jp"'), bad, Buffer.from('}')]),
    Buffer.concat([Buffer.from('{"'), bad, Buffer.from('":"x","email":"a@b.co"}')]),
    Buffer.concat([Buffer.from('{"email":"taro@acme.co.jp"}'), bad]),
    Buffer.concat([bad, Buffer.from('{"email":"taro@acme.co.jp"}')]),
  ]
})

const CONTENT_TYPES = [
  null,
  '',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/json; =',
  'application/jsonx',
  'application/merge-patch+json',
  'application/problem+json',
  'application/json, text/plain',
  `application/json; x=${'a'.repeat(4000)}`,
  '*/*',
  ';',
  'application/octet-stream',
]

const PATHS = fc.oneof(
  fc.webPath(),
  fc.string({ unit: fc.constantFrom(...'/%.aZ09@~!$&\'()*+,;=:-_'), maxLength: 40 }).map((s) => `/${s}`),
  fc.tuple(fc.constantFrom('/domains/', '/partner-types/', '/partner-types/lookup?name=', '/validate-email/', '/docs/', '/healthz?'), fc.string({ unit: 'binary', maxLength: 30 })).map(([p, s]) => p + encodeURIComponent(s)),
  fc.tuple(fc.constantFrom('/domains/', '/partner-types/'), fc.array(fc.constantFrom('%FF', '%E0%A4%A', '%', '%%', '%C0%AF', '%00', '%2F', '..', '%2e%2e', '%u0041', '@', '%40'), { minLength: 1, maxLength: 4 })).map(([p, s]) => p + s.join('')),
)
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

// --- the run ---------------------------------------------------------------------------------

/** A mix of ordinary requests, sent before and after the fuzz to compare memory at rest. */
async function warmUp(): Promise<void> {
  const bodies = fc.sample(verdictRequest, { numRuns: 300, seed: 1 })
  await pool(bodies, 8, async (b) => judge(show(JSON.stringify(b)), 'warm-up', await post('/validate-email', JSON.stringify({ ...b, checkDeliverability: false }))))
}

/** Sends headers and part of a body, then vanishes: the server must not care. */
function abandon(part: string): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(Number(new URL(url).port), '127.0.0.1')
    s.on('error', () => resolve())
    s.on('close', () => resolve())
    s.on('connect', () => s.end(part, () => s.destroy()))
  })
}

t.test('the server survives the fuzz: no 5xx, every error a problem, memory back to rest', async (t) => {
  let phaseStart = performance.now()
  let phaseRequests = 0
  const phase = (name: string) => {
    t.comment(`${name}: ${requests - phaseRequests} requests, ${((performance.now() - phaseStart) / 1000).toFixed(1)} s`)
    phaseStart = performance.now()
    phaseRequests = requests
  }
  await warmUp()
  const before = await residentMemory(url)

  // Slow clients first, so that they trickle while everything else is sent. Each sends one
  // byte per 250 ms, for at most 40 bytes (10 s): the server must cut it off well before.
  const slowBody = (n: number) =>
    raw(url, head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ['x-api-key', KEY], ['content-length', 100]]), {
      body: Array.from({ length: 40 }, (_, i) => (i === 0 ? '{' : ' ')),
      pace: 250 + n,
      hangUpAfterLast: true,
    })
  const slowHeaders = () =>
    raw(url, 'GET /healthz HTTP/1.1\r\n', { body: Array.from({ length: 40 }, (_, i) => `x-slow-${i}: y\r\n`), pace: 250, hangUpAfterLast: true })
  const slow = Promise.all([slowBody(0), slowBody(1), slowBody(2), slowHeaders()])

  // 1. Random JSON bodies: verdict requests, any JSON, random keys, poisoning keys.
  await pool(fc.sample(jsonBody, { numRuns: 1200, seed }), 8, async (b) => judge(show(b), 'random JSON body', await post('/validate-email', b), 'POST'))
  await pool(fc.sample(batchBody, { numRuns: 200, seed }), 8, async (b) => judge(show(b), 'random batch body', await post('/validate-email/batch', b), 'POST'))

  phase('random JSON bodies')

  // 2. Malformed bodies and invalid UTF-8.
  await pool(fc.sample(brokenBody, { numRuns: 400, seed }), 8, async (b) => judge(show(b), 'malformed body', await post('/validate-email', b), 'POST'))
  await pool(invalidUtf8Bodies, 8, async (b) => judge(b.toString('hex'), 'invalid UTF-8 body', await post('/validate-email', b), 'POST'))

  phase('malformed bodies')

  // 3. Wrong and missing content types, on a good body and on an empty one.
  for (const ct of CONTENT_TYPES) {
    const headers: Record<string, string> = ct === null ? {} : { 'content-type': ct }
    judge(`content-type ${ct}`, 'content type', await post('/validate-email', '{"email":"taro@acme.co.jp"}', headers), 'POST')
    judge(`content-type ${ct}, empty body`, 'content type', await post('/validate-email', '', headers), 'POST')
  }

  phase('content types')

  // 4. Random paths and methods.
  const routes = fc.sample(fc.tuple(fc.constantFrom(...METHODS), PATHS), { numRuns: 300, seed })
  await pool(routes, 8, async ([m, p]) => judge(`${m} ${p}`, 'random path', await call(url, m, p, { headers: auth, agent, ...(m === 'POST' || m === 'PUT' || m === 'PATCH' ? { body: '{}' } : {}) }), m))

  phase('paths and methods')

  // 5. Prototype poisoning, deep nesting, huge strings, through the JSON parser and the schemas.
  const deep = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n)
  const big: [string, string][] = [
    ['100,000 unclosed [', '['.repeat(100_000)],
    ['100,000 nested arrays in an extra key', `{"email":"taro@acme.co.jp","x":${deep(100_000, '[', ']')}}`],
    ['100,000 nested arrays as the email', `{"email":${deep(100_000, '[', ']')}}`],
    ['30,000 nested objects', `${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}`],
    ['100,000 nested arrays under __proto__', `{"email":"taro@acme.co.jp","__proto__":${deep(100_000, '[', ']')}}`],
    ['a __proto__ deep inside 50,000 arrays', `{"email":"taro@acme.co.jp","x":${'['.repeat(50_000)}{"__proto__":{"polluted":1}}${']'.repeat(50_000)}}`],
    ['constructor.prototype', '{"email":"taro@acme.co.jp","constructor":{"prototype":{"polluted":1}}}'],
    ['a 200,000-character email', JSON.stringify({ email: `${'a'.repeat(200_000)}@acme.co.jp` })],
    ['a 200,000-character partnerType', JSON.stringify({ email: 'taro@acme.co.jp', partnerType: 'S'.repeat(200_000) })],
    ['20,000 keys', `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":1`).join(',')},"email":"taro@acme.co.jp"}`],
    ['40,000 escaped NULs (240 KB of escapes)', JSON.stringify({ email: '\u0000'.repeat(40_000) })],
    ['a huge number', `{"email":"taro@acme.co.jp","n":1${'0'.repeat(100_000)}}`],
    ['1e999', '{"email":"taro@acme.co.jp","n":1e999}'],
    ['duplicate keys', '{"email":"taro@acme.co.jp","email":"x@gmail.com","email":1}'],
    ['a BOM first', '\ufeff{"email":"taro@acme.co.jp"}'],
  ]
  for (const [what, body] of big) {
    const r = await post('/validate-email', body)
    judge(what, 'hostile JSON', r, 'POST')
    // Prototype poisoning is refused outright, wherever in the body it hides.
    if (/__proto__|constructor\.prototype/.test(what)) t.match(r, { status: 400, body: /"code":"INVALID_JSON"/ }, `${what}: refused as INVALID_JSON`)
  }
  judge('1,000 long addresses in a batch', 'hostile JSON', await post('/validate-email/batch', JSON.stringify({ emails: Array.from({ length: 1000 }, (_, i) => `${'a'.repeat(60)}${i}@${'b'.repeat(60)}.acme.co.jp`) })), 'POST')
  judge('1,001 addresses in a batch', 'hostile JSON', await post('/validate-email/batch', JSON.stringify({ emails: Array.from({ length: 1001 }, () => 'a@b.co') })), 'POST')
  // The sample registry (the default PARTNERS_FILE) has the partner acme.example.co.jp.
  const verdict = await call(url, 'POST', '/validate-email', { body: '{"email":"taro@acme.example.co.jp"}', headers: { ...auth, 'content-type': 'application/json' } })
  t.match(verdict, { status: 200, body: /"accepted":true/ }, 'after the poisoning attempts an ordinary request is answered as ever')

  phase('hostile JSON')

  // 6. Bodies over BODY_LIMIT: announced, chunked, or announced and never sent.
  const over = Buffer.alloc(BODY_LIMIT * 4, 'a')
  const chunked = (b: Buffer) => Array.from({ length: Math.ceil(b.length / 16384) }, (_, i) => {
    const c = b.subarray(i * 16384, (i + 1) * 16384)
    return Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')])
  }).concat([Buffer.from('0\r\n\r\n')])
  const overHead = (extra: [string, string | number][]) => head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ['x-api-key', KEY], ['connection', 'close'], ...extra])
  judgeRaw('1 MiB with content-length', 'over the body limit', await raw(url, overHead([['content-length', over.length]]), { body: [over.subarray(0, 65536), over.subarray(65536)] }), 'POST')
  judgeRaw('1 MiB chunked', 'over the body limit', await raw(url, overHead([['transfer-encoding', 'chunked']]), { body: chunked(over) }), 'POST')
  judgeRaw('content-length 10^12, nothing sent', 'over the body limit', await raw(url, overHead([['content-length', '1000000000000']])), 'POST')
  const tooBig = await raw(url, overHead([['content-length', over.length]]), { body: [over.subarray(0, 65536), over.subarray(65536)] })
  t.equal(tooBig.response?.status, 413, 'a body over BODY_LIMIT gets 413')

  phase('bodies over the limit')

  // 7. Odd headers, framing and methods, over a raw socket.
  const ok = (extra: [string, string | number][] = [], path = '/validate-email', method = 'POST') =>
    head(method, path, [['host', 'x'], ['content-type', 'application/json'], ['x-api-key', KEY], ['connection', 'close'], ...extra, ['content-length', 27]])
  const body = ['{"email":"taro@acme.co.jp"}']
  const odd: [string, string, string[]?][] = [
    ['no Host', 'GET /healthz HTTP/1.1\r\nconnection: close\r\n\r\n'],
    ['HTTP/1.0 without Host', 'GET /healthz HTTP/1.0\r\n\r\n'],
    ['unknown method', 'BREW /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'],
    ['lower-case method', 'get /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'],
    ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['HTTP/9.9', 'GET /healthz HTTP/9.9\r\nhost: x\r\n\r\n'],
    ['garbage request line', '\u0000\u0001\u0002 nonsense\r\n\r\n'],
    ['TLS hello on a plain port', Buffer.from('16030100a5010000a10303', 'hex').toString('latin1')],
    ['two Content-Lengths', head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ['content-length', 27], ['content-length', 5]]), body],
    ['Content-Length and Transfer-Encoding', head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ['content-length', 27], ['transfer-encoding', 'chunked']]), body],
    ['negative Content-Length', head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ['content-length', -1]]), body],
    ['Transfer-Encoding gzip, chunked', head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ['transfer-encoding', 'gzip, chunked']]), ['1b\r\n{"email":"taro@acme.co.jp"}\r\n0\r\n\r\n']],
    ['bad chunk size', head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ['transfer-encoding', 'chunked']]), ['zz\r\n{}\r\n0\r\n\r\n']],
    ['a NUL in a header', ok([['x-odd', 'a\u0000b']]), body],
    ['a header folded over two lines', ok([['x-odd', 'a\r\n b']]), body],
    ['a header without a colon', 'GET /healthz HTTP/1.1\r\nhost: x\r\nno colon here\r\n\r\n'],
    ['a space before the colon', 'GET /healthz HTTP/1.1\r\nhost : x\r\n\r\n'],
    ['a 20 KB header', `GET /healthz HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`],
    ['3,000 headers', `GET /healthz HTTP/1.1\r\nhost: x\r\n${Array.from({ length: 3000 }, (_, i) => `x-h${i}: 1\r\n`).join('')}\r\n`],
    ['a 20 KB URL', `GET /partner-types/lookup?name=${'a'.repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`],
    ['control characters in the path', 'GET /partner-types/\u0001\u007f HTTP/1.1\r\nhost: x\r\n\r\n'],
    ['a bad percent-encoding in the path', 'GET /domains/%FF HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'],
    ['an absolute URL', 'GET http://127.0.0.1/healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'],
    ['OPTIONS *', 'OPTIONS * HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'],
    ['Expect: 100-continue', ok([['expect', '100-continue']]), body],
    ['Expect: something else', ok([['expect', 'teapot']]), body],
    ['Content-Encoding gzip on plain JSON', ok([['content-encoding', 'gzip']]), body],
    ['Upgrade: websocket', ok([['upgrade', 'websocket'], ['connection', 'upgrade']], '/healthz', 'GET')],
    ['a long Accept-Language', ok([['accept-language', Array.from({ length: 3000 }, (_, i) => `x${i};q=0.${i % 10}`).join(',')]]), body],
    ['an odd Accept-Language', ok([['accept-language', 'ja;q=abc, en;q=-1, *;q=NaN, ;;;,,,']]), body],
    ['a long x-request-id', ok([['x-request-id', 'a'.repeat(10_000)]]), body],
    ['an x-request-id with odd characters', ok([['x-request-id', '<script>\u00e9\u00ff"\'']]), body],
    ['a wrong API key', head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ['x-api-key', 'nope'], ['content-length', 27]]), body],
    ['a 10 KB bearer token', head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ['authorization', `Bearer ${'k'.repeat(10_000)}`], ['content-length', 27]]), body],
    ['two API keys', ok([['x-api-key', 'nope']]), body],
    ['Authorization without a scheme', head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ['authorization', KEY], ['content-length', 27]]), body],
    ['a forged X-Forwarded-For', ok([['x-forwarded-for', '1.2.3.4, ::1, not-an-ip, ' + '9'.repeat(1000)]]), body],
    ['Latin-1 bytes in a header', ok([['x-odd', '\u00e9\u00ff\u00a0']]), body],
  ]
  const rawJobs: (() => Promise<void>)[] = odd.map(([what, h, b]) => async () => {
    const method = /^(\S+)/.exec(h)?.[1] ?? ''
    judgeRaw(what, 'odd request', await raw(url, Buffer.from(h, 'latin1'), b ? { body: b } : {}), method)
  })
  // Random header values (printable ASCII and Latin-1) on the headers the service reads.
  const headerValues = fc.sample(fc.tuple(fc.constantFrom('accept-language', 'x-request-id', 'authorization', 'x-api-key', 'content-type', 'x-forwarded-for', 'origin'), fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 60 })), { numRuns: 200, seed })
  for (const [name, value] of headerValues) {
    rawJobs.push(async () => {
      const h = head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ...(name === 'x-api-key' || name === 'authorization' ? [] : [['x-api-key', KEY] as [string, string]]), [name, value], ['content-length', 27], ['connection', 'close']])
      judgeRaw(`${name}: ${JSON.stringify(value)}`, 'random header', await raw(url, Buffer.from(h, 'latin1'), { body }), 'POST')
    })
  }
  await pool(rawJobs, 8, (job) => job())
  // CONNECT is no route of ours: Node closes such a connection without an answer, by design.
  const connectOutcome = await raw(url, 'CONNECT 127.0.0.1:1 HTTP/1.1\r\nhost: 127.0.0.1:1\r\n\r\n')
  t.ok(!connectOutcome.response || connectOutcome.response.status < 500, `CONNECT: ${connectOutcome.response?.status ?? 'closed without an answer'}`)

  phase('odd requests and headers')

  // 8. Clients that go away mid-request.
  await pool(Array.from({ length: 50 }, (_, i) => i), 8, (i) => abandon(`POST /validate-email HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"email":"${'a'.repeat(i)}`))

  phase('abandoned requests')

  // The slow clients: cut off by the server, with a 408 problem if anything.
  const slowOutcomes = await slow
  slowOutcomes.forEach((o, i) => {
    const what = i < 3 ? `slow body #${i + 1}` : 'slow headers'
    const end = o.response ? `the server answered ${o.response.status}` : o.cutOff ? 'the server closed the connection' : 'nothing from the server, so the client hung up'
    t.ok(o.cutOff, `${what}: cut off by the server (REQUEST_TIMEOUT_MS=${REQUEST_TIMEOUT_MS}) while it trickled 40 bytes, one per 250 ms — after ${o.chunksSent}, ${end}`)
    if (o.response) judge(what, 'slow client', o.response, 'POST')
  })

  phase('slow clients')

  failures.report(t, `${requests} requests: no 5xx, every error an application/problem+json problem`)

  // Still alive, still answering, nothing logged as an error, memory back near rest.
  t.equal(server.child.exitCode, null, 'the process is still running')
  t.match(await call(url, 'GET', '/healthz'), { status: 200 }, '/healthz answers')
  const errors = server.lines.filter((l) => typeof l.level === 'number' && l.level >= 50)
  t.same(errors.map((l) => l.msg), [], 'nothing logged at error level')
  await warmUp()
  const after = await residentMemory(url)
  t.comment(`resident memory: ${(before / MB).toFixed(1)} MB at rest before, ${(after / MB).toFixed(1)} MB after ${requests} requests`)
  t.ok(after - before < 64 * MB, `memory back near rest: ${((after - before) / MB).toFixed(1)} MB more (allowed: 64)`)
})
