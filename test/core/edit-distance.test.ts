// Optimal string alignment distance, capped.
import t from 'tap'
import { editDistance } from '../../src/core/edit-distance.js'

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
