// Part 3, registry scale: generated partner registries of 10, 10,000 and 1,000,000 domains
// (bench/registry-gen.ts), each loaded and measured in fresh processes (bench/scale.ts), the
// sizes taken in turn; then the largest once more over HTTP (PARTNERS_URL, bench/registry-publisher.ts).
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fmt, fmtInt } from './format.js'
import { benchFile, median, runJsonChild, startServer, type Timing } from './lib.js'
import { generateRegistry } from './registry-gen.js'
import { log, SETTINGS } from './settings.js'

/** What one bench/scale.ts process prints. */
interface ScaleChild {
  size: number
  partners: number
  domains: number
  baseListsMs: number
  loadMs: number
  rssBeforeMb: number
  rssListsMb: number
  rssMb: number
  /** The process's highest RSS, the load's peak included. */
  peakRssMb: number
  overUrl: boolean
  /** With a URL: the second request, answered 304. */
  notModifiedMs: number | null
  heapUsedMb: number
  addresses: number
  probesAccepted: number
  probes: number
  core: Timing
}
/** The median of each figure over a size's processes; `runs` keeps every process's own. */
export type ScaleResult = ScaleChild & { fileMb: number; runs: { loadMs: number; rssMb: number; coreNsPerOp: number }[]; viaUrl?: ScaleChild[] }

interface SizeFile {
  size: number
  file: string
  probes: string
  fileMb: number
  runs: ScaleChild[]
}

/** The run whose `key` is the median (the lower middle one for an even count). */
const medianBy = <T>(xs: readonly T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor((xs.length - 1) / 2)]!

export async function registryScale(): Promise<ScaleResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'email-prevalidation-bench-'))
  try {
    const sizes = SETTINGS.registrySizes.map((size) => writeRegistry(dir, size))
    // The sizes in turn, so that the 1,000,000 / 10 comparison sees the same phases of the machine.
    for (let run = 0; run < SETTINGS.scaleRuns; run++) {
      for (const s of sizes) {
        const r = await runJsonChild<ScaleChild>(['--expose-gc', benchFile('scale.js'), s.file, String(s.size), s.probes], 300_000)
        s.runs.push(r)
        log(
          `  ${fmtInt(s.size).padStart(9)} domains (${fmt(s.fileMb, 1)} MB file), process ${run + 1}: load ${fmt(r.loadMs, 0)} ms, RSS ${fmt(r.rssMb, 0)} MB, heap ${fmt(r.heapUsedMb, 0)} MB, core ${fmt(r.core.nsPerOp, 0)} ns/address, probes accepted ${r.probesAccepted}/${r.probes}`,
        )
      }
    }
    const viaUrl = await largestOverHttp(sizes.at(-1)!)
    return sizes.map(({ fileMb, runs }, i) => ({
      ...(i === sizes.length - 1 ? { viaUrl } : {}),
      ...medianBy(runs, (r) => r.loadMs),
      loadMs: median(runs.map((r) => r.loadMs)),
      rssMb: median(runs.map((r) => r.rssMb)),
      heapUsedMb: median(runs.map((r) => r.heapUsedMb)),
      core: medianBy(runs, (r) => r.core.nsPerOp).core,
      fileMb,
      runs: runs.map((r) => ({ loadMs: r.loadMs, rssMb: r.rssMb, coreNsPerOp: r.core.nsPerOp })),
    }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A generated registry written and synced, so that no write-back of 85 MB runs beside a load. */
function writeRegistry(dir: string, size: number): SizeFile {
  const gen = generateRegistry(size)
  const file = join(dir, `partners-${size}.json`)
  writeFileSync(file, JSON.stringify(gen.registry))
  const fd = openSync(file, 'r')
  fsyncSync(fd)
  closeSync(fd)
  return { size, file, probes: JSON.stringify(gen.probes), fileMb: statSync(file).size / 2 ** 20, runs: [] }
}

/** The largest registry once more, fetched over HTTP from a publisher in its own process (PARTNERS_URL). */
async function largestOverHttp(largest: SizeFile): Promise<ScaleChild[]> {
  const viaUrl: ScaleChild[] = []
  const publisher = await startServer({ label: 'registry publisher', script: benchFile('registry-publisher.js'), env: { BENCH_REGISTRY_FILE: largest.file }, listenLine: true })
  try {
    for (let run = 0; run < SETTINGS.scaleRuns; run++) {
      const r = await runJsonChild<ScaleChild>(['--expose-gc', benchFile('scale.js'), `${publisher.url}/partners.json`, String(largest.size), largest.probes], 300_000)
      viaUrl.push(r)
      log(`  ${fmtInt(largest.size).padStart(9)} domains over HTTP, process ${run + 1}: load ${fmt(r.loadMs, 0)} ms, RSS ${fmt(r.rssMb, 0)} MB (peak ${fmt(r.peakRssMb, 0)} MB), then a 304 in ${fmt(r.notModifiedMs ?? NaN, 1)} ms`)
    }
  } finally {
    await publisher.stop()
  }
  return viaUrl
}
