// The report: every figure checked against its target, written to bench/results/latest.json and
// latest.md, and the summary table printed at the end of the run.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { join } from 'node:path'
import { ADDRESSES, categoryCounts } from './addresses.js'
import type { AuditResult } from './audit.js'
import type { BatchResult } from './batch.js'
import type { MicroResult } from './core.js'
import { fmt, fmtInt, table } from './format.js'
import { addHistoryRow, historyRow, historyRun } from './history.js'
import type { HttpMode, Spread } from './http.js'
import { median, ROOT, round, SERVER_NODE_ARGS } from './lib.js'
import type { ProbeResult } from './probes.js'
import type { ScaleResult } from './registry-scale.js'
import { BIG, log, RESULTS_DIR, SETTINGS, SMALL, TARGETS } from './settings.js'

export type PartName = 'httpSilent' | 'httpSingle' | 'httpInfo' | 'micro' | 'scale' | 'batch' | 'probes' | 'cold' | 'audit'
/** Each part's error message, null when it ran (or was skipped) without one. */
export type Errors = Record<PartName, string | null>

/** What the parts measured; null for a part skipped or failed. */
export interface Measured {
  silent: HttpMode | null
  single: HttpMode | null
  info: HttpMode | null
  micro: MicroResult | null
  scaled: ScaleResult[] | null
  batched: BatchResult | null
  probed: ProbeResult | null
  cold: number[] | null
  audited: AuditResult | null
}

type Status = 'PASS' | 'MISS' | 'N/A' | 'ERROR' | '—'
interface Check {
  id: string
  figure: string
  value: number | null
  shown: string
  target: string
  status: Status
}

function check(id: string, figure: string, value: number | null | undefined, shown: (v: number) => string, target: string, pass: ((v: number) => boolean) | null, error = false): Check {
  const v = value === null || value === undefined || !Number.isFinite(value) ? null : value
  const status: Status = error ? 'ERROR' : v === null ? 'N/A' : pass === null ? '—' : pass(v) ? 'PASS' : 'MISS'
  return { id, figure, value: v === null ? null : round(v, 4), shown: v === null ? '—' : shown(v), target, status }
}

/** The targets in a fixed order: latest.json's `checks` has the same shape on every run. */
/** A ratio as the summary shows it: median of the rounds (their spread); CPU µs per request, service vs reference. */
const ratioShown = (v: number, m: HttpMode): string =>
  `${fmt(v, 2)} (${fmt(m.ratios.rps.min, 2)}–${fmt(m.ratios.rps.max, 2)}); CPU ${fmt(m.service.median.cpuUsPerRequest, 1)} vs ${fmt(m.referenceFigures.median.cpuUsPerRequest, 1)} µs/req`

