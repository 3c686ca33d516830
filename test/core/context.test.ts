// The core's shared helpers: a bounded cache, deep freezing.
import t from 'tap'
import { deepFreeze, remember } from '../../src/core/context.js'

t.test('remember keeps at most max entries, the oldest going first', async (t) => {
  const cache = new Map<string, number>()
  for (let i = 0; i < 5; i++) t.equal(remember(cache, `k${i}`, i, 3), i, 'gives back what it keeps')
  t.same([...cache.keys()], ['k2', 'k3', 'k4'])
})

t.test('deepFreeze freezes every object inside', async (t) => {
  const o = deepFreeze({ a: { b: [1, { c: 2 }] }, d: 'x', e: null })
  t.ok(Object.isFrozen(o) && Object.isFrozen(o.a) && Object.isFrozen(o.a.b) && Object.isFrozen(o.a.b[1]))
})
