// Probes and single checks while four clients send batches flat out (issue 22): each batch is
// 1,000 addresses at domains never seen before, the costliest kind (the typo and look-alike
// searches run for each), so the per-domain caches cannot hide the work.
import { Agent } from 'node:http'
import { fmt } from './format.js'
import { httpRequest, median, SERVER_JS, startServer } from './lib.js'
import { log, SERVICE_ENV, SETTINGS } from './settings.js'

export interface ProbeResult {
  seconds: number
  batches: number
  batchMedianMs: number | null
  readyz: { n: number; p50: number | null; p99: number | null; max: number | null }
  single: { n: number; p50: number | null; p99: number | null; max: number | null }
}

const quantile = (xs: number[], q: number): number | null => {
  if (xs.length === 0) return null
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}
const summary = (xs: number[]) => ({ n: xs.length, p50: quantile(xs, 0.5), p99: quantile(xs, 0.99), max: xs.length ? Math.max(...xs) : null })

export async function probesUnderBatches(env: Record<string, string>, seconds: number): Promise<ProbeResult> {
  const server = await startServer({ label: 'service (probes under batches)', script: SERVER_JS, env: { ...env, LOG_LEVEL: 'info' }, listenLine: true, readyPath: '/readyz' })
  const json = { 'content-type': 'application/json', 'accept-language': 'ja' }
  let serial = 0
  const fresh = () => JSON.stringify({ emails: Array.from({ length: 1000 }, () => `taro@new-${serial++}-company.co.jp`) })
  const until = Date.now() + seconds * 1000
  const batchMs: number[] = []
  const readyz: number[] = []
  const single: number[] = []
  try {
    const batchClient = async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      try {
        while (Date.now() < until) {
          const a = await httpRequest(`${server.url}/validate-email/batch`, { method: 'POST', headers: json, body: fresh(), agent, timeoutMs: 30_000 })
          if (a.status !== 200) throw new Error(`batch answered ${a.status}: ${a.body.slice(0, 200)}`)
          batchMs.push(a.ms)
        }
      } finally {
        agent.destroy()
      }
    }
    // One prober, as a load balancer's: a readiness probe and a single check in turn, every 20 ms.
    const prober = async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      try {
        while (Date.now() < until) {
          readyz.push((await httpRequest(`${server.url}/readyz`, { agent })).ms)
          const a = await httpRequest(`${server.url}/validate-email`, { method: 'POST', headers: json, body: '{"email":"taro@acme.co.jp"}', agent })
          if (a.status !== 200) throw new Error(`single check answered ${a.status}`)
          single.push(a.ms)
          await new Promise((r) => setTimeout(r, 20))
        }
      } finally {
        agent.destroy()
      }
    }
    await Promise.all([batchClient(), batchClient(), batchClient(), batchClient(), prober()])
  } finally {
    await server.stop()
  }
  return { seconds, batches: batchMs.length, batchMedianMs: batchMs.length ? median(batchMs) : null, readyz: summary(readyz), single: summary(single) }
}

/** The part as the run shows it: twice a run's duration (at least 10 s) of batches, then the percentiles. */
export async function probesPart(): Promise<ProbeResult> {
  const p = await probesUnderBatches(SERVICE_ENV, Math.max(10, SETTINGS.durationSeconds * 2))
  log(`  ${p.batches} batches (median ${fmt(p.batchMedianMs, 0)} ms); /readyz p99 ${fmt(p.readyz.p99, 1)} ms (max ${fmt(p.readyz.max, 1)}, n ${p.readyz.n}); single check p99 ${fmt(p.single.p99, 1)} ms (max ${fmt(p.single.max, 1)}, n ${p.single.n})`)
  return p
}
