// `npm run audit -- <file> [--out <file>] [options]`, also the package's `email-audit` command:
// audits a CSV export of existing accounts (or a list of addresses, one a line) against the
// partner registry and writes a report CSV. The same checking core and the same configuration
// (PARTNERS_FILE, ALLOW_SMTPUTF8, ROLE_ACCOUNTS) as the service, so the verdicts are the ones
// the service gives. It never looks anything up in DNS.
import { createWriteStream, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import type { CheckContext } from '../core/check.js'
import { loadBaseLists } from '../io/lists.js'
import { loadRegistryFile } from '../io/registry-file.js'
import { audit, AuditError, type AuditSummary, type Progress } from './audit.js'
import { encodingByName, type Encoding, type OutputEncoding } from './encoding.js'

export interface CliIo {
  stdout: Writable
  stderr: Writable & { isTTY?: boolean; columns?: number }
  env: Record<string, string | undefined>
}

export const USAGE = `Usage: email-audit <file> [--out <report.csv>] [options]
       npm run audit -- <file> [--out <report.csv>] [options]

Audits a CSV export of existing accounts, or a list of addresses one a line, against the partner
registry, and writes a report CSV: every input column as it was, then audit_accepted,
audit_reasons (reason codes), audit_normalized, audit_partner_ids and audit_suggestion.

Options:
  -o, --out <file>          Write the report there (default: standard output).
  -c, --column <name|n>     The address column, by header or 1-based number
                            (default: the column headed email, mail, メールアドレス, Eメール …).
  -r, --registry <file>     Audit against this registry file instead of PARTNERS_FILE
                            (to see what a registry change would do before making it).
  -e, --encoding <enc>      The input's encoding: utf8 or cp932 (Shift_JIS). Default: detected
                            (valid UTF-8, else CP932).
      --out-encoding <enc>  The report's: utf8, utf8-bom or cp932. Default: the input's.
  -d, --delimiter <char>    The field separator (default ",").
  -q, --quiet               No progress bar and no summary.
  -h, --help                This text.

A progress bar is shown on standard error when it is a terminal; a summary per reason code and
per partner is written there at the end. Exit status: 0 done, 1 the audit failed, 2 bad usage.`

class UsageError extends Error {}

export async function runAudit(argv: string[], io: CliIo): Promise<number> {
  const say = (s: string): void => void io.stderr.write(`${s}\n`)
  let args: Parsed | { help: true }
  try {
    args = parse(argv)
  } catch (err) {
    say(`email-audit: ${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  if ('help' in args) {
    io.stdout.write(`${USAGE}\n`)
    return 0
  }
  let created: string | null = null
  try {
    const config = loadConfig(io.env)
    const lists = await loadBaseLists()
    const registryFile = args.registry ?? config.partnersFile
    const ctx: CheckContext = {
      lists,
      registry: await loadRegistryFile(registryFile, lists),
      options: { allowSmtputf8: config.allowSmtputf8, roleAccounts: config.roleAccounts },
    }
    const output = args.out ? createWriteStream((created = args.out)) : io.stdout
    const bar = io.stderr.isTTY && !args.quiet ? progressBar(io.stderr) : undefined
    const summary = await audit({ input: args.file, output, ctx, column: args.column, encoding: args.encoding, outEncoding: args.outEncoding, delimiter: args.delimiter, onProgress: bar?.update })
    bar?.done()
    if (!args.quiet) say(summaryText(summary, { registry: registryFile, seconds: bar?.seconds() ?? null }))
    return 0
  } catch (err) {
    // Whatever stops the audit is told plainly: a missing file, a registry or CSV that is not valid.
    say(`email-audit: ${(err as Error).message}`)
    // No half report left behind to be taken for a whole one.
    if (created) rmSync(created, { force: true })
    return 1
  }
}

interface Parsed {
  file: string
  out?: string
  column?: string
  registry?: string
  encoding?: Encoding
  outEncoding?: OutputEncoding
  delimiter?: string
  quiet: boolean
}

function parse(argv: string[]): Parsed | { help: true } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      column: { type: 'string', short: 'c' },
      registry: { type: 'string', short: 'r' },
      encoding: { type: 'string', short: 'e' },
      'out-encoding': { type: 'string' },
      delimiter: { type: 'string', short: 'd' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return { help: true }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give one input file' : 'no input file given')
  const file = positionals[0]!
  if (values.out && resolve(values.out) === resolve(file)) throw new UsageError('--out must not be the input file')
  let encoding: Encoding | undefined
  if (values.encoding !== undefined) {
    const e = encodingByName(values.encoding)
    if (e !== 'utf8' && e !== 'cp932') throw new UsageError(`--encoding must be utf8 or cp932, not "${values.encoding}"`)
    encoding = e
  }
  const outEncoding = values['out-encoding'] === undefined ? undefined : encodingByName(values['out-encoding'])
  if (outEncoding === null) throw new UsageError(`--out-encoding must be utf8, utf8-bom or cp932, not "${values['out-encoding']}"`)
  const delimiter = values.delimiter === '\\t' ? '\t' : values.delimiter
  if (delimiter !== undefined && [...delimiter].length !== 1) throw new UsageError('--delimiter must be one character (\\t for a tab)')
  return { file, out: values.out, column: values.column, registry: values.registry, encoding, outEncoding, delimiter, quiet: values.quiet }
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US')

/**
 * The progress bar on a terminal: rows, rows per second and the time left, redrawn in place at
 * most five times a second (and at the end). `now` is the clock, in milliseconds.
 */
export function progressBar(out: Writable & { columns?: number }, now = (): number => performance.now()) {
  const started = now()
  let last = -Infinity
  let drawn = false
  const draw = (p: Progress, force: boolean): void => {
    const at = now()
    if (!force && at - last < 200) return
    last = at
    const seconds = (at - started) / 1000
    const share = p.totalBytes ? p.bytes / p.totalBytes : 1
    const left = share > 0 ? (seconds * (1 - share)) / share : 0
    const width = 24
    const filled = Math.round(share * width)
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${int(p.rows)} rows  ${int(p.rows / Math.max(seconds, 1e-3))} rows/s  ${Math.ceil(left)} s left`
    out.write(`\r${line.slice(0, Math.max(20, (out.columns ?? 80) - 1))}\x1b[K`)
    drawn = true
  }
  return {
    update: (p: Progress): void => draw(p, p.bytes === p.totalBytes),
    done: (): void => void (drawn && out.write('\n')),
    seconds: (): number => (now() - started) / 1000,
  }
}

export function summaryText(s: AuditSummary, run: { registry: string; seconds: number | null }): string {
  const lines: string[] = []
  const refused = s.rows - s.accepted
  lines.push(
    `Audited ${int(s.rows)} rows${run.seconds === null ? '' : ` in ${run.seconds.toFixed(1)} s`}: ${int(s.accepted)} accepted, ${int(refused)} refused.`,
    `Input: ${s.input.encoding === 'cp932' ? 'Shift_JIS (CP932)' : `UTF-8${s.input.bom ? ' with BOM' : ''}`}; address column ${s.column.index + 1}${s.column.name === null ? ' (no header)' : ` "${s.column.name}"`}; report in ${s.outEncoding}; registry ${run.registry}.`,
  )
  const pad = (rows: [string, number][]): string[] => {
    const w = Math.max(...rows.map(([k]) => k.length))
    return rows.map(([k, n]) => `  ${k.padEnd(w)}  ${int(n).padStart(12)}`)
  }
  lines.push('', 'By reason code (a row may have several):')
  const reasons = [...s.reasons].sort((a, b) => b[1] - a[1])
  lines.push(...(reasons.length ? pad(reasons) : ['  (none)']))
  lines.push('', 'By partner:')
  const partners = [...s.partners].sort((a, b) => b[1].rows - a[1].rows)
  lines.push(...pad([...partners.map(([id, p]): [string, number] => [`${id}  ${p.name}`, p.rows]), ['(no partner)', s.noPartner]]))
  return lines.join('\n')
}
