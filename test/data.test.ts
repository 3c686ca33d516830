import { readFile } from 'node:fs/promises'
import t, { type Test } from 'tap'
import {
  CURATED_ALIAS_LIST,
  CURATED_JAPANESE_LIST,
  CURATED_ORGANISATIONS,
  CURATED_REGIONAL_LIST,
  CURATED_SUPPLEMENT,
} from '../src/core/lists.js'
import { CURATED_ALIAS_FILE, CURATED_JAPANESE_FILE, CURATED_ORGANISATIONS_FILE, CURATED_REGIONAL_FILE, CURATED_SUPPLEMENT_FILE, loadBaseLists } from '../src/io/lists.js'
import { isIcannSuffix } from '../src/core/public-suffix.js'
import { parseDomain } from '../src/core/syntax.js'

interface Entry {
  domain: string
  kind?: string
  provider: string
}
const curated = JSON.parse(await readFile(CURATED_JAPANESE_FILE, 'utf8')) as { domains: Entry[] }
const supplement = JSON.parse(await readFile(CURATED_SUPPLEMENT_FILE, 'utf8')) as { free: Entry[] }
const lists = await loadBaseLists()

function checkCurated(t: Test, entries: Entry[]) {
  const domains = entries.map((d) => d.domain)
  t.equal(new Set(domains).size, domains.length, 'no duplicates')
  for (const entry of entries) {
    const r = parseDomain(entry.domain)
    t.ok(r.ok && r.asciiDomain === entry.domain, `${entry.domain} is a normalised domain`)
    // A private-section suffix may be a throwaway service's own domain (f5.si): it is kept.
    t.notOk(isIcannSuffix(lists.psl, entry.domain), `${entry.domain} is not an ICANN suffix`)
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

t.test('the curated supplement is as clean, and each of its entries decides its own class', async (t) => {
  checkCurated(t, supplement.free)
  for (const s of lists.summaries.filter((s) => s.list === CURATED_SUPPLEMENT)) t.same(s.skipped, [])
  for (const { domain } of supplement.free) {
    t.equal(lists.domains.get(domain)?.list, CURATED_SUPPLEMENT, `${domain} is decided by the supplement`)
  }
})

interface SourcedEntry extends Entry {
  source: string
}
const regional = JSON.parse(await readFile(CURATED_REGIONAL_FILE, 'utf8')) as { domains: (SourcedEntry & { region: string })[] }
const alias = JSON.parse(await readFile(CURATED_ALIAS_FILE, 'utf8')) as { domains: (SourcedEntry & { kind: string })[] }
const organisations = JSON.parse(await readFile(CURATED_ORGANISATIONS_FILE, 'utf8')) as {
  domains: { domain: string; organisation: string; reason: string; source: string }[]
}

t.test('the regional and alias lists are as clean, each entry with a source note, and broad', async (t) => {
  for (const [file, list, min, classOf] of [
    [regional.domains, CURATED_REGIONAL_LIST, 250, 'free'],
    [alias.domains, CURATED_ALIAS_LIST, 100, 'disposable'],
  ] as const) {
    checkCurated(t, file)
    t.ok(file.length >= min, `${list}: ${file.length} entries`)
    for (const e of file) {
      t.ok(e.source, `${e.domain} has a source note`)
      t.equal(lists.domains.get(e.domain)?.kind, classOf, `${e.domain} is ${classOf}`)
    }
    t.same(lists.summaries.find((s) => s.list === list)?.skipped, [], `nothing of ${list} is skipped`)
  }
  const regions = new Set(regional.domains.map((e) => e.region))
  for (const r of ['JP', 'KR', 'CN', 'TW', 'HK', 'SEA', 'IN', 'RU', 'EU', 'US']) t.ok(regions.has(r), `region ${r} is covered`)
  t.same(new Set(alias.domains.map((e) => e.kind)), new Set(['relay', 'throwaway']))
})

t.test('the organisation list names whose each domain is, why, and where that is published; no list refuses them', async (t) => {
  for (const o of organisations.domains) {
    t.ok(o.organisation && o.reason && o.source, `${o.domain} has its organisation, reason and source`)
    t.notOk(lists.domains.has(o.domain), `${o.domain} is on no merged list`)
    t.equal(lists.organisations.get(o.domain)?.list, CURATED_ORGANISATIONS)
    t.ok(lists.organisations.get(o.domain)!.overrules.length > 0, `${o.domain} overrules a list that names it (else it need not be here)`)
  }
})

t.test('the shipped lists load, with the few unusable package entries counted', async (t) => {
  for (const s of lists.summaries) t.ok(s.entries > 0 && s.skipped.length < s.entries / 10, `${s.list}: ${s.entries} entries, ${s.skipped.length} skipped`)
  t.ok(lists.domains.size > 100_000)
})
