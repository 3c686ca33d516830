import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { pino } from 'pino'
import t from 'tap'
import { emailHasher, lazyChildLogger, safePath } from '../src/log.js'

t.test('safePath drops the query and redacts any segment holding an at sign, however written', async (t) => {
  t.equal(safePath('/validate-email?email=taro@acme.co.jp'), '/validate-email')
  t.equal(safePath('/domains/acme.co.jp'), '/domains/acme.co.jp')
  t.equal(safePath('/domains/taro@acme.co.jp'), '/domains/[redacted]')
  t.equal(safePath('/domains/taro%40acme.co.jp'), '/domains/[redacted]')
  t.equal(safePath('/domains/taro＠acme.co.jp'), '/domains/[redacted]')
  t.equal(safePath(`/domains/${encodeURIComponent('taro＠acme.co.jp')}`), '/domains/[redacted]')
  t.equal(safePath(`/domains/${encodeURIComponent('taro﹫acme.co.jp')}`), '/domains/[redacted]')
  t.equal(safePath('/domains/taro%40acme%E0%A4%A'), '/domains/[redacted]', 'an encoded @ in invalid percent-encoding')
  t.equal(safePath('/domains/%E0%A4%A'), '/domains/%E0%A4%A', 'invalid percent-encoding without one stays')
})

t.test('emailHasher is keyed', async (t) => {
  const a = emailHasher('k'.repeat(32))
  t.equal(a('taro@acme.co.jp'), a('taro@acme.co.jp'))
  t.not(a('taro@acme.co.jp'), emailHasher('j'.repeat(32))('taro@acme.co.jp'))
  t.match(a('taro@acme.co.jp'), /^[0-9a-f]{16}$/)
})

t.test('lazyChildLogger makes the pino child on first use, with the bindings', async (t) => {
  const lines: Record<string, unknown>[] = []
  const root = pino({ level: 'trace' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) })
  let made = 0
  const parent = Object.assign(Object.create(root) as typeof root, {
    child: (...args: Parameters<typeof root.child>) => (made++, root.child(...args)),
  })
  const log = lazyChildLogger(parent, { reqId: 'r-1' }, {})
  t.equal(made, 0, 'nothing made until something is logged')
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const
  for (const level of levels) log[level]({ n: level }, `at ${level}`)
  log.silent('never written')
  t.equal(made, 1, 'one child for the whole request')
  t.same(
    lines.map((l) => [l.reqId, l.n, l.msg]),
    levels.map((level) => ['r-1', level, `at ${level}`]),
  )
  t.equal(log.level, 'trace')
  log.level = 'error'
  log.info('dropped')
  t.equal(lines.length, levels.length, 'the level set through it applies')
  log.child({ part: 'x' }).error('from a grandchild')
  t.match(lines.at(-1), { reqId: 'r-1', part: 'x', msg: 'from a grandchild' })
})

// Its reader gone (a broken pipe), stdout takes no more lines: the process says so once on
// stderr, goes on, and still exits, whether the failed write is seen before the exit or by the
// flush at exit.
for (const mode of ['wait', 'exit-now']) {
  t.test(`logging to a stdout whose reader has gone (${mode})`, async (t) => {
    const child = spawn(process.execPath, [...process.execArgv, join(import.meta.dirname, 'fixtures', 'stdout-log.ts')], { stdio: ['pipe', 'pipe', 'pipe'] })
    const stderr: Buffer[] = []
    child.stderr.on('data', (d: Buffer) => stderr.push(d))
    const exited = once(child, 'exit')
    const [first] = (await once(child.stdout, 'data')) as [Buffer]
    t.equal(first.toString(), 'ready 例え.jp\n', 'a line with Japanese, byte for byte (the stream takes it as UTF-8 bytes)')
    child.stdout.destroy()
    child.stdin.end(`${mode}\n`)
    const [code] = (await exited) as [number | null]
    t.equal(code, 0, 'it exits')
    const said = Buffer.concat(stderr).toString()
    if (mode === 'wait') t.match(said, /^email-prevalidation: cannot write logs to stdout \(EPIPE[^)]*\); logging stopped\n$/)
    else t.equal(said, '', 'the flush at exit gives up quietly')
  })
}
