import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import t from 'tap'
import { ADDRESSES, categoryCounts } from '../../bench/addresses.js'
import { auditRow as benchRow, writeAuditCsv } from '../../bench/audit-data.js'
import { AUDIT_COLUMNS } from '../../src/audit/audit.js'
import { progressBar, runAudit, USAGE } from '../../src/audit/cli.js'
import { SAMPLE_PARTNERS_FILE } from '../../src/config.js'
import { build, FIXTURE_REGISTRY } from '../support/helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const file = (content: string | Buffer): string => {
  const path = join(dir, `in-${++n}.csv`)
  writeFileSync(path, content)
  return path
}

function sink(isTTY = false) {
  const chunks: Buffer[] = []
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _e, cb) {
        chunks.push(Buffer.from(chunk))
        cb()
      },
    }),
    { isTTY, columns: 100 },
  )
  return { stream, bytes: () => Buffer.concat(chunks), text: () => Buffer.concat(chunks).toString('utf8') }
}

/** Runs the command as `email-audit <args>` would, against the fixture registry unless told otherwise. */
async function run(args: string[], { tty = false, env = {} as Record<string, string> } = {}) {
  const stdout = sink()
  const stderr = sink(tty)
  const code = await runAudit(args, { stdout: stdout.stream, stderr: stderr.stream, env: { PARTNERS_FILE: FIXTURE_REGISTRY, ...env } })
  return { code, out: stdout.bytes(), stdout: stdout.text(), stderr: stderr.text() }
}

const records = (text: string | Buffer): string[][] => parse(text, { bom: true }) as string[][]

