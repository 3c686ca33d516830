import fc from 'fast-check'
import t from 'tap'
import { hasDuplicateKeys } from '../src/json-duplicates.js'
import { seed } from './support/seed.js'

t.test('finds a key named twice in one object, at any depth, and nothing else', async (t) => {
  t.ok(hasDuplicateKeys('{"a":1,"a":2}'))
  t.ok(hasDuplicateKeys('{"a":1,"\\u0061":2}'), 'escapes are decoded')
  t.ok(hasDuplicateKeys('{"\\u0061":1,"b":2,"a":2}'), 'escapes are decoded, in a third key too')
  t.ok(hasDuplicateKeys('{"a":1,"b":2,"c":3,"b":4}'), 'a repeat among several keys')
  t.ok(hasDuplicateKeys('[1,{"x":{"b":[{"c":1,"c":2}]}}]'))
  t.notOk(hasDuplicateKeys('{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"a\\",\\"a"}'), 'the same key in different objects, or inside a value')
  t.notOk(hasDuplicateKeys('{"a\\\\":1,"a":2}'), 'an escaped backslash ends no key')
  t.notOk(hasDuplicateKeys('{"a":"unterminated'), 'broken text is left to JSON.parse')
  t.notOk(hasDuplicateKeys('{"\\x":1,"\\x":1}'), 'a key JSON.parse refuses is left to it')
})

t.test('property: a repeat is found exactly when one object names a key twice', async (t) => {
  t.comment(`fast-check seed ${seed} (FC_SEED=${seed} replays it)`)
  // Keys written as they are or with their first character escaped, so that the same key can be
  // spelt two ways; values nested objects, arrays and strings that look like keys.
  type Doc = { text: string; repeats: boolean }
  const keyName = fc.constantFrom('a', 'b', 'email', 'x"y', 'é')
  const spelt = (k: string, escape: boolean): string => (escape ? `"\\u${k.charCodeAt(0).toString(16).padStart(4, '0')}${JSON.stringify(k).slice(2)}` : JSON.stringify(k))
  const { doc } = fc.letrec<{ doc: Doc; object: Doc; array: Doc }>((tie) => ({
    doc: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constantFrom<Doc>({ text: '"a"', repeats: false }, { text: '1', repeats: false }), tie('object'), tie('array')),
    object: fc.array(fc.tuple(keyName, fc.boolean(), tie('doc')), { maxLength: 5 }).map((entries) => ({
      text: `{${entries.map(([k, e, v]) => `${spelt(k, e)}:${v.text}`).join(',')}}`,
      repeats: new Set(entries.map(([k]) => k)).size < entries.length || entries.some(([, , v]) => v.repeats),
    })),
    array: fc.array(tie('doc'), { maxLength: 4 }).map((items) => ({ text: `[${items.map((d) => d.text).join(',')}]`, repeats: items.some((d) => d.repeats) })),
  }))
  fc.assert(
    fc.property(doc, (d) => hasDuplicateKeys(d.text) === d.repeats),
    { seed, numRuns: 3000 },
  )
  t.pass('held')
})
