// The data packages ship outside their exports, read once per process.
import t from 'tap'
import { isPublicSuffix } from '../../src/core/public-suffix.js'
import { loadPrototypes, loadPublicSuffixRules } from '../../src/io/packaged-data.js'

t.test("psl's rules are read once, compiled, with both sections", async (t) => {
  const rules = await loadPublicSuffixRules()
  t.equal(await loadPublicSuffixRules(), rules, 'one compile per process')
  t.ok(rules.tlds.has('jp') && rules.tlds.has('com'))
  t.ok(isPublicSuffix(rules, 'co.jp'))
  t.ok(rules.privateRules.has('github.io'), 'the private section too')
})

t.test("unhomoglyph's prototypes map confusable characters to their prototypes", async (t) => {
  const prototypes = loadPrototypes()
  t.equal(prototypes['\u0430'], 'a', 'Cyrillic a')
  t.ok(Object.keys(prototypes).length > 1000)
})
