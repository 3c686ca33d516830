import { readFile } from 'node:fs/promises'
import t, { type Test } from 'tap'
import { CURATED_JAPANESE_FILE, CURATED_JAPANESE_LIST, CURATED_SUPPLEMENT, CURATED_SUPPLEMENT_FILE, loadBaseLists } from '../src/core/lists.js'
import { isPublicSuffix } from '../src/core/public-suffix.js'
import { parseDomain } from '../src/core/syntax.js'

interface Entry {
  domain: string
  kind?: string
  provider: string
}
const curated = JSON.parse(await readFile(CURATED_JAPANESE_FILE, 'utf8')) as { domains: Entry[] }
const supplement = JSON.parse(await readFile(CURATED_SUPPLEMENT_FILE, 'utf8')) as { free: Entry[]; disposable: Entry[] }
const lists = await loadBaseLists()

function checkCurated(t: Test, entries: Entry[]) {
  const domains = entries.map((d) => d.domain)
  t.equal(new Set(domains).size, domains.length, 'no duplicates')
  for (const entry of entries) {
    const r = parseDomain(entry.domain)
    t.ok(r.ok && r.asciiDomain === entry.domain, `${entry.domain} is a normalised domain`)
    t.notOk(isPublicSuffix(lists.psl, entry.domain), `${entry.domain} is not a public suffix`)
    t.ok(entry.provider, `${entry.domain} names its provider`)
    const parent = domains.find((d) => entry.domain.endsWith(`.${d}`))
    t.notOk(parent, `${entry.domain} is not already covered by ${parent}`)
  }
}

t.test('the curated Japanese list holds only registrable, normalised domains, each once', async (t) => {
  checkCurated(t, curated.domains)
  for (const entry of curated.domains) {
    t.ok(['mobile-carrier', 'mvno', 'isp', 'cable-isp', 'webmail'].includes(entry.kind ?? ''), `${entry.domain} has a kind`)
  }
  const summary = lists.summaries.find((s) => s.list === CURATED_JAPANESE_LIST)
  t.same(summary?.skipped, [], 'nothing of it is skipped at load')
})

t.test('the curated supplement is as clean, and adds only what the packages miss', async (t) => {
  checkCurated(t, [...supplement.free, ...supplement.disposable])
  for (const s of lists.summaries.filter((s) => s.list === CURATED_SUPPLEMENT)) t.same(s.skipped, [])
  for (const { domain } of [...supplement.free, ...supplement.disposable]) {
    t.equal(lists.domains.get(domain)?.list, CURATED_SUPPLEMENT, `${domain} is not on a packaged list`)
  }
})

t.test('the shipped lists load, with the few unusable package entries counted', async (t) => {
  for (const s of lists.summaries) t.ok(s.entries > 0 && s.skipped.length < s.entries / 10, `${s.list}: ${s.entries} entries, ${s.skipped.length} skipped`)
  t.ok(lists.domains.size > 100_000)
})
