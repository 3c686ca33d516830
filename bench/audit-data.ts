// The CSV export the audit part reads: what a portal's database export from Japanese Excel looks
// like, deterministic row by row so the report can be checked against it. A UTF-8 BOM, a Japanese
// header, CRLF; company names with commas, notes with doubled quotes and line breaks, hence quoted
// fields; addresses from the benchmark's mix, at free-mail and partner domains, and at 50,000
// company domains drawn as such exports have them: a few companies with many accounts, a long
// tail with one or two (log-uniform ranks, so the top 1 % of companies hold about half of these).
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { ADDRESSES } from './addresses.js'

export const AUDIT_HEADER = ['会員ID', '氏名', '会社名', 'メールアドレス', '備考']

const SURNAMES = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤', 'Smith', 'García']
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健太', 'さくら', '翔', '陽菜', 'John', 'María']
const COMPANIES = ['ACME株式会社, 本社', 'さくらソフト株式会社, 大阪支店', '株式会社サンプル', 'Example Training K.K.', '合同会社テスト, 営業部']
const DOMAINS = ['gmail.com', 'docomo.ne.jp', 'yahoo.co.jp', 'mailinator.com', 'acme.example.co.jp', 'sakura-soft.example.jp', 'gmial.com', 'outlook.jp']

const COMPANY_DOMAINS = 50_000

/** A number in [0, 1) that depends on `i` alone (the finaliser of MurmurHash3). */
function unit(i: number): number {
  let h = Math.imul(i ^ (i >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32
}

/** The input cells of row `i` (0-based, after the header). */
export function auditRow(i: number): string[] {
  const name = `${SURNAMES[i % SURNAMES.length]} ${GIVEN[(i * 7) % GIVEN.length]}`
  const company = COMPANIES[i % COMPANIES.length]!
  let email: string
  if (i % 4 === 0) email = ADDRESSES[(i >> 2) % ADDRESSES.length]!.email
  else if (i % 4 === 1) email = `user${i}@${DOMAINS[(i >> 2) % DOMAINS.length]}`
  else email = `member${i}@corp${Math.floor(COMPANY_DOMAINS ** unit(i))}.example.co.jp`
  const note = i % 10 === 0 ? `要確認: "旧アドレス", 担当 ${i % 97}\r\n2行目のメモ` : i % 3 === 0 ? '' : `備考${i}`
  return [`M${String(i).padStart(8, '0')}`, name, company, email, note]
}

const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)
const line = (cells: readonly string[]): string => `${cells.map(quote).join(',')}\r\n`

/** Writes the header and `rows` rows to `file`, with a UTF-8 BOM. */
export async function writeAuditCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file)
  out.write(`\uFEFF${line(AUDIT_HEADER)}`)
  for (let start = 0; start < rows; start += 10_000) {
    let chunk = ''
    for (let i = start; i < Math.min(rows, start + 10_000); i++) chunk += line(auditRow(i))
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}