t.test('a real-world UTF-8 export: BOM, CRLF, quoted commas, doubled quotes and line breaks kept; the verdict added', async (t) => {
  const input = file(
    '\uFEFF会員ID,会社名,メールアドレス,備考\r\n' +
      '1,"ACME株式会社, 本社",taro@acme.co.jp,"彼は ""至急"" と言った"\r\n' +
      '2,"個人",hanako@docomo.ne.jp,"1行目\r\n2行目"\r\n' +
      '3,さくら,"ｊｉｒｏ＠ａｃｍｅ．ｃｏ．ｊｐ",\r\n' +
      '4,不明,not-an-address,x\r\n',
  )
  const out = join(dir, 'report.csv')
  const r = await run([input, '--out', out])
  t.equal(r.code, 0, r.stderr)
  const bytes = readFileSync(out)
  t.same([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the report starts with a BOM as the input did')
  t.match(bytes.toString('utf8'), /\r\n2行目/, 'the line break inside a field is kept as it was')
  t.notMatch(bytes.toString('utf8').replaceAll('\r\n', ''), /\n/, 'every line ends with CRLF, as the input’s')
  const rows = records(bytes)
  t.same(rows[0], ['会員ID', '会社名', 'メールアドレス', '備考', ...AUDIT_COLUMNS])
  t.equal(rows.length, 5, 'one report row per input row')
  t.same(rows[1]!.slice(0, 4), ['1', 'ACME株式会社, 本社', 'taro@acme.co.jp', '彼は "至急" と言った'])
  t.same(rows[2]!.slice(0, 4), ['2', '個人', 'hanako@docomo.ne.jp', '1行目\r\n2行目'])
  const col = (name: (typeof AUDIT_COLUMNS)[number]) => 4 + AUDIT_COLUMNS.indexOf(name)
  t.equal(rows[1]![col('audit_accepted')], 'true')
  t.match(rows[1]![col('audit_partner_ids')], /\bacme\b/)
  t.equal(rows[2]![col('audit_accepted')], 'false')
  t.match(rows[2]![col('audit_reasons')], /FREE_MAIL/)
  t.match(rows[3]![col('audit_reasons')], /FULLWIDTH_CHARACTERS/)
  t.equal(rows[3]![col('audit_suggestion')], 'jiro@acme.co.jp', 'full-width input: the half-width address suggested')
  t.equal(rows[4]![col('audit_accepted')], 'false')
  t.match(rows[4]![col('audit_reasons')], /INVALID_SYNTAX/)
  t.match(r.stderr, /Audited 4 rows/)
  t.match(r.stderr, /address column 3 "メールアドレス"/)
})

t.test('the address column is found by its header, English or Japanese, in any width or case', async (t) => {
  for (const header of ['email', 'E-mail', 'Mail', 'メールアドレス', 'Eメール', 'Ｅメールアドレス', '電子メール', 'EMAIL_ADDRESS', '連絡先メール']) {
    const r = await run([file(`名前,${header},部署\n太郎,taro@acme.co.jp,営業\n`)])
    t.equal(r.code, 0, header)
    const rows = records(r.stdout)
    t.equal(rows[1]![1], 'taro@acme.co.jp', header)
    t.equal(rows[1]![3], 'true', `${header}: the address in column 2 was the one checked`)
  }
})

t.test('--column names the column by header or number; a plain list needs no header', async (t) => {
  const csv = file('id,mail,backup\n1,taro@acme.co.jp,hanako@docomo.ne.jp\n')
  t.equal(records((await run([csv])).stdout)[1]![3], 'true', 'the header "mail" by default')
  t.equal(records((await run([csv, '--column', 'backup'])).stdout)[1]![3], 'false', 'the column named')
  t.equal(records((await run([csv, '-c', '3'])).stdout)[1]![3], 'false', 'the column numbered')
  const list = await run([file('taro@acme.co.jp\nhanako@docomo.ne.jp\r\n')])
  t.equal(list.code, 0)
  const rows = records(list.stdout)
  t.same(rows[0], ['email', ...AUDIT_COLUMNS], 'a list gets a header')
  t.same(
    rows.slice(1).map((r) => [r[0], r[1]]),
    [
      ['taro@acme.co.jp', 'true'],
      ['hanako@docomo.ne.jp', 'false'],
    ],
    'every line of the list is a row, the first included, whatever its line ending',
  )
})

t.test('a missing column, an unreadable file or broken CSV: a clear message and exit status 1', async (t) => {
  const noColumn = await run([file('名前,部署\n太郎,営業\n')])
  t.equal(noColumn.code, 1)
  t.match(noColumn.stderr, /No column looks like the email address \(the columns are: 1 "名前", 2 "部署"\)\. Name it with --column/)
  t.equal(noColumn.stdout, '', 'no half report')
  const wrong = await run([file('email\nx@acme.co.jp\n'), '--column', 'mailaddr'])
  t.equal(wrong.code, 1)
  t.match(wrong.stderr, /No column is called "mailaddr"/)
  const missing = await run([join(dir, 'no-such-file.csv')])
  t.equal(missing.code, 1)
  t.match(missing.stderr, /email-audit: .*no-such-file\.csv/)
  t.match(missing.stderr, /ENOENT|no such file/i)
  const half = join(dir, 'half-report.csv')
  const rows = Array.from({ length: 3000 }, (_, i) => `u${i}@acme.co.jp,ok`).join('\n')
  const broken = await run([file(`email,note\n${rows}\nx@acme.co.jp,"never closed\n`), '--out', half])
  t.equal(broken.code, 1)
  t.match(broken.stderr, /not valid CSV/)
  t.notOk(existsSync(half), 'the half-written report is removed')
  writeFileSync(half, 'an earlier report')
  await run([file('email\nx@acme.co.jp\n'), '--out', half, '--registry', join(dir, 'nope.json')])
  t.equal(readFileSync(half, 'utf8'), 'an earlier report', 'a report not begun is not touched')
  const empty = await run([file('')])
  t.equal(empty.code, 1)
  t.match(empty.stderr, /holds no rows/)
  const registry = await run([file('email\nx@acme.co.jp\n'), '--registry', join(dir, 'nope.json')])
  t.equal(registry.code, 1)
  t.match(registry.stderr, /nope\.json/)
})

t.test('bad usage: exit status 2 and the usage; --help prints it', async (t) => {
  for (const args of [[], ['a.csv', 'b.csv'], ['a.csv', '--encoding', 'latin1'], ['a.csv', '--out-encoding', 'ebcdic'], ['a.csv', '--delimiter', ';;'], ['a.csv', '--nope'], ['a.csv', '--out', 'a.csv']]) {
    const r = await run(args)
    t.equal(r.code, 2, args.join(' '))
    t.match(r.stderr, /Usage: email-audit/)
  }
  const help = await run(['--help'])
  t.equal(help.code, 0)
  t.equal(help.stdout, `${USAGE}\n`)
})

t.test('a Shift_JIS (CP932) export from Japanese Excel is read without flags, and reported in CP932, names intact', async (t) => {
  const text = '氏名,会社名,メールアドレス\r\n山田 太郎,"ＡＣＭＥ株式会社, 本社",taro@acme.co.jp\r\n髙橋 ①,さくら技研,hanako@docomo.ne.jp\r\n'
  const sjis = iconv.encode(text, 'cp932')
  t.notOk(Buffer.from(text, 'utf8').equals(sjis), 'the file is really not UTF-8')
  const input = file(sjis)
  const r = await run([input])
  t.equal(r.code, 0, r.stderr)
  t.match(r.stderr, /Input: Shift_JIS \(CP932\)/)
  t.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(r.out), 'the report is not UTF-8 either')
  const rows = records(iconv.decode(r.out, 'cp932'))
  t.same(rows[1]!.slice(0, 3), ['山田 太郎', 'ＡＣＭＥ株式会社, 本社', 'taro@acme.co.jp'])
  t.same(rows[2]!.slice(0, 2), ['髙橋 ①', 'さくら技研'], 'CP932’s own characters (髙, ①) survive both ways')
  t.equal(rows[1]![3], 'true')
  t.equal(rows[2]![3], 'false')
  t.match(iconv.decode(r.out, 'cp932'), /\r\n$/, 'CRLF as in the input')

  const utf8 = await run([input, '--out-encoding', 'utf-8'])
  t.equal(records(utf8.out)[1]![0], '山田 太郎', '--out-encoding asks for UTF-8 instead')
  // --encoding overrides the detection: here wrongly, so the headers no longer read.
  const forced = await run([input, '--encoding', 'utf8'])
  t.equal(forced.code, 1)
  t.match(forced.stderr, /No column looks like the email address .*\uFFFD/)
  const forcedColumn = await run([input, '--encoding', 'utf8', '--column', '3'])
  t.equal(forcedColumn.code, 0)
  t.match(records(forcedColumn.out)[1]![0], /\uFFFD/, 'the names mangled, as asked')
  const sjisNamed = await run([file(iconv.encode('メールアドレス\r\ntaro@acme.co.jp\r\n', 'cp932')), '-e', 'Shift_JIS', '--out-encoding', 'utf8-bom'])
  t.equal(sjisNamed.code, 0)
  t.same([...sjisNamed.out.subarray(0, 3)], [0xef, 0xbb, 0xbf])
  t.equal(records(sjisNamed.out)[0]![0], 'メールアドレス')
})

t.test('--registry audits against another registry file: what a registry change would do', async (t) => {
  const input = file('email\ntaro@acme.co.jp\nsato@newco.example.jp\n')
  const before = records((await run([input])).stdout)
  t.same(
    before.slice(1).map((r) => r[1]),
    ['true', 'false'],
  )
  const changed = join(dir, 'changed.json')
  writeFileSync(changed, JSON.stringify({ partners: [{ id: 'newco', name: '新会社', domains: ['newco.example.jp'], partnerTypes: ['Reseller'] }] }))
  const after = await run([input, '--registry', changed])
  t.equal(after.code, 0, after.stderr)
  const rows = records(after.stdout)
  t.same(
    rows.slice(1).map((r) => [r[1], r[4]]),
    [
      ['false', ''],
      ['true', 'newco'],
    ],
    'acme left, newco joined',
  )
  t.match(after.stderr, new RegExp(`registry ${changed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
  t.match(after.stderr, /newco {2}新会社 +1\n/)
})

t.test('the summary counts rows per reason code and per partner', async (t) => {
  const r = await run([file('email\ntaro@acme.co.jp\njiro@acme.co.jp\nhanako@docomo.ne.jp\nx@gmail.com\nbad\n')])
  t.equal(r.code, 0)
  t.match(r.stderr, /Audited 5 rows: 2 accepted, 3 refused\./)
  t.match(r.stderr, /By reason code[^\n]*\n(?:[^\n]+\n)*? {2}FREE_MAIL +2\n/)
  t.match(r.stderr, /INVALID_SYNTAX +1\n/)
  t.match(r.stderr, /By partner:\n(?:[^\n]+\n)*? {2}acme {2}ACME株式会社 +2\n/)
  t.match(r.stderr, /\(no partner\) +3\n$/)
  const quiet = await run([file('email\ntaro@acme.co.jp\n'), '-q'])
  t.equal(quiet.stderr, '', '--quiet: nothing on stderr')
})

t.test('a progress bar on a terminal, none otherwise', async (t) => {
  const input = file(`email\n${Array.from({ length: 10_000 }, (_, i) => `u${i}@acme.co.jp`).join('\n')}\n`)
  const piped = await run([input])
  t.notMatch(piped.stderr, /\r|\x1b|rows\/s/, 'not a terminal: no bar')
  const tty = await run([input], { tty: true })
  t.match(tty.stderr, /\r\[#+\] 100% {2}10,000 rows {2}[\d,]+ rows\/s {2}0 s left\x1b\[K\n/, 'rows, rows per second and time left, drawn in place')
  const quiet = await run([input, '--quiet'], { tty: true })
  t.equal(quiet.stderr, '')
})

t.test('the report’s verdicts are the single endpoint’s, on a sample of the benchmark’s export', async (t) => {
  // The service and the command, both with the sample registry and the same options.
  const env = { ROLE_ACCOUNTS: 'refuse', ALLOW_SMTPUTF8: 'true' }
  const input = join(dir, 'sample.csv')
  await writeAuditCsv(input, 800)
  const r = await run([input], { env: { ...env, PARTNERS_FILE: SAMPLE_PARTNERS_FILE } })
  t.equal(r.code, 0, r.stderr)
  const rows = records(r.out)
  t.equal(rows.length, 801)
  const sampled = ADDRESSES.filter((a) => rows.some((row) => row[3] === a.email))
  t.equal(sampled.length, ADDRESSES.length, 'the sample holds every address of the benchmark’s mix')
  t.notOk(Object.values(categoryCounts(sampled)).includes(0), 'so every category: partner, syntax, Japanese input, free mail, disposable, unknown')
  const app = await build(t, { ...env, PARTNERS_FILE: SAMPLE_PARTNERS_FILE })
  const width = rows[0]!.length - AUDIT_COLUMNS.length
  for (let i = 0; i < 800; i++) {
    const row = rows[i + 1]!
    t.same(row.slice(0, width), benchRow(i), `row ${i}: the input's cells as they were`)
    const v = (await app.inject({ method: 'POST', url: '/validate-email', payload: { email: benchRow(i)[3] } })).json<{
      accepted: boolean
      reasons: { code: string }[]
      normalized: string | null
      partners: { id: string }[]
      suggestion: string | null
    }>()
    const unformula = (s: string): string => s.replace(/^'(?=[=+\-@])/, '')
    t.same(
      [row[width], row[width + 1], unformula(row[width + 2]!), row[width + 3], unformula(row[width + 4]!)],
      [String(v.accepted), v.reasons.map((x) => x.code).join(' '), v.normalized ?? '', v.partners.map((p) => p.id).join(' '), v.suggestion ?? ''],
      `row ${i}: ${benchRow(i)[3]}`,
    )
  }
})

t.test('the bar: redrawn at most five times a second and at the end, cut to the terminal’s width', async (t) => {
  let clock = 0
  const out = sink(true)
  // A terminal that does not say its width: 80 columns.
  const bar = progressBar(Object.assign(out.stream, { columns: undefined }), () => clock)
  bar.done()
  t.equal(out.text(), '', 'nothing drawn, nothing to end')
  clock = 1000
  bar.update({ rows: 0, bytes: 0, totalBytes: 1000 })
  t.match(out.text(), /\[\.{24}\]   0% {2}0 rows {2}0 rows\/s {2}0 s left/)
  clock = 1100
  bar.update({ rows: 100, bytes: 250, totalBytes: 1000 })
  t.notMatch(out.text(), /100 rows/, 'not again within 200 ms')
  clock = 2000
  bar.update({ rows: 400, bytes: 250, totalBytes: 1000 })
  t.match(out.text(), /\[#{6}\.{18}\]  25% {2}400 rows {2}200 rows\/s {2}6 s left\x1b\[K$/)
  clock = 2001
  bar.update({ rows: 500, bytes: 1000, totalBytes: 1000 })
  t.match(out.text(), /100% {2}500 rows/, 'the end is always drawn')
  bar.done()
  t.match(out.text(), /\n$/)
  t.equal(bar.seconds(), 2.001)
  const narrow = Object.assign(sink(true).stream, { columns: 30 })
  const chunks: string[] = []
  narrow.write = ((s: string) => chunks.push(s) > 0) as typeof narrow.write
  progressBar(narrow, () => 0).update({ rows: 1, bytes: 0, totalBytes: 0 })
  t.equal(chunks[0], `\r${'[########################] 100%  1 rows'.slice(0, 29)}\x1b[K`, 'an empty file is done; the line fits 30 columns')
})

t.test('a file without a header: its columns get names, the address column "email"; a tab as delimiter', async (t) => {
  const r = await run([file('1\t山田\ttaro@acme.co.jp\n2\t佐藤\thanako@docomo.ne.jp\n'), '--delimiter', '\\t'])
  t.equal(r.code, 0, r.stderr)
  const rows = parse(r.stdout, { delimiter: '\t' }) as string[][]
  t.same(rows[0], ['column_1', 'column_2', 'email', ...AUDIT_COLUMNS])
  t.same(
    rows.slice(1).map((x) => x.slice(0, 4)),
    [
      ['1', '山田', 'taro@acme.co.jp', 'true'],
      ['2', '佐藤', 'hanako@docomo.ne.jp', 'false'],
    ],
  )
  t.match(r.stderr, /address column 3 \(no header\)/)
})
