// Prometheus metrics, through prom-client, in a registry of the app's own (tests build many
// apps in one process; a global registry would mix them up).
import { constants, PerformanceObserver } from 'node:perf_hooks'
import { getHeapStatistics } from 'node:v8'
import { collectDefaultMetrics, Counter, Gauge, Registry, type CounterConfiguration, type LabelValues, type Metric } from 'prom-client'
import type { CompiledRegistry } from './core/registry-schema.js'
import { REASON_CODES } from './core/messages.js'
import type { LoadResult } from './io/registry-store.js'
import type { Verdict } from './schemas.js'

export interface Metrics {
  registry: Registry
  /** Counts DNS lookups of the deliverability check, read when scraped. */
  watchDnsLookups(count: () => number): void
  /** Counts the server's open connections, read when scraped. */
  watchConnections(count: () => Promise<number>): void
  request(method: string, route: string, status: number, seconds: number): void
  verdict(verdict: Verdict): void
  registryLoad(result: LoadResult, current: CompiledRegistry): void
  /** Stops watching the garbage collector (the app is closing). */
  close(): void
}

export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  const labels = ['method', 'route', 'status'] as const
  const requests = tally({ name: 'http_requests_total', help: 'HTTP requests answered, by method, route and status.', labelNames: labels, registers })
  const duration = new DurationHistogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route and status.',
    buckets: DURATION_BUCKETS,
  })
  registry.registerMetric(duration.metric)
  const verdicts = tally({ name: 'email_verdicts_total', help: 'Verdicts given, by result (accepted or refused).', labelNames: ['result'], registers })
  const reasons = tally({ name: 'email_verdict_reasons_total', help: 'Reasons given in verdicts, by reason code.', labelNames: ['code'], registers })
  for (const code of REASON_CODES) reasons.counter.inc({ code }, 0)
  for (const result of ['accepted', 'refused']) verdicts.counter.inc({ result }, 0)
  const partners = new Gauge({ name: 'partner_registry_partners', help: 'Partners in the registry that is serving.', registers })
  const domains = new Gauge({ name: 'partner_registry_domains', help: 'Partner domains in the registry that is serving.', registers })
  const loads = new Counter({
    name: 'partner_registry_loads_total',
    help: 'Registry loads, by result: success (swapped in), unchanged (same content), failure (the previous registry still serves).',
    labelNames: ['result'],
    registers,
  })
  for (const result of ['success', 'unchanged', 'failure']) loads.inc({ result }, 0)
  const lastLoad = new Gauge({ name: 'partner_registry_last_load_timestamp_seconds', help: 'When the registry was last loaded or tried.', registers })
  const lastOk = new Gauge({ name: 'partner_registry_last_load_success', help: '1 when the last load succeeded, 0 when it failed and the previous registry still serves.', registers })
  const lastDuration = new Gauge({ name: 'partner_registry_last_load_duration_seconds', help: 'How long the last registry load took.', registers })
  const servingSince = new Gauge({ name: 'partner_registry_serving_since_timestamp_seconds', help: 'When the registry that is serving was loaded.', registers })

  // The heap just after each major collection: what the process really keeps. Resident memory
  // saws up and down by hundreds of MB between collections; this rises only with a leak.
  const keptHeap = new Gauge({
    name: 'nodejs_heap_used_after_major_gc_bytes',
    help: 'V8 heap in use just after the last major garbage collection; a rise over time is a leak. 0 until the first one.',
    registers,
  })
  const gc = new PerformanceObserver((list) => {
    if (list.getEntries().some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) keptHeap.set(getHeapStatistics().used_heap_size)
  })
  gc.observe({ entryTypes: ['gc'] })

  return {
    registry,
    close() {
      gc.disconnect()
    },
    watchDnsLookups(count) {
      new Gauge({
        name: 'deliverability_dns_lookups',
        help: 'Domains looked up in DNS by the deliverability check since start (cached and shared lookups not counted).',
        registers,
        collect() {
          this.set(count())
        },
      })
    },
    watchConnections(count) {
      new Gauge({
        name: 'http_open_connections',
        help: 'TCP connections open to the service (idle keep-alive ones included); at most MAX_CONNECTIONS.',
        registers,
        async collect() {
          this.set(await count())
        },
      })
    },
    request(method, route, status, seconds) {
      const key = `${method} ${route} ${status}`
      const l = requests.add(key, { method, route, status: String(status) })
      duration.observe(key, l, seconds)
    },
    verdict(v) {
      const result = v.accepted ? 'accepted' : 'refused'
      verdicts.add(result, { result })
      for (const r of v.reasons) reasons.add(r.code, { code: r.code })
    },
    registryLoad(result, current) {
      loads.inc({ result: !result.ok ? 'failure' : result.unchanged ? 'unchanged' : 'success' })
      lastLoad.set(result.at.getTime() / 1000)
      lastOk.set(result.ok ? 1 : 0)
      lastDuration.set(result.durationMs / 1000)
      if (result.ok && !result.unchanged) servingSince.set(result.at.getTime() / 1000)
      partners.set(current.partners.length)
      domains.set(current.domainCount)
    },
  }
}

