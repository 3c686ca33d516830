// The did-you-mean index on its own, over targets given here: distances, limits, preference.
import fc from 'fast-check'
import t from 'tap'
import { editDistance } from '../../src/core/edit-distance.js'
import { TypoIndex } from '../../src/core/typos.js'
import { seed } from '../support/seed.js'

t.test('one and two edits from a long target, each kind of edit', async (t) => {
  const index = new TypoIndex(['example.com', 'outlook.jp'], 2)
  t.same(index.closest('exmple.com'), { target: 'example.com', distance: 1 }, 'a letter left out')
  t.same(index.closest('examplle.com'), { target: 'example.com', distance: 1 }, 'a letter doubled')
  t.same(index.closest('exanple.com'), { target: 'example.com', distance: 1 }, 'a letter replaced')
  t.same(index.closest('exmaple.com'), { target: 'example.com', distance: 1 }, 'two letters swapped: one edit')
  t.same(index.closest('exmpl.com'), { target: 'example.com', distance: 2 }, 'two letters left out')
  t.same(index.closest('eaxmplle.com'), { target: 'example.com', distance: 2 }, 'a swap and a doubled letter')
  t.same(index.closest('outlok.j'), { target: 'outlook.jp', distance: 2 }, 'two left out of a ten-letter target')
  t.same(index.closest('outlook.jpxx'), { target: 'outlook.jp', distance: 2 }, 'two added')
  t.equal(index.closest('exmpl.co'), null, 'three edits')
  t.equal(index.closest('outlook.jpxxx'), null, 'three added')
})

t.test('a word of fewer than eight characters, or a target of fewer than eight, allows one edit only', async (t) => {
  const index = new TypoIndex(['yahoo.jp', 'nifty.com'], 2)
  t.same(index.closest('yaho.jp'), { target: 'yahoo.jp', distance: 1 }, 'seven characters, one edit')
  t.equal(index.closest('yah.jp'), null, 'six characters, two edits')
  t.same(index.closest('nifty.cmo'), { target: 'nifty.com', distance: 1 })
  t.same(index.closest('nfity.co'), { target: 'nifty.com', distance: 2 }, 'eight characters, nine-letter target: two edits')
  t.same(index.closest('yahooo.jpp'), { target: 'yahoo.jp', distance: 2 }, 'a ten-character word, an eight-letter target')
  const short = new TypoIndex(['mail.jp'], 2)
  t.equal(short.closest('maiil.jpp'), null, 'a target of seven characters is never two edits away')
  t.same(short.closest('maiil.jp'), { target: 'mail.jp', distance: 1 })
  t.equal(new TypoIndex(['a.b'], 2).closest('a.bc'), null, 'targets under four characters are never suggested')
  t.same(new TypoIndex(['a.bc'], 2).closest('a.bcd'), { target: 'a.bc', distance: 1 }, 'four characters may be')
})

t.test('an index of distance one finds one edit only, whatever the length', async (t) => {
  const index = new TypoIndex(['example.com'], 1)
  t.equal(index.maxDistance, 1)
  t.same(index.closest('exmple.com'), { target: 'example.com', distance: 1 })
  t.equal(index.closest('exmpl.com'), null)
})

t.test('among equally close targets the first given wins; a closer one wins over order', async (t) => {
  // hotmail.cm is one edit from each of hotmail.com and hotmail.co.
  t.same(new TypoIndex(['hotmail.com', 'hotmail.co'], 2).closest('hotmail.cm'), { target: 'hotmail.com', distance: 1 }, 'the first given')
  t.same(new TypoIndex(['hotmail.co', 'hotmail.com'], 2).closest('hotmail.cm'), { target: 'hotmail.co', distance: 1 }, 'the order given decides')
  t.same(new TypoIndex(['gmail.co.jp', 'gmail.com'], 2).closest('gmail.coo'), { target: 'gmail.com', distance: 1 }, 'one edit beats two given first')
  const index = new TypoIndex(['gmail.com', 'outlook.com', 'yahoo.co.jp'], 2)
  t.equal(index.closest('gmail.com'), null, 'a target is not its own typo')
  t.same(index.targets, ['gmail.com', 'outlook.com', 'yahoo.co.jp'])
  t.equal(index.size, 3)
})

t.test('a word far longer or shorter than every target finds nothing', async (t) => {
  const index = new TypoIndex(['example.com'], 2)
  t.equal(index.closest('e'.repeat(200)), null)
  t.equal(index.closest('exa'), null)
  t.equal(new TypoIndex([], 2).closest('example.com'), null, 'an empty index')
})

// What the index answers is what a scan of every target in order answers; the index only spares
// the scan. Short strings over a small alphabet, so that targets crowd each other.
function scan(targets: string[], maxDistance: 1 | 2, word: string): { target: string; distance: number } | null {
  const limit = word.length < 8 ? 1 : maxDistance
  let best: { target: string; distance: number } | null = null
  for (const target of targets) {
    if (target === word || target.length < 4) continue
    const distance = editDistance(word, target, limit)
    if (distance > limit || (target.length < 8 && distance > 1)) continue
    if (!best || distance < best.distance) best = { target, distance }
  }
  return best
}

// Words and targets made from one base by a few edits, so that they crowd each other.
const alphabet = fc.constantFrom('a', 'b', 'c', '.')
const edit = fc.tuple(fc.constantFrom('delete', 'insert', 'replace', 'swap'), fc.nat(), alphabet)
const near = (base: string) =>
  fc.array(edit, { maxLength: 3 }).map((edits) =>
    edits.reduce((w, [op, n, c]) => {
      const i = n % (w.length + 1)
      if (op === 'delete') return w.slice(0, i) + w.slice(i + 1)
      if (op === 'insert') return w.slice(0, i) + c + w.slice(i)
      if (op === 'replace') return w.slice(0, i) + c + w.slice(i + 1)
      return w.slice(0, i) + w.charAt(i + 1) + w.charAt(i) + w.slice(i + 2)
    }, base),
  )

t.test('property: the index answers as a scan of every target in order would', async (t) => {
  const base = fc.string({ unit: alphabet, minLength: 5, maxLength: 11 })
  const sample = base.chain((b) => fc.tuple(fc.array(near(b), { maxLength: 12 }), fc.array(near(b), { minLength: 1, maxLength: 8 })))
  fc.assert(
    fc.property(sample, fc.constantFrom(1 as const, 2 as const), ([targets, words], max) => {
      const index = new TypoIndex(targets, max)
      return words.every((w) => JSON.stringify(index.closest(w)) === JSON.stringify(scan(targets, max, w)))
    }),
    { seed, numRuns: 3000 },
  )
  t.pass('held')
})
