// UTS #39 on its own: restriction levels, skeletons over the prototypes given, dash look-alikes.
import t from 'tap'
import { dashLookalike, isHighlyRestrictive, skeleton } from '../../src/core/confusables.js'
import { loadPrototypes } from '../../src/io/packaged-data.js'

t.test('confusables: restriction level, skeletons and dash look-alikes', async (t) => {
  t.equal(isHighlyRestrictive('acme株式会社'), true)
  t.equal(isHighlyRestrictive('gm\u0430il'), false)
  t.equal(isHighlyRestrictive('abcαβγ'), false)
  t.equal(isHighlyRestrictive('한국abc漢字'), true)
  t.equal(isHighlyRestrictive('123-456'), true)
  t.equal(skeleton('p\u0430yp\u0430l', loadPrototypes()), skeleton('paypal', loadPrototypes()))
  t.equal(dashLookalike('コーヒー'), null, 'a long-vowel mark inside Japanese is a long-vowel mark')
  t.equal(dashLookalike('abc\u2010def'), 'abc-def')
})

t.test('a skeleton maps only through the prototypes it is given', async (t) => {
  t.equal(skeleton('p\u0430ypal', {}), 'p\u0430ypal', 'no prototypes: the text itself, in NFD')
  t.equal(skeleton('p\u0430ypal', { '\u0430': 'a' }), 'paypal')
  t.equal(skeleton('e\u0301', {}), 'e\u0301', 'decomposed first')
})
