import t from 'tap'
import { AddressBudget, mapInSlices } from '../src/budget.js'

t.test('a window charges amounts up to the limit, refuses a charge that would pass it whole, and starts again when it ends', async (t) => {
  let now = 1_000_000
  const b = new AddressBudget(10, 60_000, () => now)
  t.match(b.charge('a', 4), { ok: true, remaining: 6, retryAfter: 60 })
  t.match(b.charge('a', 6), { ok: true, remaining: 0 })
  t.match(b.charge('a', 1), { ok: false, remaining: 0 }, 'over the limit')
  t.match(b.charge('b', 10), { ok: true }, 'another client has its own window')
  now += 30_000
  t.match(b.charge('a', 1), { ok: false, retryAfter: 30 }, 'Retry-After says when the window ends')
  now += 30_000
  t.match(b.charge('a', 7), { ok: true, remaining: 3 }, 'a new window')
  const c = new AddressBudget(10, 60_000, () => now)
  t.match(c.charge('a', 8), { ok: true })
  t.match(c.charge('a', 5), { ok: false, remaining: 2 }, 'a refused charge charges nothing')
  t.match(c.charge('a', 2), { ok: true, remaining: 0 })
  t.match(c.charge('x', 11), { ok: false, remaining: 10 }, 'more than the limit is never allowed')
})

t.test('the clients kept are bounded: ended windows are swept, then the oldest go', async (t) => {
  let now = 0
  const b = new AddressBudget(5, 1000, () => now)
  for (let i = 0; i < 100_000; i++) b.charge(`old-${i}`, 1)
  t.equal(b.clients, 100_000)
  now = 2000
  b.charge('new', 1)
  t.equal(b.clients, 1, 'every ended window swept')
  let most = 0
  for (let i = 0; i < 300_000; i++) {
    b.charge(`flood-${i}`, 1)
    most = Math.max(most, b.clients)
  }
  t.equal(most, 100_000, 'never more than the bound')
  t.ok(b.clients >= 90_000, 'the most recent nine tenths at least are kept')
  t.match(b.charge('flood-299999', 5), { ok: false }, 'the newest are kept')
  t.equal(b.charge('flood-0', 5).ok, true, 'the oldest went')
})

t.test('mapInSlices maps in order and gives the event loop back during long work', async (t) => {
  t.same(await mapInSlices([1, 2, 3], (x) => x * 2), [2, 4, 6])
  t.same(await mapInSlices([], (x: number) => x), [])
  // A timer due now must run before a long map ends: the map yields between slices.
  let ranDuring = false
  let done = false
  setImmediate(() => {
    if (!done) ranDuring = true
  })
  const busy = (x: number) => {
    const until = performance.now() + 0.2
    while (performance.now() < until);
    return x
  }
  const out = await mapInSlices(Array.from({ length: 400 }, (_, i) => i), busy, 5)
  done = true
  t.equal(out.length, 400)
  t.equal(out[399], 399)
  t.ok(ranDuring, 'an event queued meanwhile ran before the map ended')
})
