import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { pino } from 'pino'
import t, { type Test } from 'tap'
import { BatchedLines, emailHasher, lazyChildLogger, safePath } from '../src/log.js'

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

/** Line i of the FIFO tests: 100 bytes, its number at the end. */
const line = (i: number): string => `${String(i).padStart(99, '.')}\n`

/** A FIFO in a folder of its own, and a reader of it (event-driven: a blocking read in the
 * thread pool could not be stopped); both gone after the test. */
function fifo(t: Test): { path: string; take: (bytes: number) => Promise<string> } {
  const dir = mkdtempSync(join(tmpdir(), 'log-fifo-'))
  const path = join(dir, 'out')
  execFileSync('mkfifo', [path])
  const reader = new Socket({ fd: openSync(path, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false })
  t.teardown(() => {
    reader.destroy()
    rmSync(dir, { recursive: true, force: true })
  })
  let got = Buffer.alloc(0)
  let wake = (): void => {}
  reader.on('data', (chunk: Buffer) => {
    got = Buffer.concat([got, chunk])
    wake()
  })
  /** The next `bytes` bytes that come. */
  const take = async (bytes: number): Promise<string> => {
    while (got.length < bytes) await new Promise<void>((resolve) => (wake = resolve))
    const out = got.subarray(0, bytes).toString()
    got = got.subarray(bytes)
    return out
  }
  return { path, take }
}

t.test('BatchedLines writes the lines of one turn of the event loop together, at its end', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'log-batch-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'log')
  const fd = openSync(file, 'w')
  t.teardown(() => closeSync(fd))
  const out = new BatchedLines(fd)
  out.write('one 例え.jp\n')
  out.write('two\n')
  t.equal(readFileSync(file, 'utf8'), '', 'nothing written while the turn runs')
  await nextTurn()
  t.equal(readFileSync(file, 'utf8'), 'one 例え.jp\ntwo\n', 'both at its end, UTF-8')
  out.write('three\n')
  await nextTurn()
  t.equal(readFileSync(file, 'utf8'), 'one 例え.jp\ntwo\nthree\n', 'a later line in its own turn, not held back')
})

t.test('BatchedLines into a full pipe: what it did not take waits and goes later, in order; past the limit, lines are dropped', async (t) => {
  const { path, take } = fifo(t)
  const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK)
  t.teardown(() => closeSync(fd))
  // Limit 150,000: lines 0 to 1,500 are taken (100 bytes each), then the rest of the 2,000
  // dropped; the pipe (64 KB) takes a part and refuses the rest (EAGAIN) until it is read.
  const out = new BatchedLines(fd, 150_000)
  for (let i = 0; i < 2_000; i++) out.write(line(i))
  // The first batch has gone to the pipe, which refused its last ~85 KB: that counts towards the
  // limit with the lines that come while it waits, and goes out first.
  await nextTurn()
  out.write(line(2_000))
  const taken = [...Array.from({ length: 1_501 }, (_, i) => line(i)), line(2_000)].join('')
  t.equal(await take(taken.length), taken, 'every line taken, in order, none twice')
  out.write(line(2_001))
  t.equal(await take(100), line(2_001), 'once it is read, lines are taken again')
})

t.test('BatchedLines at exit: a full pipe is waited for, a while', async (t) => {
  const { path, take } = fifo(t)
  // 1 MB, sixteen times what the pipe holds: with 100 KB the reader here sometimes drained the
  // pipe as fast as the exit flush filled it, and the flush never met a full one.
  const child = spawn(process.execPath, [...process.execArgv, join(import.meta.dirname, 'fixtures', 'fifo-log.ts'), path, '10000'], { stdio: 'inherit' })
  const exited = once(child, 'exit')
  const all = Array.from({ length: 10_000 }, (_, i) => line(i)).join('')
  t.equal(await take(all.length), all, 'the 1 MB logged before process.exit(), though the pipe holds 64 KB')
  t.same(await exited, [0, null], 'and it exits')
})
