// Part 4, batch: 1,000 addresses of the mix in one POST /validate-email/batch, against the service
// with production logging: 5 warm-up requests, then 20 one after another on one keep-alive
// connection. A 413 at the default BODY_LIMIT is reported and measured again with a larger one.
import { Agent } from 'node:http'
import { ADDRESSES } from './addresses.js'
import { fmt } from './format.js'
import { httpRequest, median, SERVER_JS, startServer } from './lib.js'
import { log, SERVICE_ENV, SETTINGS } from './settings.js'

export interface BatchResult {
  available: boolean
  /** Status of the first request (404: the endpoint does not exist yet). */
  status: number | null
  bodyLimit: string
  note: string | null
  resultsOk: boolean | null
  requestBytes: number
  runsMs: number[]
  medianMs: number | null
  minMs: number | null
  maxMs: number | null
}

/** The part as the run shows it: the measurement, then its figures on one line. */
export async function batchPart(): Promise<BatchResult> {
  const b = await batch()
  if (!b.available && b.status === 404) log('  batch: endpoint not available')
  else if (b.medianMs !== null) log(`  median ${fmt(b.medianMs, 2)} ms over ${b.runsMs.length} requests (min ${fmt(b.minMs, 2)}, max ${fmt(b.maxMs, 2)})`)
  if (b.note) log(`  note: ${b.note}`)
  return b
}

async function batch(): Promise<BatchResult> {
  const emails = Array.from({ length: SETTINGS.batchSize }, (_, i) => ADDRESSES[i % ADDRESSES.length]!.email)
  const body = JSON.stringify({ emails })
  const headers = { 'content-type': 'application/json', 'accept-language': 'ja' }
  const result: BatchResult = {
    available: false,
    status: null,
    bodyLimit: 'default',
    note: null,
    resultsOk: null,
    requestBytes: Buffer.byteLength(body),
    runsMs: [],
    medianMs: null,
    minMs: null,
    maxMs: null,
  }
  const notes: string[] = []
  // At most two servers: the configuration as shipped, then (only after a 413) a larger BODY_LIMIT.
  for (const bodyLimit of [null, String(4 * 2 ** 20)]) {
    const server = await startServer({
      label: 'service (batch)',
      script: SERVER_JS,
      env: { ...SERVICE_ENV, LOG_LEVEL: 'info', ...(bodyLimit ? { BODY_LIMIT: bodyLimit } : {}) },
      listenLine: true,
      readyPath: '/readyz',
    })
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const url = `${server.url}/validate-email/batch`
      const post = () => httpRequest(url, { method: 'POST', headers, body, agent, timeoutMs: 10_000 })
      const first = await post()
      result.status = first.status
      result.bodyLimit = bodyLimit ?? 'default'
      if (first.status === 404) {
        notes.push('endpoint not available (404)')
        break
      }
      if (first.status === 413 && !bodyLimit) {
        notes.push(`413 with the default BODY_LIMIT for a ${result.requestBytes}-byte body; measured again with BODY_LIMIT=${4 * 2 ** 20}`)
        continue
      }
      if (first.status !== 200) {
        notes.push(`answered ${first.status}: ${first.body.slice(0, 200)}`)
        break
      }
      result.available = true
      result.resultsOk = resultsComplete(first.body)
      for (let i = 0; i < 5; i++) await post()
      for (let i = 0; i < SETTINGS.batchRequests; i++) {
        const a = await post()
        if (a.status !== 200) throw new Error(`batch answered ${a.status} during the runs`)
        result.runsMs.push(a.ms)
      }
      result.medianMs = median(result.runsMs)
      result.minMs = Math.min(...result.runsMs)
      result.maxMs = Math.max(...result.runsMs)
      break
    } finally {
      agent.destroy()
      await server.stop()
    }
  }
  result.note = notes.length ? notes.join('; ') : null
  return result
}

/** One result per address sent. */
function resultsComplete(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { results?: unknown }
    return Array.isArray(parsed.results) && parsed.results.length === SETTINGS.batchSize
  } catch {
    return false
  }
}
