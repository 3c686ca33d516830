import { createRequire } from 'node:module'
import psl from 'psl'
import t from 'tap'
import { compilePublicSuffixRules, isIcannSuffix, isPublicSuffix, suffixesBeneath } from '../../src/core/public-suffix.js'
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

t.test('a small list compiled: its sections, its top-level domains in order, what lies beneath a domain', async (t) => {
  // As psl ships a list: the ICANN section, ending with the last top-level domain, then the private one.
  const small = compilePublicSuffixRules(['net', 'jp', 'co.jp', '*.kobe.jp', '!city.kobe.jp', 'com', 'io', 'github.io', '*.cloud.example', '!x.cloud.example', 'members.linode.com'])
  t.same([...small.tlds], ['io', 'jp', 'com', 'net'], 'shortest first, then in code-point order')
  t.same([...small.privateRules].sort(), ['*.cloud.example', 'github.io', 'members.linode.com', 'x.cloud.example'])
  t.same([...small.wildcards].sort(), ['cloud.example', 'kobe.jp'])
  t.same([...small.exceptions].sort(), ['city.kobe.jp', 'x.cloud.example'])
  t.ok(small.rules.has('co.jp') && !small.rules.has('*.kobe.jp') && !small.rules.has('!city.kobe.jp'))
  t.equal(isIcannSuffix(small, 'co.jp'), true)
  t.equal(isIcannSuffix(small, 'jp'), true)
  t.equal(isIcannSuffix(small, 'github.io'), false, 'a private rule')
  t.equal(isIcannSuffix(small, 'a.cloud.example'), false, 'under a private wildcard')
  t.equal(isIcannSuffix(small, 'acme.co.jp'), false, 'no suffix')
  t.equal(isPublicSuffix(small, 'a.kobe.jp'), true)
  t.equal(isPublicSuffix(small, 'city.kobe.jp'), false)
  t.same(suffixesBeneath(small, 'linode.com'), ['members.linode.com'])
  t.same(suffixesBeneath(small, 'com'), [], 'a suffix itself is not indexed')
  t.same(suffixesBeneath(small, 'jp'), [])
  t.same(suffixesBeneath(small, 'acme.co.jp'), [])
})