function checks({ silent, single, info, micro, scaled, batched, probed, cold, audited }: Measured, errors: Errors): Check[] {
  const at = (size: number): ScaleResult | undefined => scaled?.find((s) => s.size === size)
  const small = at(SMALL)
  const big = at(BIG)
  return [
    check('http-silent-rps-ratio', `HTTP logging off, ${ADDRESSES.length}-address mix: service / bare Fastify (same bytes) req/s`, silent?.ratios.rps.median, (v) => ratioShown(v, silent!), `≥ ${fmt(TARGETS.rpsRatioSilent, 2)}`, (v) => v >= TARGETS.rpsRatioSilent, errors.httpSilent !== null),
    check('http-silent-single-rps-ratio', 'HTTP logging off, one address: service / bare Fastify (same bytes) req/s', single?.ratios.rps.median, (v) => ratioShown(v, single!), `≥ ${fmt(TARGETS.rpsRatioSilentSingle, 2)}`, (v) => v >= TARGETS.rpsRatioSilentSingle, errors.httpSingle !== null),
    check('http-silent-p99-ratio', 'HTTP logging off, mix: service p99 / reference p99', silent?.ratios.p99.median, (v) => `${fmt(v, 2)}×`, `≤ ${fmt(TARGETS.p99RatioSilent, 2)}×`, (v) => v <= TARGETS.p99RatioSilent, errors.httpSilent !== null),
    check('http-info-rps-ratio', "HTTP production logging, mix: service / bare Fastify with Fastify's request logging req/s", info?.ratios.rps.median, (v) => ratioShown(v, info!), `≥ ${fmt(TARGETS.rpsRatioInfo, 2)}`, (v) => v >= TARGETS.rpsRatioInfo, errors.httpInfo !== null),
    check('http-info-p99-ratio', 'HTTP production logging, mix: service p99 / reference p99', info?.ratios.p99.median, (v) => `${fmt(v, 2)}×`, '(none)', null, errors.httpInfo !== null),
    check('core-vs-isemail', 'Core cost per address vs validator.js isEmail', micro?.core.nsPerOp, (v) => `${fmtInt(v)} ns vs ${fmtInt(micro?.isEmail.nsPerOp)} ns`, '< isEmail', (v) => v < micro!.isEmail.nsPerOp, errors.micro !== null),
    check('core-vs-deep', 'Core cost per address vs deep-email-validator (no MX/SMTP)', micro?.core.nsPerOp, (v) => `${fmtInt(v)} ns vs ${fmtInt(micro?.deep.nsPerOp)} ns`, '< deep-email-validator', (v) => v < micro!.deep.nsPerOp, errors.micro !== null),
    check('scale-cost-ratio', 'Core cost per address, 1,000,000 / 10 registry domains', big && small ? big.core.nsPerOp / small.core.nsPerOp : null, (v) => `${fmt(v, 2)}× (${fmtInt(big?.core.nsPerOp)} vs ${fmtInt(small?.core.nsPerOp)} ns)`, `≤ ${fmt(TARGETS.scaleCostRatio, 2)}×`, (v) => v <= TARGETS.scaleCostRatio, errors.scale !== null),
    check('scale-load-1m', 'Load (read + compile) of the 1,000,000-domain registry', big ? big.loadMs / 1000 : null, (v) => `${fmt(v, 2)} s`, `< ${TARGETS.loadSeconds1m} s`, (v) => v < TARGETS.loadSeconds1m, errors.scale !== null),
    check('scale-rss-1m', 'RSS after loading the 1,000,000-domain registry', big?.rssMb, (v) => `${fmt(v, 0)} MB`, `< ${TARGETS.rssMb1m} MB`, (v) => v < TARGETS.rssMb1m, errors.scale !== null),
    check('scale-rss-1m-url', 'RSS after loading the 1,000,000-domain registry over HTTP (PARTNERS_URL)', big?.viaUrl ? median(big.viaUrl.map((r) => r.rssMb)) : null, (v) => `${fmt(v, 0)} MB (peak ${fmt(median(big!.viaUrl!.map((r) => r.peakRssMb)), 0)} MB)`, `< ${TARGETS.rssMb1m} MB`, (v) => v < TARGETS.rssMb1m, errors.scale !== null),
    check('batch-1000', `Batch of ${SETTINGS.batchSize} addresses, median response time`, batched?.medianMs, (v) => `${fmt(v, 2)} ms`, `< ${TARGETS.batchMs} ms`, (v) => v < TARGETS.batchMs, errors.batch !== null),
    check('probes-readyz-p99', 'GET /readyz p99 while 4 clients send batches flat out', probed?.readyz.p99, (v) => `${fmt(v, 1)} ms`, `< ${TARGETS.probeP99Ms} ms`, (v) => v < TARGETS.probeP99Ms, errors.probes !== null),
    check('probes-single-p99', 'Single check p99 while 4 clients send batches flat out', probed?.single.p99, (v) => `${fmt(v, 1)} ms`, `< ${TARGETS.probeP99Ms} ms`, (v) => v < TARGETS.probeP99Ms, errors.probes !== null),
    check('audit-seconds', `Audit of a ${fmtInt(SETTINGS.auditRows)}-row CSV, spawn to exit, median`, audited?.medianSeconds, (v) => `${fmt(v, 1)} s`, `< ${TARGETS.auditSeconds1m} s`, (v) => v < TARGETS.auditSeconds1m, errors.audit !== null),
    check('audit-rss', `Audit of a ${fmtInt(SETTINGS.auditRows)}-row CSV, peak RSS (largest run)`, audited?.maxPeakRssMb, (v) => `${fmt(v, 0)} MB`, `< ${TARGETS.auditRssMb1m} MB`, (v) => v < TARGETS.auditRssMb1m, errors.audit !== null),
    check('cold-start', 'Cold start to ready (spawn → 200 /readyz), median', cold ? median(cold) : null, (v) => `${fmt(v, 0)} ms`, `< ${TARGETS.coldStartMs} ms`, (v) => v < TARGETS.coldStartMs, errors.cold !== null),
  ]
}

