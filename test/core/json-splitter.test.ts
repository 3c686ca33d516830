import t from 'tap'
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
