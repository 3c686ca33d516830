import { PerformanceObserver } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Histogram, Registry } from 'prom-client'
import t from 'tap'
import { createMetrics, DURATION_BUCKETS, DurationHistogram } from '../src/metrics.js'

// The request-duration histogram is kept in plain numbers; what a scrape shows must be what
// prom-client's own Histogram shows for the same observations.
t.test('the duration histogram scrapes exactly as prom-client’s Histogram would', async (t) => {
  const config = { name: 'd_seconds', help: 'Durations.', buckets: DURATION_BUCKETS }
  const ours = new DurationHistogram(config)
  const oursRegistry = new Registry()
  oursRegistry.registerMetric(ours.metric)
  const theirsRegistry = new Registry()
  const theirs = new Histogram({ ...config, buckets: [...DURATION_BUCKETS], labelNames: ['method', 'route', 'status'], registers: [theirsRegistry] })

  const series = [
    ['GET', '/healthz', '200'],
    ['POST', '/validate-email', '200'],
    ['POST', '/validate-email', '400'],
    ['GET', 'unmatched', '404'],
  ] as const
  // Every bound exactly, just either side of it, zero, and beyond the last bound.
  const edges = DURATION_BUCKETS.flatMap((b) => [b, b * 0.999, b * 1.001])
  const values = [0, ...edges, 3, 60, ...Array.from({ length: 500 }, (_, i) => ((i * 7919) % 1000) / 400)]
  values.forEach((v, i) => {
    const [method, route, status] = series[i % series.length]!
    ours.observe(`${method} ${route} ${status}`, { method, route, status }, v)
    theirs.observe({ method, route, status }, v)
  })
  const text = await oursRegistry.metrics()
  t.equal(text, await theirsRegistry.metrics())
  t.match(text, /d_seconds_bucket\{le="\+Inf",method="GET",route="unmatched",status="404"\} \d+/)
})

t.test('an empty histogram scrapes as its name and help alone, like prom-client’s', async (t) => {
  const config = { name: 'e_seconds', help: 'Nothing yet.', buckets: DURATION_BUCKETS }
  const ours = new Registry()
  ours.registerMetric(new DurationHistogram(config).metric)
  const theirs = new Registry()
  new Histogram({ ...config, buckets: [...DURATION_BUCKETS], labelNames: ['route'], registers: [theirs] })
  t.equal(await ours.metrics(), await theirs.metrics())
})

t.test('the heap kept after a major garbage collection is a metric; minor ones do not set it', async (t) => {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as (o?: { type: 'major' | 'minor' }) => void
  const metrics = createMetrics()
  t.teardown(() => metrics.close())
  const kept = async () => Number(/^nodejs_heap_used_after_major_gc_bytes (\S+)$/m.exec(await metrics.registry.metrics())?.[1])
  // Entries reach the observer after the collection, on a later turn of the event loop.
  const observed = () => new Promise<void>((resolve) => new PerformanceObserver((list, o) => (o.disconnect(), resolve(void list))).observe({ entryTypes: ['gc'] }))
  let seen = observed()
  gc({ type: 'minor' })
  await seen
  await new Promise((resolve) => setImmediate(resolve))
  t.equal(await kept(), 0, 'a minor collection leaves it unset')
  seen = observed()
  gc()
  await seen
  await new Promise((resolve) => setImmediate(resolve))
  t.ok((await kept()) > 1_000_000, 'a major one sets it to the heap in use')
})