/** Rounds every number of a result for the committed file (hundredths; fewer digits are noise). */
function tidy<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? round(v, 2) : v))) as T
}

function gitInfo(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'data', 'package.json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== ''
    return { commit, dirty }
  } catch {
    return { commit: null, dirty: null }
  }
}

const version = (pkg: string): string => (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version

/** The machine, the versions and the commit the figures were measured with. */
function environment(loadAtStart: number[]): Record<string, unknown> {
  const git = gitInfo()
  const cpu = cpus()
  return {
    node: process.version,
    os: `${process.platform} ${release()} ${process.arch}`,
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: totalmem() / 2 ** 30,
    // Other work on the machine skews every figure: compare runs made on a quiet machine.
    loadAverage1mAtStart: loadAtStart[0] ?? null,
    loadAverage1mAtEnd: loadavg()[0] ?? null,
    fastify: version('fastify'),
    autocannon: version('autocannon'),
    validator: version('validator'),
    deepEmailValidator: version('deep-email-validator'),
    commit: git.commit,
    uncommittedChangesInSrc: git.dirty,
  }
}

type Results = {
  generatedAt: string
  durationSeconds: number
  environment: Record<string, unknown>
  addresses: { count: number; categories: Record<string, number> }
  http: { silent: HttpMode | null; single: HttpMode | null; info: HttpMode | null }
  inProcess: {
    nsPerAddress: { core: number; isEmail: number; deepEmailValidator: number }
    coreNsPerAddressByCategory: Record<string, number>
    syntaxValidCount: Record<string, number>
    mixMismatches: { email: string; expected: string; got: string }[]
  } | null
  scale: { domains: number; partners: number; fileMb: number; baseListsMs: number; loadMs: number; rssMb: number; rssBaseListsOnlyMb: number; heapUsedMb: number; coreNsPerAddress: number; probesAccepted: number; processes: { loadMs: number; rssMb: number; coreNsPerOp: number }[] }[] | null
  batch: BatchResult | null
  coldStart: { runsMs: number[]; medianMs: number } | null
  audit: AuditResult | null
  errors: Record<string, string | null>
}

/** latest.json: the same keys on every run, a part not measured null. */
function results({ silent, single, info, micro, scaled, batched, cold, audited }: Measured, errors: Errors, checked: Check[], started: number, loadAtStart: number[]): Results {
  const r = tidy({
    schema: 'email-prevalidation-bench/1',
    generatedAt: new Date().toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    environment: environment(loadAtStart),
    settings: SETTINGS,
    targets: TARGETS,
    addresses: { count: ADDRESSES.length, categories: categoryCounts() },
    checks: checked,
    http: { silent, single, info },
    inProcess: micro
      ? {
          nsPerAddress: { core: micro.core.nsPerOp, isEmail: micro.isEmail.nsPerOp, deepEmailValidator: micro.deep.nsPerOp },
          roundsNs: { core: micro.core.roundsNs, isEmail: micro.isEmail.roundsNs, deepEmailValidator: micro.deep.roundsNs },
          coreNsPerAddressByCategory: micro.corePerCategory,
          syntaxValidCount: micro.validCount,
          mixMismatches: micro.mismatches,
        }
      : null,
    scale: scaled
      ? scaled.map((s) => ({
          domains: s.size,
          partners: s.partners,
          fileMb: s.fileMb,
          baseListsMs: s.baseListsMs,
          loadMs: s.loadMs,
          rssMb: s.rssMb,
          rssBaseListsOnlyMb: s.rssListsMb,
          heapUsedMb: s.heapUsedMb,
          coreNsPerAddress: s.core.nsPerOp,
          coreRoundsNs: s.core.roundsNs,
          addresses: s.addresses,
          probesAccepted: s.probesAccepted,
          processes: s.runs,
        }))
      : null,
    batch: batched,
    coldStart: cold ? { runsMs: cold, medianMs: median(cold) } : null,
    audit: audited,
    errors,
  })
  return r
}

/**
 * Checks the figures, writes latest.json and latest.md, prints the summary; returns the exit code:
 * 1 when a part could not be measured (a missed target is reported, not a failure).
 */
export function report(measured: Measured, errors: Errors, started: number, loadAtStart: number[]): number {
  const checked = checks(measured, errors)
  const r = results(measured, errors, checked, started, loadAtStart)
  mkdirSync(RESULTS_DIR, { recursive: true })
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(r, null, 2)}\n`)
  writeFileSync(join(RESULTS_DIR, 'latest.md'), markdown(r, checked))

  const http = historyRun(measured.silent, measured.single, measured.info)
  const e = r.environment
  if (http) {
    addHistoryRow(historyRow({ at: r.generatedAt, commit: e.commit as string | null, dirty: e.uncommittedChangesInSrc as boolean | null, loadStart: e.loadAverage1mAtStart as number | null, loadEnd: e.loadAverage1mAtEnd as number | null, ...http }))
  }

  log('\n== Summary')
  log(summaryTable(checked))
  const missed = checked.filter((c) => c.status === 'MISS').map((c) => c.id)
  const failed = Object.entries(errors).filter(([, v]) => v !== null).map(([k]) => k)
  log(`\n${checked.filter((c) => c.status === 'PASS').length} PASS, ${missed.length} MISS${missed.length ? ` (${missed.join(', ')})` : ''}, ${checked.filter((c) => c.status === 'N/A').length} N/A, ${failed.length} parts failed${failed.length ? ` (${failed.join(', ')})` : ''}`)
  log(`Written: bench/results/latest.json, bench/results/latest.md${http ? ', a row of bench/HISTORY.md (HTTP)' : ''} (${fmt((Date.now() - started) / 1000, 0)} s)`)
  if (!http) log('bench/HISTORY.md: no row (the HTTP part did not run in full with the default duration and rounds)')
  return failed.length ? 1 : 0
}

const summaryTable = (checked: Check[]): string => table(['figure', 'value', 'target', 'result'], checked.map((c) => [c.figure, c.shown, c.target, c.status]))

// ------------------------------------------------------------------------------------ latest.md

function markdown(r: Results, checked: Check[]): string {
  const out = [
    ...mdHeader(r),
    '## Summary',
    '',
    summaryTable(checked),
    '',
    ...mdHttp(r),
    ...mdInProcess(r),
    ...mdScale(r),
    ...mdBatch(r),
    ...mdColdStart(r),
    ...mdAudit(r),
    ...mdErrors(r),
  ]
  return `${out.join('\n').trimEnd()}\n`
}

function mdHeader(r: Results): string[] {
  const e = r.environment
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.ts); see [bench/README.md](../README.md) for what each figure means.`,
    '',
    `- Run: ${r.generatedAt}, ${fmt(r.durationSeconds, 0)} s; commit ${String(e.commit)}${e.uncommittedChangesInSrc ? ' (with uncommitted changes in src/)' : ''}`,
    `- Machine: ${String(e.cpu)}, ${String(e.cores)} cores, ${fmt(e.memoryGb as number, 1)} GB; ${String(e.os)}; Node ${String(e.node)}; load average ${fmt(e.loadAverage1mAtStart as number, 2)} at start, ${fmt(e.loadAverage1mAtEnd as number, 2)} at end`,
    `- fastify ${String(e.fastify)}, autocannon ${String(e.autocannon)}, validator ${String(e.validator)}, deep-email-validator ${String(e.deepEmailValidator)}`,
    `- Mix: ${r.addresses.count} addresses (${Object.entries(r.addresses.categories).map(([k, v]) => `${v} ${k}`).join(', ')})`,
    '',
  ]
}

