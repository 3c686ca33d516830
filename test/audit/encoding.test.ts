import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import t from 'tap'
import { detectEncoding, encodingByName } from '../../src/audit/encoding.js'

const dir = mkdtempSync(join(tmpdir(), 'audit-enc-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const file = (bytes: Buffer | string): string => {
  const path = join(dir, `f${++n}`)
  writeFileSync(path, bytes)
  return path
}

t.test('valid UTF-8 throughout is UTF-8; anything else CP932', async (t) => {
  t.same(await detectEncoding(file('\uFEFFメールアドレス\r\nx@a.jp\r\n')), { encoding: 'utf8', bom: true, crlf: true })
  t.same(await detectEncoding(file('email\nx@a.jp\n')), { encoding: 'utf8', bom: false, crlf: false })
  t.same(await detectEncoding(file(iconv.encode('氏名,メール\r\n山田,x@a.jp\r\n', 'cp932'))), { encoding: 'cp932', bom: false, crlf: true })
  t.same(await detectEncoding(file('')), { encoding: 'utf8', bom: false, crlf: false })
})

t.test('the whole file is read: Shift_JIS after 2 MiB of ASCII is still found', async (t) => {
  const ascii = Buffer.from('email\n' + 'x@a.jp\n'.repeat(300_000))
  t.equal((await detectEncoding(file(Buffer.concat([ascii, iconv.encode('山田@a.jp\n', 'cp932')])))).encoding, 'cp932')
  // A UTF-8 character cut at the end of the file is not UTF-8.
  t.equal((await detectEncoding(file(Buffer.concat([ascii, Buffer.from('山').subarray(0, 2)])))).encoding, 'cp932')
})

t.test('--encoding overrides the detection', async (t) => {
  t.equal((await detectEncoding(file('email\n'), 'cp932')).encoding, 'cp932')
  t.equal((await detectEncoding(file(iconv.encode('メール\n', 'cp932')), 'utf8')).encoding, 'utf8')
})

t.test('encodings by their usual names', async (t) => {
  t.equal(encodingByName(' UTF-8 '), 'utf8')
  t.equal(encodingByName('Shift_JIS'), 'cp932')
  t.equal(encodingByName('Windows-31J'), 'cp932')
  t.equal(encodingByName('utf-8-bom'), 'utf8-bom')
  t.equal(encodingByName('latin1'), null)
})
