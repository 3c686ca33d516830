// Optimal string alignment distance, capped.
import fc from 'fast-check'
import t from 'tap'
import { editDistance } from '../../src/core/edit-distance.js'
import { seed } from '../support/seed.js'

t.test('each kind of edit counts one; a swap of neighbours is one edit', async (t) => {
  t.equal(editDistance('abc', 'abc', 3), 0)
  t.equal(editDistance('abc', 'abd', 3), 1, 'a substitution')
  t.equal(editDistance('abc', 'abcd', 3), 1, 'an insertion')
  t.equal(editDistance('abcd', 'abc', 3), 1, 'a deletion')
  t.equal(editDistance('abcd', 'abdc', 3), 1, 'a swap of neighbours')
  t.equal(editDistance('ca', 'abc', 3), 3, 'optimal string alignment: no edit of a swapped pair')
  t.equal(editDistance('', 'abc', 3), 3)
  t.equal(editDistance('kitten', 'sitting', 5), 3)
  t.equal(editDistance('xb', 'b', 3), 1, 'a deletion at the start: the first column counts one a row')
  t.equal(editDistance('ax', 'ya', 3), 2, 'a swap needs both pairs to match: a shifted letter is no swap')
  t.equal(editDistance('xa', 'ay', 3), 2)
})

t.test('lengths further apart than the cap answer cap + 1 at once', async (t) => {
  t.equal(editDistance('a', 'abcd', 1), 2)
  t.equal(editDistance('a', 'abcd', 2), 3)
  t.equal(editDistance('abcd', 'a', 3), 3, 'within the cap: the distance itself')
})

t.test('editDistance is the optimal string alignment distance whenever the lengths are within the cap', async (t) => {
  // The plain recursive definition: delete, insert, replace, or swap two neighbours.
  const osa = (a: string, b: string): number => {
    const memo = new Map<string, number>()
    const go = (i: number, j: number): number => {
      if (i === 0) return j
      if (j === 0) return i
      const k = `${i},${j}`
      const known = memo.get(k)
      if (known !== undefined) return known
      let d = Math.min(go(i - 1, j) + 1, go(i, j - 1) + 1, go(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, go(i - 2, j - 2) + 1)
      memo.set(k, d)
      return d
    }
    return go(a.length, b.length)
  }
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 })
  fc.assert(
    fc.property(word, word, fc.integer({ min: 0, max: 8 }), (a, b, cap) =>
      Math.abs(a.length - b.length) > cap ? editDistance(a, b, cap) === cap + 1 : editDistance(a, b, cap) === osa(a, b),
    ),
    { numRuns: 3000, seed },
  )
  t.equal(editDistance('ab', 'ba', 2), 1, 'a swap is one edit')
  t.equal(editDistance('abc', 'ca', 3), 3, 'no edit inside a swapped pair')
  t.equal(editDistance('', 'abc', 3), 3)
  t.equal(editDistance('abc', '', 3), 3)
})