function mdHttp(r: Results): string[] {
  const out = ['## 1. HTTP: POST /validate-email vs bare Fastify answering the same bytes', '']
  const modes = [r.http.silent, r.http.single, r.http.info].filter((m): m is HttpMode => m !== null)
  const pin = modes.find((m) => m.pinning)?.pinning
  out.push(
    `The service is asked once for every request of the mix; its answers (bytes and content type) are the table the references answer from, after parsing the JSON body as Fastify does. ` +
      `${SETTINGS.rounds} rounds; in each, every server of a mode runs in a fresh process: started, its answers compared byte for byte with the table, warmed up (${SETTINGS.warmupSeconds} s), measured (${SETTINGS.durationSeconds} s, autocannon, ${SETTINGS.connections} connections), stopped; the order alternates between rounds. ` +
      `${pin ? `Servers pinned to CPU ${pin.server}, the load generator (and the log sinks) to CPU ${pin.loadGenerator} (taskset).` : 'Not pinned (no taskset or a single core): servers and load generator share the cores.'} ` +
      `Ratios: the median of the per-round ratios (min–max). CPU: the server's user + system time over the measured run (/proc/<pid>/stat) per request answered, median of the rounds.`,
    '',
  )
  const title = (m: HttpMode): string => (m.mode === 'silent' ? `logging off, mix of ${m.addresses}` : m.mode === 'single' ? 'logging off, one address' : `production logging, mix of ${m.addresses}`)
  const rows: string[][] = []
  const server = (mode: string, name: string, f: HttpMode['service']): string[] => [
    mode,
    name,
    fmtInt(f.median.rps),
    fmt(f.median.p50Ms, 2),
    fmt(f.median.p99Ms, 2),
    fmt(f.median.cpuUsPerRequest, 1),
    f.runs.map((x) => fmtInt(x.rps)).join(' / '),
  ]
  const ratio = (mode: string, name: string, rps: Spread, p99: Spread | null, cpu: Spread | null): string[] => [
    mode,
    name,
    `${fmt(rps.median, 2)} (${fmt(rps.min, 2)}–${fmt(rps.max, 2)})`,
    '',
    p99 ? `${fmt(p99.median, 2)}×` : '',
    cpu ? `${fmt(cpu.median, 2)}×` : '',
    rps.rounds.map((x) => fmt(x, 2)).join(' / '),
  ]
  for (const m of modes) {
    const mode = title(m)
    rows.push(server(mode, 'service', m.service))
    rows.push(server(mode, m.mode === 'info' ? 'reference (b), Fastify request logging' : 'reference (a), no logger', m.referenceFigures))
    rows.push(ratio(mode, 'service / reference', m.ratios.rps, m.ratios.p99, m.ratios.cpuPerRequest))
    if (m.budget) {
      rows.push(server(mode, `reference + ${m.budget.workUs} µs of CPU per request (not a target)`, m.budget.figures))
      rows.push(ratio(mode, `(reference + ${m.budget.workUs} µs) / reference`, m.budget.rpsRatio, null, null))
    }
  }
  out.push(rows.length ? table(['mode', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'req/s (ratio) of each round'], rows) : '_not measured_', '')
  for (const m of modes) {
    out.push(`- ${title(m)}: ${fmtInt(m.identical.compared)} answers compared with the table, ${m.identical.differing} differing`)
    if (m.non200.service || m.non200.reference) out.push(`- ${title(m)}: answers other than 200: service ${m.non200.service}, reference ${m.non200.reference}`)
    if (m.serviceLog) out.push(`- ${title(m)}: the service logged ${fmtInt(m.serviceLog.lines)} lines (${fmt(m.serviceLog.bytes / 2 ** 20, 1)} MB), ${fmt(m.serviceLog.linesPerRequest, 2)} per request; the reference ${fmt(median(m.referenceFigures.runs.map((x) => x.linesPerRequest ?? Number.NaN)), 2)} per request`)
  }
  out.push('')
  return out
}