/**
 * A counter counted in plain numbers on the request path and handed to prom-client when
 * scraped: prom-client hashes the labels on every increment, and a verdict makes several.
 * `key` stands for the labels; the label sets are few (routes, statuses, reason codes).
 */
function tally<L extends string>(config: CounterConfiguration<L>): { counter: Counter<L>; add(key: string, labels: LabelValues<L>): LabelValues<L> } {
  const pending = new Map<string, { labels: LabelValues<L>; n: number }>()
  const counter = new Counter<L>({
    ...config,
    collect() {
      for (const p of pending.values()) {
        if (p.n === 0) continue
        this.inc(p.labels, p.n)
        p.n = 0
      }
    },
  })
  return {
    counter,
    /** Counts one for `key`; returns the labels kept for it (the first ones given). */
    add(key, labels) {
      const p = pending.get(key)
      if (p) {
        p.n++
        return p.labels
      }
      pending.set(key, { labels, n: 1 })
      return labels
    },
  }
}

export const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

/**
 * A histogram observed in plain numbers and read by prom-client when scraped, in the very form
 * its own Histogram gives (test/metrics.test.ts compares them): prom-client's `observe` hashes
 * the labels and checks them on every call, which cost a few µs on each request. Like the
 * tallies, `key` stands for the labels.
 */
export class DurationHistogram {
  readonly #series = new Map<string, { labels: LabelValues<string>; counts: number[]; sum: number; count: number }>()
  readonly metric: Metric

  constructor(private readonly config: { name: string; help: string; buckets: readonly number[] }) {
    const { name, help } = config
    // What a prom-client registry reads of a metric: its name, help, type and values.
    this.metric = { name, help, type: 'histogram', aggregator: 'sum', get: () => this.#values() } as unknown as Metric
  }

  observe(key: string, labels: LabelValues<string>, seconds: number): void {
    let s = this.#series.get(key)
    if (!s) this.#series.set(key, (s = { labels, counts: new Array<number>(this.config.buckets.length).fill(0), sum: 0, count: 0 }))
    const { buckets } = this.config
    let i = 0
    while (i < buckets.length && seconds > buckets[i]!) i++
    if (i < buckets.length) s.counts[i]!++
    s.sum += seconds
    s.count++
  }

  #values() {
    const { name, help, buckets } = this.config
    const values: { metricName: string; labels: LabelValues<string>; value: number }[] = []
    for (const { labels, counts, sum, count } of this.#series.values()) {
      let cumulative = 0
      buckets.forEach((le, i) => {
        cumulative += counts[i]!
        values.push({ metricName: `${name}_bucket`, labels: { le, ...labels }, value: cumulative })
      })
      values.push({ metricName: `${name}_bucket`, labels: { le: '+Inf', ...labels }, value: count })
      values.push({ metricName: `${name}_sum`, labels, value: sum })
      values.push({ metricName: `${name}_count`, labels, value: count })
    }
    return { name, help, type: 'histogram', values, aggregator: 'sum' }
  }
}
