import t from 'tap'
import { splitPartners } from '../../src/core/json-splitter.js'
import { compileRegistry, parseRegistryText } from '../../src/core/registry-compiler.js'
import { lists, partner, problemsOf, textProblems } from '../support/registry.js'

t.test('a file is parsed a part at a time, with the same registry and the same problems as parsed whole', async (t) => {
  const entries = Array.from({ length: 450 }, (_, i) => partner([`p${i}.example.co.jp`], { id: `p${i}`, name: `株式会社P${i}` }))
  const valid = { $comment: 'generated', partners: entries, exemptDomains: ['example.org'] }
  for (const text of [JSON.stringify(valid), JSON.stringify(valid, null, 2)]) {
    t.same(parseRegistryText(text, 'x', lists).partners, compileRegistry(valid, lists, 'x').partners)
  }
  const invalid = { ...valid, partners: entries.map((p, i) => (i === 420 ? { ...p, domains: [...p.domains, 'gmail.com'] } : i === 430 ? { ...p, id: 'p3' } : p)) }
  t.match(textProblems(JSON.stringify(invalid)), [/^partners\[420\] \(id "p420"\)\.domains\[1\]: "gmail.com" is on the free-mail list/, /^partners\[430\] \(id "p3"\): the id is used by an earlier partner too/])
  t.same(textProblems(JSON.stringify(invalid)), problemsOf(invalid))
})

t.test('a file the parts do not fit is parsed whole, with the same answer', async (t) => {
  const whole = (text: string): string[] => {
    let json: unknown
    try {
      json = JSON.parse(text.replace(/^\ufeff/, ''))
    } catch (err) {
      return [`is not valid JSON (${(err as Error).message})`]
    }
    return problemsOf(json)
  }
  const ok = '{"id":"a","name":"A","domains":["acme.co.jp"]}'
  const texts = [
    '',
    'null',
    '[]',
    '{}',
    '\ufeff{"partners":[]}',
    ' {"partners" : [ ] } ',
    `{"partners":[${ok}],"partners":[]}`,
    `{"partn\\u0065rs":[${ok}]}`,
    `{"partners" [${ok}]}`,
    `{"partners`,
    `{"partners":["x`,
    `{"partners":[${ok}`,
    `{"partners":"x"}`,
    `{"partners":[${ok},]}`,
    `{"partners":[${ok}],}`,
    `{"partners":[${ok}]} x`,
    `{"partners":[${ok}}}`,
    `{"partners":{${ok}]}`,
    `{"partners":[${ok} x]}`,
    `{"a":1 "partners":[]}`,
    `{"$comment":"a \\" b \\\\","x":[{"y":[1,2]},{}],"k":2,"n":1 ,"partners":[${ok},${ok.replace('"a"', '"b"')}],"extra":null}`,
  ]
  for (const text of texts) t.same(textProblems(text), whole(text), JSON.stringify(text))
  t.same(textProblems(`{"partn\\u0065rs":[${ok}]}`), [], 'a key spelled with an escape is still the key')
})

// The split itself: a wrong split is never a wrong registry (the parts fall back to a whole
// parse), only a slower load, so the places are checked here directly.
t.test('the split finds the list of partners, its brackets and the commas between its entries', async (t) => {
  const at = (text: string, needle: string, from = 0): number => text.indexOf(needle, from)
  const a = '{"id":"a","name":"A, \\"x\\"","domains":["a.jp","b.jp"]}'
  const b = '{"id":"b","name":"B","domains":["c.jp"],"partnerTypes":["ISV"]}'
  const text = `{"$comment":"[x], {y}","partners": [ ${a} , ${b} ],"exemptDomains":["z.jp"]}`
  const open = at(text, '[ {')
  t.same(splitPartners(text), { open, close: at(text, ' ],"exempt') + 1, commas: [at(text, ' , ') + 1] })
  t.same(splitPartners('{"partners":[]}'), { open: 12, close: 13, commas: [] })
  t.same(splitPartners(' \n{ "partners" :\t[ 1 ] }'), { open: 17, close: 21, commas: [] }, 'spaces of every kind around the tokens')
  t.same(splitPartners(`{"partners":[${a}],"x":"\\\\"}`)?.commas, [], 'an escaped backslash ends before the quote')
  t.same(splitPartners('{"x":{"y":[1,2,{"z":"}"}]},"partners":[1,[2,3],{"a":[4]},"5,6"],"w":true}')?.commas.length, 3, 'only the commas directly inside the list')
  t.same(splitPartners('{"x":"a\\"b","partners":[1,2]}')?.commas.length, 1, 'an escaped quote inside a string')
  t.same(splitPartners('{"x":1,"y":null,"partners":[true,false]}')?.commas.length, 1, 'bare values before it')
})

t.test('anything unusual gives no split', async (t) => {
  for (const text of ['', ' ', 'null', '[]', '{}', '{"x":1}', '{"partners":[1],"partners":[2]}', '{"partners":{}}', '{"partners":"[]"}', '{"partners":[1]', '{"partners":[1] "x":2}', '{"partners" [1]}', '{partners:[1]}', '{"partn\\u0065rs":[1]}', '{"partners":[1,"x]}', '{"partners":[1}', '{"x":"unterminated', '{"x":[1,2', '{"partners":1}']) {
    t.equal(splitPartners(text), null, JSON.stringify(text))
  }
})