function mdInProcess(r: Results): string[] {
  const out = ['## 2. In process: cost per address', '']
  const p = r.inProcess
  if (!p) return [...out, '_not measured_', '']
  out.push(
    table(
      ['checker', 'ns per address', 'addresses judged well-formed'],
      [
        ['checking core (checkEmail, sample registry)', fmtInt(p.nsPerAddress.core), String(p.syntaxValidCount.core)],
        ['validator.js isEmail (syntax only)', fmtInt(p.nsPerAddress.isEmail), String(p.syntaxValidCount.isEmail)],
        ['deep-email-validator (regex, typo, disposable; no MX/SMTP), awaited', fmtInt(p.nsPerAddress.deepEmailValidator), String(p.syntaxValidCount.deep)],
      ],
    ),
    '',
  )
  out.push(table(['category', 'core ns per address'], Object.entries(p.coreNsPerAddressByCategory).map(([k, v]) => [k, fmtInt(v)])), '')
  if (p.mixMismatches.length) out.push(`Addresses whose verdict differs from the one the mix expects: ${p.mixMismatches.map((m) => `\`${m.email}\` (${m.expected} → ${m.got})`).join(', ')}`, '')
  return out
}

function mdScale(r: Results): string[] {
  const out = ['## 3. Scale: generated partner registries', '']
  if (!r.scale) return [...out, '_not measured_', '']
  const header = ['domains', 'partners', 'file MB', 'load ms', 'RSS MB', 'RSS lists only MB', 'heap MB', 'core ns per address', 'load ms of each process']
  const rows = r.scale.map((s) => [
    fmtInt(s.domains),
    fmtInt(s.partners),
    fmt(s.fileMb, 2),
    fmtInt(s.loadMs),
    fmtInt(s.rssMb),
    fmtInt(s.rssBaseListsOnlyMb),
    fmtInt(s.heapUsedMb),
    fmtInt(s.coreNsPerAddress),
    s.processes.map((p) => fmtInt(p.loadMs)).join(' / '),
  ])
  out.push(table(header, rows), '')
  out.push(`Each size in ${SETTINGS.scaleRuns} fresh processes, the sizes in turn; each figure is the median of its processes.`, '')
  return out
}

function mdBatch(r: Results): string[] {
  const b = r.batch
  let line: string
  if (!b) line = '_not measured_'
  else if (!b.available) line = b.status === 404 ? 'batch: endpoint not available (POST /validate-email/batch answered 404).' : `batch: not measured (${b.note ?? `status ${String(b.status)}`}).`
  else line = `${SETTINGS.batchSize} addresses (${fmtInt(b.requestBytes)} bytes) per request, ${b.runsMs.length} requests one after another on one keep-alive connection: median ${fmt(b.medianMs, 2)} ms (min ${fmt(b.minMs, 2)}, max ${fmt(b.maxMs, 2)}); BODY_LIMIT ${b.bodyLimit}; results complete: ${String(b.resultsOk)}.${b.note ? ` Note: ${b.note}.` : ''}`
  return ['## 4. Batch', '', line, '']
}

function mdColdStart(r: Results): string[] {
  const c = r.coldStart
  return [
    '## 5. Cold start',
    '',
    c ? `From spawning \`node ${SERVER_NODE_ARGS.join(' ')} dist/server.js\` (sample registry, LOG_LEVEL=info) to the first 200 from GET /readyz: median ${fmtInt(c.medianMs)} ms (runs: ${c.runsMs.map((x) => fmtInt(x)).join(', ')} ms).` : '_not measured_',
    '',
  ]
}

