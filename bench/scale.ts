// Scale part, one registry size per process (node --expose-gc build/bench/scale.js <file>
// <size> <probes-json>), so that each memory figure is that of a fresh process holding only
// that registry: load time, memory after load, and the core's cost per address with it.
// Prints one JSON object on stdout. Given a URL instead of a file, the registry is fetched as
// PARTNERS_URL fetches it (src/io/registry-source.ts), then asked for again (a 304).
import { checkEmail, type CheckContext } from '../src/core/check.js'
import { loadBaseLists } from '../src/io/lists.js'
import { loadRegistryFile } from '../src/io/registry-file.js'
import { RegistryStore } from '../src/io/registry-store.js'
import { urlSource } from '../src/io/registry-source.js'
import { ADDRESSES, type BenchAddress } from './addresses.js'
import { productionCheckOptions } from './context.js'
import { SyncBench } from './lib.js'

const [file, sizeArg, probesArg] = process.argv.slice(2)
if (!file || !sizeArg || !probesArg) throw new Error('usage: scale.js <registry file> <size> <probes json>')
const gc = (globalThis as { gc?: () => void }).gc
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6
const mb = (bytes: number): number => bytes / (1024 * 1024)

const rssBeforeMb = mb(process.memoryUsage().rss)
let t0 = process.hrtime.bigint()
const lists = await loadBaseLists()
const baseListsMs = ms(t0)
gc?.()
const rssListsMb = mb(process.memoryUsage().rss)

t0 = process.hrtime.bigint()
const overUrl = /^https?:/.test(file)
const store = overUrl ? await RegistryStore.open(urlSource(new URL(file), { timeoutMs: 300_000 }), lists) : null
const registry = store ? store.current : await loadRegistryFile(file, lists)
const loadMs = ms(t0)
// The highest RSS the process reached, the load's peak included (Linux reports it in KiB).
const peakRssMb = process.resourceUsage().maxRSS / 1024
let notModifiedMs: number | null = null
if (store) {
  t0 = process.hrtime.bigint()
  let polled: boolean | null = null
  store.once('poll', (changed) => (polled = changed))
  await store.reload('url poll')
  if (polled !== false) throw new Error('the second request was not answered 304')
  notModifiedMs = ms(t0)
}
gc?.()
gc?.()
const mem = process.memoryUsage()

const ctx: CheckContext = { lists, registry, options: productionCheckOptions() }
const probes = (JSON.parse(probesArg) as string[]).map((email): BenchAddress => ({ email, lang: 'ja', category: 'partner', expect: 'ACCEPTED' }))
const set = [...ADDRESSES, ...probes]
const probesAccepted = probes.filter((p) => checkEmail(p.email, ctx, p.lang).accepted).length

const bench = new SyncBench(() => {
  let s = 0
  for (const x of set) s += checkEmail(x.email, ctx, x.lang).reasons.length
  return s
}, set.length, { warmupMs: 400, roundMs: 250, rounds: Number(process.env.BENCH_SCALE_ROUNDS ?? 9) })
const timing = bench.run()

process.stdout.write(
  `${JSON.stringify({
    size: Number(sizeArg),
    partners: registry.partners.length,
    domains: registry.domainCount,
    baseListsMs,
    loadMs,
    rssBeforeMb,
    rssListsMb,
    rssMb: mb(mem.rss),
    peakRssMb,
    overUrl,
    notModifiedMs,
    heapUsedMb: mb(mem.heapUsed),
    addresses: set.length,
    probesAccepted,
    probes: probes.length,
    core: timing,
    sink: bench.sink,
  })}\n`,
)
