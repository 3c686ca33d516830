// What a run measures and against which targets: read once from the environment (BENCH_*), shared
// by every part and by the report. See bench/README.md for each variable.
import { join } from 'node:path'
import { SAMPLE_PARTNERS_FILE } from '../src/config.js'
import { ROOT } from './lib.js'

const env = process.env
export const PARTS = (env.BENCH_PARTS ?? 'http,micro,scale,batch,probes,cold,audit').split(',').map((s) => s.trim())
/** The HTTP part's run length and rounds when no BENCH_* variable changes them. */
export const HTTP_DEFAULTS = { durationSeconds: 5, rounds: 5 }
export const SETTINGS = {
  connections: 50,
  durationSeconds: Number(env.BENCH_DURATION ?? HTTP_DEFAULTS.durationSeconds),
  warmupSeconds: 2,
  /** HTTP rounds: in each, every server of a mode in a fresh process. */
  rounds: Number(env.BENCH_ROUNDS ?? HTTP_DEFAULTS.rounds),
  /** With logging off, a third server: the reference spinning this many µs of CPU per request. */
  budgetWorkUs: 5,
  registrySizes: (env.BENCH_SIZES ?? '10,10000,1000000').split(',').map(Number),
  /** Fresh processes per registry size, the sizes taken in turn; each figure is their median. */
  scaleRuns: Number(env.BENCH_SCALE_RUNS ?? 3),
  batchSize: 1000,
  batchRequests: 20,
  coldStartRuns: 5,
  auditRows: Number(env.BENCH_AUDIT_ROWS ?? 1_000_000),
  auditRuns: Number(env.BENCH_AUDIT_RUNS ?? 3),
  parts: PARTS,
}
export const TARGETS = {
  probeP99Ms: 100,
  /** Logging off, against bare Fastify answering the same bytes: the mix, and one address. */
  rpsRatioSilent: 0.75,
  rpsRatioSilentSingle: 0.85,
  p99RatioSilent: 1.5,
  /** Production logging, against bare Fastify with its own default request logging. */
  rpsRatioInfo: 0.95,
  scaleCostRatio: 1.1,
  loadSeconds1m: 3,
  rssMb1m: 400,
  batchMs: 20,
  coldStartMs: 500,
  auditSeconds1m: 30,
  auditRssMb1m: 400,
}
export const RESULTS_DIR = join(ROOT, 'bench', 'results')
/** The registry sizes the scale ratio compares. */
export const BIG = 1_000_000
export const SMALL = 10

// The service as production runs it, less the rate limit (which would answer 429 to a load
// generator on one address), with the sample registry.
// The DNS deliverability check stays off (its default), and should anything ask for it anyway,
// its resolver is a closed port on 127.0.0.1: the benchmark sends no traffic off this machine.
export const SERVICE_ENV = {
  RATE_LIMIT_PER_MINUTE: '0',
  PARTNERS_FILE: SAMPLE_PARTNERS_FILE,
  DELIVERABILITY_CHECK: 'false',
  DNS_SERVERS: '127.0.0.1:9',
}

/** Progress goes to stdout as each part runs. */
export const log = (s: string): void => void process.stdout.write(`${s}\n`)