function mdAudit(r: Results): string[] {
  const a = r.audit
  return [
    '## 6. Audit',
    '',
    a
      ? `\`node dist/audit.js accounts.csv --out report.csv\` over ${fmtInt(a.rows)} rows (${fmt(a.fileMb, 1)} MB: UTF-8 with a BOM, CRLF, the header 会員ID,氏名,会社名,メールアドレス,備考, quoted fields holding commas, doubled quotes and line breaks; addresses at free-mail, disposable and partner domains and at 50,000 company domains, a few with many accounts and a long tail), sample registry; spawn to exit: median ${fmt(a.medianSeconds, 1)} s (runs: ${a.runs.map((x) => fmt(x.seconds, 1)).join(', ')} s); peak RSS ${fmtInt(a.maxPeakRssMb)} MB at most (runs: ${a.runs.map((x) => fmtInt(x.peakRssMb)).join(', ')} MB). The report read back: ${fmtInt(a.rowsIntact)} of ${fmtInt(a.rows)} rows with every input cell as generated, ${a.reportColumns} columns; the command's summary counted ${fmtInt(a.summaryRows)} rows.`
      : '_not measured_',
    '',
  ]
}

function mdErrors(r: Results): string[] {
  const errs = Object.entries(r.errors).filter((x): x is [string, string] => x[1] !== null)
  if (!errs.length) return []
  return ['## Errors', '', ...errs.map(([k, v]) => `- ${k}: ${v.split('\n')[0]}`), '']
}
