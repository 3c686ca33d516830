// The audit of a CSV export of existing accounts, as one stream from the file to the report:
// read (in the file's encoding) → parse CSV → check each row's address with the checking core →
// write CSV (in the report's encoding). Each stage passes a few rows on at a time and waits when
// the next is busy, so memory stays flat whatever the file's size.
import { createReadStream, statSync } from 'node:fs'
import { Transform, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse } from 'csv-parse'
import { stringify } from 'csv-stringify/sync'
import { checkEmail, type CheckContext } from '../core/check.js'
import { chooseColumn } from './columns.js'
import { decoder, detectEncoding, encode, type Detected, type Encoding, type OutputEncoding } from './encoding.js'

/** The columns the report adds after every column of the input. */
export const AUDIT_COLUMNS = ['audit_accepted', 'audit_reasons', 'audit_normalized', 'audit_partner_ids', 'audit_suggestion'] as const

/** Rows written to the report at a time: one string per batch, not a stream write per row. */
const BATCH_ROWS = 1024

/** A record longer than this is a broken file (an unclosed quote swallows the rest), not a row. */
const MAX_RECORD_BYTES = 1 << 20

export interface AuditOptions {
  input: string
  output: Writable
  ctx: CheckContext
  /** A header's name or a 1-based column number; found from the header when not given. */
  column?: string
  /** The input's encoding when it must not be detected. */
  encoding?: Encoding
  /** The report's encoding; by default the input's (UTF-8 with a BOM when the input had one). */
  outEncoding?: OutputEncoding
  delimiter?: string
  /** Called every few thousand rows and once at the end. */
  onProgress?: (p: Progress) => void
}

export interface Progress {
  rows: number
  bytes: number
  totalBytes: number
}

export interface AuditSummary {
  rows: number
  accepted: number
  /** Rows by reason code: a row with two reasons counts under each. */
  reasons: Map<string, number>
  /** Rows by matched partner id, with the partner's name. */
  partners: Map<string, { name: string; rows: number }>
  /** Rows at no registered partner. */
  noPartner: number
  input: Detected
  outEncoding: OutputEncoding
  column: { index: number; name: string | null }
}

/** The input cannot be audited as it is (no address column, broken CSV): a message for the operator. */
export class AuditError extends Error {
  override name = 'AuditError'
}

/**
 * A spreadsheet runs a cell that starts with = + - or @ as a formula. The columns the audit writes
 * from an address (its normalized form, the suggestion) are kept from that with a leading "'";
 * the input's own cells are written as they were.
 */
const inert = (s: string | null): string => (s === null ? '' : /^[=+\-@\t\r]/.test(s) ? `'${s}` : s)

export async function audit(o: AuditOptions): Promise<AuditSummary> {
  const input = await detectEncoding(o.input, o.encoding)
  const outEncoding = o.outEncoding ?? (input.encoding === 'utf8' && input.bom ? 'utf8-bom' : input.encoding)
  const summary: AuditSummary = { rows: 0, accepted: 0, reasons: new Map(), partners: new Map(), noPartner: 0, input, outEncoding, column: { index: -1, name: null } }
  const progress: Progress = { rows: 0, bytes: 0, totalBytes: statSync(o.input).size }
  const counter = new Transform({
    transform(chunk: Buffer, _e, cb) {
      progress.bytes += chunk.length
      cb(null, chunk)
    },
  })
  let width = 0
  const csvOptions = { record_delimiter: input.crlf ? '\r\n' : '\n', ...(o.delimiter ? { delimiter: o.delimiter } : {}) }
  let batch: string[][] = []
  // Each batch is encoded as it is written: the BOM, when wanted, goes before the first.
  let bom = outEncoding === 'utf8-bom' ? '\uFEFF' : ''
  const text = (): string | Buffer => {
    const out = bom + stringify(batch, csvOptions)
    bom = ''
    batch = []
    return outEncoding === 'cp932' ? encode(out, 'cp932') : out
  }
  // Each stage of a stream pipeline costs per item: the rows leave as one CSV text per batch.
  const rows = new Transform({
    writableObjectMode: true,
    transform(record: string[], _e, cb) {
      if (summary.column.index < 0) {
        const choice = chooseColumn(record, o.column)
        if (!choice.ok) return cb(new AuditError(choice.reason))
        summary.column = { index: choice.index, name: choice.header ? record[choice.index]! : null }
        width = record.length
        // A file without a header gets one: its address column is "email", the others numbered.
        batch.push(choice.header ? [...record, ...AUDIT_COLUMNS] : [...record.map((_, i) => (i === choice.index ? 'email' : `column_${i + 1}`)), ...AUDIT_COLUMNS])
        if (choice.header) return cb()
      }
      batch.push(auditRow(record, width, summary, o.ctx))
      if (++progress.rows % 4096 === 0) o.onProgress?.(progress)
      if (batch.length < BATCH_ROWS) return cb()
      cb(null, text())
    },
    flush(cb) {
      cb(null, batch.length ? text() : undefined)
    },
  })
  const stages = [
    createReadStream(o.input, { highWaterMark: 256 * 1024 }),
    counter,
    ...(input.encoding === 'cp932' ? [decoder('cp932')] : []),
    // Line endings as they come: a list pasted together from several files mixes them.
    parse({ bom: true, record_delimiter: ['\r\n', '\n'], relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES, ...(o.delimiter ? { delimiter: o.delimiter } : {}) }),
    rows,
    o.output,
  ] as const
  try {
    await pipeline(stages as unknown as [NodeJS.ReadableStream, ...NodeJS.WritableStream[]])
  } catch (err) {
    // csv-parse's errors say what is wrong and on which line; they quote no cell.
    if ((err as { code?: string }).code?.startsWith('CSV_')) throw new AuditError(`The file is not valid CSV: ${(err as Error).message}`)
    throw err
  }
  if (summary.column.index < 0) throw new AuditError('The file holds no rows.')
  o.onProgress?.(progress)
  return summary
}

function auditRow(record: string[], width: number, summary: AuditSummary, ctx: CheckContext): string[] {
  // A short row (a trailing empty cell Excel left out) is padded, so the verdict stays in its
  // columns (and the address cell exists).
  while (record.length < width) record.push('')
  const v = checkEmail(record[summary.column.index]!, ctx, 'en')
  summary.rows++
  if (v.accepted) summary.accepted++
  for (const r of v.reasons) summary.reasons.set(r.code, (summary.reasons.get(r.code) ?? 0) + 1)
  if (v.partners.length === 0) summary.noPartner++
  for (const p of v.partners) {
    const seen = summary.partners.get(p.id)
    if (seen) seen.rows++
    else summary.partners.set(p.id, { name: p.name, rows: 1 })
  }
  record.push(
    String(v.accepted),
    v.reasons.map((r) => r.code).join(' '),
    inert(v.normalized),
    v.partners.map((p) => p.id).join(' '),
    inert(v.suggestion),
  )
  return record
}
