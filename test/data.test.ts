import { readFile } from 'node:fs/promises'
import t from 'tap'
import { CURATED_JAPANESE_LIST, loadBaseLists } from '../src/core/lists.js'
import { isPublicSuffix } from '../src/core/public-suffix.js'
import { parseDomain } from '../src/core/syntax.js'

const curated = JSON.parse(await readFile(new URL('../data/japanese-free-mail.json', import.meta.url), 'utf8')) as {
  domains: { domain: string; kind: string; provider: string }[]
}
const lists = await loadBaseLists()

t.test('the curated Japanese list holds only registrable, normalised domains, each once', async (t) => {
  const domains = curated.domains.map((d) => d.domain)
  t.equal(new Set(domains).size, domains.length, 'no duplicates')
  for (const entry of curated.domains) {
    const r = parseDomain(entry.domain)
    t.ok(r.ok && r.asciiDomain === entry.domain, `${entry.domain} is a normalised domain`)
    t.notOk(isPublicSuffix(lists.psl, entry.domain), `${entry.domain} is not a public suffix`)
    t.ok(['mobile-carrier', 'mvno', 'isp', 'cable-isp', 'webmail'].includes(entry.kind) && entry.provider, `${entry.domain} says what it is`)
    const parent = domains.find((d) => entry.domain.endsWith(`.${d}`))
    t.notOk(parent, `${entry.domain} is not already covered by ${parent}`)
  }
  const summary = lists.summaries.find((s) => s.list === CURATED_JAPANESE_LIST)
  t.same(summary?.skipped, [], 'nothing of it is skipped at load')
})

t.test('the shipped lists load, with the few unusable package entries counted', async (t) => {
  for (const s of lists.summaries) t.ok(s.entries > 100, `${s.list}: ${s.entries} entries, ${s.skipped.length} skipped`)
  t.ok(lists.domains.size > 100_000)
})
