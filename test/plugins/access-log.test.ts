import { pino } from 'pino'
import t from 'tap'
import { build, logCapture, postEmail } from '../support/helpers.js'

t.test('logs one access line per request and no address in clear', async (t) => {
  const logs = logCapture()
  const app = await build(t, { LOG_LEVEL: 'info' }, { logStream: logs.stream })
  const addresses = ['taro.yamada@acme.co.jp', 'hanako@gmail.com', 'ｊｉｒｏ＠ａｃｍｅ．ｃｏ．ｊｐ', 'bad..dots@acme.co.jp', '太郎@acme.co.jp']
  for (const email of addresses) await app.inject(postEmail(email, { 'x-request-id': 'req-1' }))
  await app.inject({ method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '{"email": saburo@acme.co.jp' })
  await app.inject({ method: 'GET', url: '/validate-email/shiro@acme.co.jp?email=goro@acme.co.jp' })
  await app.inject({ method: 'GET', url: '/x/rokuro%40acme.co.jp' })
  await app.inject({ method: 'GET', url: `/domains/${encodeURIComponent('shichiro＠acme.co.jp')}` })

  const text = logs.text()
  for (const local of ['taro.yamada', 'hanako', 'ｊｉｒｏ', 'bad..dots', '太郎', 'saburo', 'shiro', 'goro', 'rokuro', 'shichiro']) {
    t.notOk(text.includes(local), `${local} is not in the logs`)
  }
  const access = logs.lines().filter((l) => l.msg === 'request completed')
  t.equal(access.length, addresses.length + 4, 'one access line per request')
  t.equal(logs.lines().length, access.length, 'and no other line')
  t.match(access[0], { reqId: 'req-1', method: 'POST', url: '/validate-email', route: '/validate-email', status: 200, durationMs: Number, emailHash: /^[0-9a-f]{16}$/, domain: 'acme.co.jp', accepted: true })
  t.match(access[1], { reasons: ['FREE_MAIL'], domain: 'gmail.com' })
  t.match(access[5], { status: 400, problem: 'INVALID_JSON' })
  t.match(access[6], { url: '/validate-email/[redacted]' })
  t.match(access[7], { url: '/x/[redacted]' })
  t.match(access[8], { url: '/domains/[redacted]' }, 'a full-width ＠, percent-encoded')
})

t.test('the same address hashes the same under one key, differently under another', async (t) => {
  const logs = logCapture()
  const app = await build(t, { LOG_LEVEL: 'info', LOG_HASH_KEY: 'k'.repeat(32) }, { logStream: logs.stream })
  await app.inject(postEmail('taro@acme.co.jp'))
  await app.inject(postEmail('taro@acme.co.jp'))
  const other = logCapture()
  const app2 = await build(t, { LOG_LEVEL: 'info', LOG_HASH_KEY: 'j'.repeat(32) }, { logStream: other.stream })
  await app2.inject(postEmail('taro@acme.co.jp'))
  const [a, b] = logs.lines().map((l) => l.emailHash)
  t.equal(a, b)
  t.not(other.lines()[0]?.emailHash, a)
})

t.test('the access line is byte for byte what pino writes for the same fields', async (t) => {
  const logs = logCapture()
  const app = await build(t, { LOG_LEVEL: 'info' }, { logStream: logs.stream })
  await app.inject(postEmail('hanako@gmail.com', { 'x-request-id': 'req-"quoted"' }))
  await app.inject(postEmail('taro@例え.jp'))
  await app.inject({ method: 'POST', url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: '{' })
  await app.inject({ method: 'GET', url: '/domains/%E3%81%82\\' })
  const written = logs.text().split('\n').filter(Boolean)
  t.equal(written.length, 4)
  // pino, given each line's own fields, with the same time.
  for (const line of written) {
    const { level, time, pid, hostname, msg, ...fields } = JSON.parse(line) as Record<string, unknown>
    let ours = ''
    pino({ level: 'info', timestamp: () => `,"time":${String(time)}` }, { write: (s: string) => void (ours = s) }).info(fields, String(msg))
    t.equal(`${line}\n`, ours, `${String(fields.url)}: ${line.slice(0, 60)}…`)
    t.same([level, pid, msg], [30, process.pid, 'request completed'])
    t.type(hostname, 'string')
  }
})
