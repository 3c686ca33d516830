// Part 6 of the benchmark: the audit command over a million-row export, as an operator runs it
// (node dist/audit.js <file> --out <report>), timed from spawn to exit, its peak RSS taken by
// getrusage in the process itself (bench/peak-rss.ts). Then the report is read back: every row
// and every input cell must be there as generated, and the five verdict columns after them.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse'
import { SAMPLE_PARTNERS_FILE } from '../src/config.js'
import { AUDIT_COLUMNS } from '../src/audit/audit.js'
import { AUDIT_HEADER, auditRow, writeAuditCsv } from './audit-data.js'
import { benchFile, median, ROOT, track } from './lib.js'
import { log, SETTINGS } from './settings.js'

export interface AuditRun {
  seconds: number
  peakRssMb: number
}

export interface AuditResult {
  rows: number
  fileMb: number
  runs: AuditRun[]
  medianSeconds: number
  maxPeakRssMb: number
  /** Rows audited, as the command's summary says. */
  summaryRows: number
  /** Rows of the report whose input cells are exactly the generated ones (checked after the last run). */
  rowsIntact: number
  reportColumns: number
}

async function runOnce(input: string, out: string, rssFile: string, timeoutMs: number): Promise<AuditRun & { stderr: string }> {
  const started = performance.now()
  const child = track(
    spawn(process.execPath, ['--import', benchFile('peak-rss.js'), join(ROOT, 'dist', 'audit.js'), input, '--out', out], {
      cwd: ROOT,
      env: { ...process.env, PARTNERS_FILE: SAMPLE_PARTNERS_FILE, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  )
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null]
  clearTimeout(timer)
  const seconds = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`email-audit failed (${code ?? signal}): ${stderr.slice(-2000)}`)
  return { seconds, peakRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, stderr }
}

/** Reads the report back: the header, then every row's input cells as generated. */
async function verify(report: string, rows: number): Promise<{ intact: number; columns: number }> {
  const parser = createReadStream(report).pipe(parse({ bom: true, relax_column_count: true }))
  let i = -1
  let intact = 0
  let columns = 0
  const header = [...AUDIT_HEADER, ...AUDIT_COLUMNS]
  for await (const record of parser as AsyncIterable<string[]>) {
    if (i === -1) {
      columns = record.length
      if (record.join('\u0000') !== header.join('\u0000')) throw new Error(`report header: ${JSON.stringify(record)}`)
    } else if (i < rows && record.length === header.length && record.slice(0, AUDIT_HEADER.length).join('\u0000') === auditRow(i).join('\u0000')) intact++
    i++
  }
  return { intact, columns }
}

export async function auditBench(rows: number, runs: number, log: (s: string) => void): Promise<AuditResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'))
  try {
    const input = join(dir, 'accounts.csv')
    await writeAuditCsv(input, rows)
    const fileMb = statSync(input).size / 2 ** 20
    log(`  ${rows.toLocaleString('en-US')} rows, ${fileMb.toFixed(1)} MB (UTF-8 with BOM, CRLF, Japanese header, quoted commas, quotes and line breaks)`)
    const out = join(dir, 'report.csv')
    const results: (AuditRun & { stderr: string })[] = []
    for (let r = 0; r < runs; r++) {
      const run = await runOnce(input, out, join(dir, 'rss'), 300_000)
      log(`  run ${r + 1}: ${run.seconds.toFixed(2)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB`)
      results.push(run)
    }
    const summaryRows = Number(/Audited ([\d,]+) rows/.exec(results.at(-1)!.stderr)?.[1]?.replaceAll(',', '') ?? NaN)
    const { intact, columns } = await verify(out, rows)
    log(`  report: ${intact.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows intact, ${columns} columns; the command's summary says ${summaryRows.toLocaleString('en-US')} rows`)
    return {
      rows,
      fileMb,
      runs: results.map(({ seconds, peakRssMb }) => ({ seconds, peakRssMb })),
      medianSeconds: median(results.map((x) => x.seconds)),
      maxPeakRssMb: Math.max(...results.map((x) => x.peakRssMb)),
      summaryRows,
      rowsIntact: intact,
      reportColumns: columns,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The part as the run has it: the audit fails when the report lost a row. */
export async function auditPart(): Promise<AuditResult> {
  const a = await auditBench(SETTINGS.auditRows, SETTINGS.auditRuns, log)
  if (a.rowsIntact !== a.rows || a.summaryRows !== a.rows) throw new Error(`the report lost rows: ${a.rowsIntact} intact, summary ${a.summaryRows}, of ${a.rows}`)
  return a
}
