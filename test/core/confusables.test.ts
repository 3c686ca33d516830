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

t.test('every dash look-alike, on either side of a Latin letter or digit', async (t) => {
  for (const dash of ['ー', 'ｰ', '一', '‐', '‑', '‒', '–', '—', '―', '−', '⁃', '﹘', '﹣', '⸺', '⸻']) {
    t.equal(dashLookalike(`abc${dash}def.jp`), 'abc-def.jp', `${dash} between letters`)
    t.equal(dashLookalike(`${dash}1.jp`), '-1.jp', `${dash} before a digit`)
    t.equal(dashLookalike(`x${dash}`), 'x-', `${dash} after a letter`)
  }
  t.equal(dashLookalike('abc・def.jp'), null, 'a middle dot is no dash')
})

t.test('the allowed mixes of scripts, and characters that belong to several', async (t) => {
  t.equal(isHighlyRestrictive('abc漢字ひらカタ'), true, 'Japanese: Latin, Han, Hiragana, Katakana')
  t.equal(isHighlyRestrictive('abc漢字ㄅㄆ'), true, 'Chinese: Latin, Han, Bopomofo')
  t.equal(isHighlyRestrictive('abc漢字한국'), true, 'Korean: Latin, Han, Hangul')
  t.equal(isHighlyRestrictive('ひらㄅ'), false, 'Hiragana with Bopomofo is no allowed mix')
  t.equal(isHighlyRestrictive('カタ한'), false, 'Katakana with Hangul is no allowed mix')
  t.equal(isHighlyRestrictive('ひらがなー'), true, 'the long-vowel mark is kana: with Hiragana')
  t.equal(isHighlyRestrictive('カタカナー'), true, 'and with Katakana')
  t.equal(isHighlyRestrictive('ᚠᚡ'), true, 'a script the list does not name is still one script')
  t.equal(isHighlyRestrictive('aᚠ'), false)
  t.equal(isHighlyRestrictive('\u060cب'), true, 'a character of several scripts, one of them the label’s')
  t.equal(isHighlyRestrictive('abc、漢'), true, 'a character of several scripts, one of them in the mix')
})
