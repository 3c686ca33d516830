import t from 'tap'
import { hasDuplicateKeys } from '../src/json-duplicates.js'

t.test('finds a key named twice in one object, at any depth, and nothing else', async (t) => {
  t.ok(hasDuplicateKeys('{"a":1,"a":2}'))
  t.ok(hasDuplicateKeys('{"a":1,"\\u0061":2}'), 'escapes are decoded')
  t.ok(hasDuplicateKeys('[1,{"x":{"b":[{"c":1,"c":2}]}}]'))
  t.notOk(hasDuplicateKeys('{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"a\\",\\"a"}'), 'the same key in different objects, or inside a value')
  t.notOk(hasDuplicateKeys('{"a":"unterminated'), 'broken text is left to JSON.parse')
  t.notOk(hasDuplicateKeys('{"\\x":1,"\\x":1}'), 'a key JSON.parse refuses is left to it')
})
