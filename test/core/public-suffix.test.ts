import { createRequire } from 'node:module'
import psl from 'psl'
import t from 'tap'
import { isPublicSuffix } from '../../src/core/public-suffix.js'
import { loadPublicSuffixRules } from '../../src/io/packaged-data.js'

const rules = await loadPublicSuffixRules()

t.test('knows the suffixes people meet', async (t) => {
  for (const d of ['jp', 'co.jp', 'ne.jp', 'or.jp', 'github.io', 'com', 'kobe.jp', 'foo.kobe.jp']) t.equal(isPublicSuffix(rules, d), true, d)
  for (const d of ['acme.co.jp', 'ocn.ne.jp', 'gmail.com', 'city.kobe.jp', 'foo.github.io']) t.equal(isPublicSuffix(rules, d), false, d)
})

t.test('agrees with psl.get on every rule, its parent and children, and the shipped lists', async (t) => {
  const require = createRequire(import.meta.url)
  const candidates = new Set<string>()
  for (const r of [...rules.rules, ...rules.wildcards, ...rules.exceptions]) {
    candidates.add(r)
    candidates.add(`x.${r}`)
    candidates.add(`a.b.${r}`)
    const dot = r.indexOf('.')
    if (dot > 0) candidates.add(r.slice(dot + 1))
  }
  for (const d of require('email-providers/all.json') as string[]) candidates.add(d)
  const disagree: string[] = []
  for (const d of candidates) {
    // psl answers null for what it cannot parse as well; only compare names it parses.
    if (psl.parse(d).error) continue
    if ((psl.get(d) === null) !== isPublicSuffix(rules, d)) disagree.push(d)
  }
  t.same(disagree, [], `checked ${candidates.size} names`)
})
