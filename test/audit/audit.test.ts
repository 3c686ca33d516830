import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import t from 'tap'
import { audit, AUDIT_COLUMNS, type Progress } from '../../src/audit/audit.js'
import { PACKAGE_ROOT } from '../../src/paths.js'
import { context, FIXTURE_REGISTRY } from '../support/helpers.js'
import { within } from '../support/process.js'

const dir = mkdtempSync(join(tmpdir(), 'audit-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))

/** A large export: `rows` rows of about 60 bytes, none with a line break inside, so lines are rows. */
async function bigCsv(rows: number): Promise<string> {
  const path = join(dir, `big-${rows}.csv`)
  const out = createWriteStream(path)
  out.write('id,name,email\n')
  for (let start = 0; start < rows; start += 5000) {
    let chunk = ''
    for (let i = start; i < Math.min(rows, start + 5000); i++) chunk += `${i},"山田, ${i}",user${i}@corp${i % 997}.example.co.jp\n`
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  return path
}

t.test('streaming end to end: a report that is not read holds the input back, so rows in flight stay bounded', async (t) => {
  const rows = 300_000
  const input = await bigCsv(rows)
  let written = 0
  let maxAhead = 0
  let seen: Progress | undefined
  // A slow reader of the report: each chunk is taken only after many turns of the event loop,
  // in which an audit that ignored backpressure would read, check and buffer far ahead.
  const output = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _e, cb) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) written++
      let turns = 0
      const later = (): void => void (++turns < 50 ? setImmediate(later) : cb())
      later()
    },
  })
  const summary = await audit({
    input,
    output,
    ctx: await context(),
    onProgress: (p) => {
      seen = p
      maxAhead = Math.max(maxAhead, p.rows - (written - 1))
    },
  })
  t.equal(summary.rows, rows, 'every row audited')
  t.equal(written, rows + 1, 'every row reported, with the header')
  t.equal(seen?.rows, rows)
  t.equal(seen?.bytes, seen?.totalBytes, 'the whole file read')
  // What the stages may hold: the file reader's 256 KiB (~4,000 rows here), a few records and
  // batches of 1,024 between the stages. Without backpressure it would be most of the 300,000.
  t.ok(maxAhead < 20_000, `at most ${maxAhead} rows checked and not yet taken by the reader`)
  t.ok(maxAhead > 0, 'the reader did lag (the bound was tested)')
})

t.test('rows in batches: the report is whole whatever the row count around a batch’s size', async (t) => {
  const ctx = await context()
  for (const rows of [1, 1023, 1024, 1025, 2049]) {
    const input = join(dir, `n-${rows}.csv`)
    writeFileSync(input, `email\n${Array.from({ length: rows }, (_, i) => `u${i}@acme.co.jp`).join('\n')}`)
    const chunks: Buffer[] = []
    const output = new Writable({
      write(chunk: Buffer, _e, cb) {
        chunks.push(chunk)
        cb()
      },
    })
    const summary = await audit({ input, output, ctx })
    const report = parse(Buffer.concat(chunks)) as string[][]
    t.equal(summary.rows, rows)
    t.equal(report.length, rows + 1, `${rows} rows`)
    t.same(report.at(-1), [`u${rows - 1}@acme.co.jp`, 'true', '', `u${rows - 1}@acme.co.jp`, 'acme acme-west', ''])
  }
})

t.test('short rows are padded, so the verdict stays in its columns; a delimiter may be given', async (t) => {
  const input = join(dir, 'short.tsv')
  writeFileSync(input, 'email\tname\tnote\ntaro@acme.co.jp\t太郎\nx@acme.co.jp\t次郎\tメモ\n')
  const chunks: Buffer[] = []
  const output = new Writable({
    write(chunk: Buffer, _e, cb) {
      chunks.push(chunk)
      cb()
    },
  })
  await audit({ input, output, ctx: await context(), delimiter: '\t' })
  const report = parse(Buffer.concat(chunks), { delimiter: '\t' }) as string[][]
  t.same(report[0], ['email', 'name', 'note', ...AUDIT_COLUMNS])
  t.same(report[1]!.slice(0, 4), ['taro@acme.co.jp', '太郎', '', 'true'])
  t.same(report[2]!.slice(0, 4), ['x@acme.co.jp', '次郎', 'メモ', 'true'])
})

t.test('a cell the audit writes from an address never starts a spreadsheet formula', async (t) => {
  const input = join(dir, 'formula.csv')
  writeFileSync(input, 'email\n=cmd@acme.co.jp\n')
  const chunks: Buffer[] = []
  const output = new Writable({
    write(chunk: Buffer, _e, cb) {
      chunks.push(chunk)
      cb()
    },
  })
  await audit({ input, output, ctx: await context() })
  const [, row] = parse(Buffer.concat(chunks)) as string[][]
  t.equal(row![0], '=cmd@acme.co.jp', 'the input’s own cell as it was')
  for (const cell of row!.slice(1)) t.notMatch(cell, /^[=+\-@]/)
})

t.test('the email-audit command: a real process, its exit status and its report', async (t) => {
  const input = join(dir, 'cmd.csv')
  writeFileSync(input, '\uFEFFメールアドレス\r\ntaro@acme.co.jp\r\n')
  const out = join(dir, 'cmd-report.csv')
  const run = (args: string[]) => {
    const child = spawn(process.execPath, [...process.execArgv, join(PACKAGE_ROOT, 'src', 'audit', 'main.ts'), ...args], {
      env: { ...process.env, PARTNERS_FILE: FIXTURE_REGISTRY },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
    return within(
      once(child, 'close').then(([code]) => ({ code: code as number, stderr: () => stderr })),
      60_000,
      'email-audit',
    )
  }
  const ok = await run([input, '--out', out])
  t.equal(ok.code, 0, ok.stderr())
  t.match(ok.stderr(), /Audited 1 rows: 1 accepted/)
  t.same((parse(readFileSync(out), { bom: true }) as string[][])[1]!.slice(0, 2), ['taro@acme.co.jp', 'true'])
  const bad = await run([join(dir, 'missing.csv')])
  t.equal(bad.code, 1)
  t.match(bad.stderr(), /email-audit: .*missing\.csv/)
})
