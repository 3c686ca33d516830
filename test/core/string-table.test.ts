import t from 'tap'
import { StringTable } from '../../src/core/string-table.js'

t.test('StringTable: keys by the whole string or by its tail, growing as it fills', async (t) => {
  const table = new StringTable<number>()
  const keys = Array.from({ length: 1000 }, (_, i) => `k${i}.example.jp`)
  t.same(
    keys.map((k, i) => table.add(k, i)),
    keys.map(() => -1),
    'each key is new once',
  )
  t.equal(table.add('k7.example.jp', 99), 7, 'a key added again gives its index and keeps its value')
  table.set('k8.example.jp', 80)
  table.set('new.example.jp', 5)
  t.same(
    keys.map((k) => table.get(k)),
    keys.map((_, i) => (i === 8 ? 80 : i)),
    'every key is found after the table grew',
  )
  t.equal(table.size, 1001)
  t.equal(table.get('new.example.jp'), 5)
  t.equal(table.get('www.k5.example.jp', 4), 5, 'the tail of a longer string')
  t.equal(table.has('www.k5.example.jp'), false)
  t.equal(table.get('k5.example.j'), undefined)
  // These two hash alike (found by search): looking one up meets the other first.
  const alike = new StringTable<string>()
  alike.add('k32728.jp', 'a')
  alike.add('k261234.jp', 'b')
  t.equal(alike.get('k261234.jp'), 'b')
  t.equal(alike.get('k32728.jp'), 'a')
})

t.test('a filtered table gives the answers of an unfiltered one; warming keys changes nothing and gives their hashes', async (t) => {
  const plain = new StringTable<number>(500)
  const filtered = new StringTable<number>(500, { filtered: true })
  // More keys than either was sized for: both grow, the filter keeps its size.
  const keys = Array.from({ length: 2000 }, (_, i) => `k${i % 1500}.example.jp`)
  filtered.warm(keys.slice(0, 10))
  const hashes = filtered.warm(keys)
  t.same(
    keys.map((k, i) => filtered.add(k, i, hashes[i])),
    keys.map((k, i) => plain.add(k, i)),
  )
  const probes = [...keys, ...keys.map((k) => `www.${k}`), ...keys.map((k) => `x${k}`)]
  t.same(
    probes.map((k) => [filtered.get(k), filtered.get(k, 4), filtered.has(k)]),
    probes.map((k) => [plain.get(k), plain.get(k, 4), plain.has(k)]),
  )
  t.equal(filtered.get('www.k5.example.jp', 4), 5)
  t.equal(filtered.has('nothing.example.jp'), false)
})

t.test('keys as long as each other that hash alike are told apart; the first key can be set again', async (t) => {
  for (const filtered of [false, true]) {
    // FNV-1a gives these two the same hash (found by search), so hashOf does too.
    const alike = new StringTable<string>(4, { filtered })
    alike.add('p1uzx.co.jp', 'a')
    alike.add('pc2ad.co.jp', 'b')
    t.equal(alike.get('pc2ad.co.jp'), 'b')
    t.equal(alike.get('p1uzx.co.jp'), 'a')
    t.equal(alike.has('pc2ae.co.jp'), false)
    t.equal(alike.get('www.pc2ad.co.jp', 4), 'b')
    alike.set('p1uzx.co.jp', 'c')
    t.equal(alike.get('p1uzx.co.jp'), 'c', `the first key's value replaced (filtered: ${filtered})`)
  }
})
