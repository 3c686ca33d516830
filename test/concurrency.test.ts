import t from 'tap'
import { mapLimit } from '../src/concurrency.js'

t.test('mapLimit keeps the order and runs at most limit at a time', async (t) => {
  let running = 0
  let most = 0
  const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
    running++
    most = Math.max(most, running)
    // Later items finish first: the order of the answers must not follow the order of finishing.
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    for (let i = 0; i < n; i++) await Promise.resolve()
    running--
    return n * 10
  })
  t.same(out, [50, 10, 40, 20, 30])
  t.equal(most, 2)
  t.same(await mapLimit([], 4, async () => 1), [])
})
