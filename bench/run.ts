// `npm run bench`: the service's performance, measured in one run and printed side by side with
// its yardsticks, then written to bench/results/latest.json and latest.md. See bench/README.md.
// This file only chooses the parts (BENCH_PARTS), runs them in order and hands their figures to
// the report; each part lives in a file named for it:
//
//   1. HTTP (http.ts): POST /validate-email against bare Fastify answering the same bytes
//      (autocannon, fresh processes alternating per round, pinned to separate cores), with logging
//      off (the mix, one address) and with production logging against Fastify's own.
//   2. In process (core.ts, child micro.ts): the checking core against validator.js isEmail and
//      deep-email-validator.
//   3. Scale (registry-scale.ts, child scale.ts): partner registries of 10, 10,000 and 1,000,000
//      domains (load, memory, cost).
//   4. Batch (batch.ts): 1,000 addresses in one POST /validate-email/batch.
//   Probes (probes.ts): GET /readyz and single checks while 4 clients send batches flat out.
//   5. Cold start (cold-start.ts): from spawning the server to a 200 from GET /readyz.
//   6. Audit (audit.ts): the email-audit command over a million-row CSV export.
//   Then report.ts: the targets checked, latest.json, latest.md and the summary table.
//
// Servers and measurements each run in a process of their own; everything listens on and talks
// to 127.0.0.1 only. Every loop is bounded and every child is killed on the way out.
import { loadavg } from 'node:os'
import { ADDRESSES } from './addresses.js'
import { auditPart } from './audit.js'
import { batchPart } from './batch.js'
import { coldStart } from './cold-start.js'
import { corePerAddress } from './core.js'
import { fmt, fmtInt } from './format.js'
import { httpMode } from './http.js'
import { killAllChildren } from './lib.js'
import { probesPart } from './probes.js'
import { registryScale } from './registry-scale.js'
import { report, type Errors, type Measured, type PartName } from './report.js'
import { log, PARTS, SETTINGS } from './settings.js'

// Out of time or interrupted: kill what we started, and go.
const watchdog = setTimeout(() => {
  process.stderr.write('bench: still running after 25 minutes; giving up\n')
  killAllChildren()
  process.exit(2)
}, 25 * 60_000)
watchdog.unref()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren()
    process.exit(130)
  })
}

/** Runs one part (when BENCH_PARTS names its group); a failure is recorded and the run goes on. */
async function part<T>(groups: readonly string[], name: PartName, title: string, f: () => Promise<T>, errors: Errors): Promise<T | null> {
  if (!groups.some((g) => PARTS.includes(g))) {
    log(`\n== ${title}: skipped (BENCH_PARTS)`)
    return null
  }
  log(`\n== ${title}`)
  const t0 = Date.now()
  try {
    const r = await f()
    log(`  (${fmt((Date.now() - t0) / 1000, 1)} s)`)
    return r
  } catch (err) {
    errors[name] = (err as Error).message
    log(`  ERROR: ${(err as Error).message}`)
    killAllChildren()
    return null
  }
}

/** Every part in order, each under its BENCH_PARTS group name. */
async function measure(errors: Errors): Promise<Measured> {
  return {
    silent: await part(['http', 'http-silent'], 'httpSilent', 'HTTP, logging off (LOG_LEVEL=silent), the mix: service vs bare Fastify answering the same bytes', () => httpMode('silent'), errors),
    single: await part(['http', 'http-single'], 'httpSingle', 'HTTP, logging off (LOG_LEVEL=silent), one address: service vs bare Fastify answering the same bytes', () => httpMode('single'), errors),
    info: await part(['http', 'http-info'], 'httpInfo', "HTTP, production logging (LOG_LEVEL=info, stdout piped to a sink process): service vs bare Fastify with its default request logging", () => httpMode('info'), errors),
    micro: await part(['micro'], 'micro', 'In process: cost per address (checking core vs validator.js isEmail vs deep-email-validator)', corePerAddress, errors),
    scaled: await part(['scale'], 'scale', 'Scale: generated partner registries', registryScale, errors),
    batched: await part(['batch'], 'batch', `Batch: ${SETTINGS.batchSize} addresses in one POST /validate-email/batch`, batchPart, errors),
    probed: await part(['probes'], 'probes', 'Probes under load: GET /readyz and single checks while 4 clients send batches of 1,000 new domains flat out', probesPart, errors),
    cold: await part(['cold'], 'cold', 'Cold start: spawn → 200 from GET /readyz (sample registry)', coldStart, errors),
    audited: await part(['audit'], 'audit', `Audit: email-audit over a ${fmtInt(SETTINGS.auditRows)}-row CSV export`, auditPart, errors),
  }
}

async function main(): Promise<number> {
  const started = Date.now()
  const errors: Errors = { httpSilent: null, httpSingle: null, httpInfo: null, micro: null, scale: null, batch: null, probes: null, cold: null, audit: null }
  const loadAtStart = loadavg()
  log(`Benchmark of POST /validate-email — ${ADDRESSES.length} addresses in the mix, ${SETTINGS.connections} connections, ${SETTINGS.durationSeconds} s runs × ${SETTINGS.rounds} rounds`)
  return report(await measure(errors), errors, started, loadAtStart)
}

let code = 1
try {
  code = await main()
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`)
} finally {
  killAllChildren()
}
process.exit(code)
