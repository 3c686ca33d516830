// The lists from their sources, pure: small sources given here, the merge's precedence, and the
// typo and look-alike indexes. (Reading the shipped sources is test/io/lists.test.ts.)
import t from 'tap'
import { checkedLists, knownDomains, type CuratedFiles } from '../../src/core/lists.js'
import { loadPrototypes, loadPublicSuffixRules } from '../../src/io/packaged-data.js'

const psl = await loadPublicSuffixRules()
const curated = (over: Partial<CuratedFiles> = {}): CuratedFiles => ({
  japanese: { domains: [{ domain: 'docomo.ne.jp' }] },
  supplement: { free: [{ domain: 'kiwimail.net' }] },
  regional: { domains: [{ domain: 'naver.com' }] },
  alias: { domains: [{ domain: 'relaybox.net' }] },
  organisations: { domains: [{ domain: 'company-own.co.jp', organisation: 'Example Inc.', reason: 'its staff mail', source: 'its website' }] },
  ...over,
})

t.test('every source is merged, each entry named by the list that decided it', async (t) => {
  const packages = [
    { kind: 'disposable' as const, list: 'pkg-d@1', entries: ['throwawaybox.net', 'relaybox.net'] },
    { kind: 'free' as const, list: 'pkg-f@1', entries: ['docomo.ne.jp', 'othermail.net'] },
  ]
  const { domains, summaries, organisations } = checkedLists({ psl, curated: curated(), packages })
  t.equal(domains.get('docomo.ne.jp')?.list, 'curated Japanese consumer mail list', 'the curated list names what it shares with a package')
  t.equal(domains.get('naver.com')?.list, 'curated regional consumer mail list')
  t.equal(domains.get('kiwimail.net')?.list, 'curated supplement to the global lists')
  t.equal(domains.get('relaybox.net')?.kind, 'disposable')
  t.equal(domains.get('throwawaybox.net')?.list, 'pkg-d@1')
  t.equal(domains.get('othermail.net')?.kind, 'free')
  t.same(organisations.get('company-own.co.jp'), { list: 'curated organisation domains', reason: 'Example Inc.: its staff mail', overrules: [] })
  t.equal(domains.get('relaybox.net')?.list, 'curated alias, relay and throwaway list')
  for (const d of ['docomo.ne.jp', 'naver.com', 'kiwimail.net', 'othermail.net']) t.equal(domains.get(d)?.kind, 'free', d)
  t.same(summaries.map((s) => s.list).sort(), [...new Set(summaries.map((s) => s.list))].sort(), 'one summary per list')
})

t.test('a curated organisation domain is no list entry, whatever a package says', async (t) => {
  const packages = [{ kind: 'free' as const, list: 'pkg-f@1', entries: ['company-own.co.jp'] }]
  const { domains, organisations } = checkedLists({ psl, curated: curated(), packages })
  t.notOk(domains.has('company-own.co.jp'))
  t.same(organisations.get('company-own.co.jp')?.overrules, [{ kind: 'free', list: 'pkg-f@1' }])
})

t.test('the known domains index typos and skeletons, the first target winning a shared skeleton', async (t) => {
  const known = knownDomains(['gmail.com', 'gmall.com'], 2, loadPrototypes())
  t.equal(known.typos.closest('gmial.com')?.target, 'gmail.com')
  t.equal(known.skeletons.size, 2)
  t.ok([...known.skeletons.values()].includes('gmail.com'))
  const twins = knownDomains(['rn.co.jp', 'm.co.jp'], 1, { m: 'rn' })
  t.equal(twins.skeletons.size, 1, 'rn and m share a skeleton under these prototypes')
  t.equal([...twins.skeletons.values()][0], 'rn.co.jp')
})

t.test('each curated list outranks the packaged lists, and curated throwaway outranks curated free mail', async (t) => {
  const packages = [{ kind: 'disposable' as const, list: 'pkg-d@1', entries: ['docomo.ne.jp', 'naver.com', 'kiwimail.net'] }]
  const both = curated({ alias: { domains: [{ domain: 'relaybox.net' }, { domain: 'docomo.ne.jp' }] } })
  const { domains } = checkedLists({ psl, curated: curated(), packages })
  for (const d of ['docomo.ne.jp', 'naver.com', 'kiwimail.net']) {
    t.match(domains.get(d), { kind: 'free', precedence: 'curated data, each entry with a source, beats a packaged list' }, `${d}: a curated free-mail entry over a packaged throwaway list`)
  }
  t.match(checkedLists({ psl, curated: both, packages: [] }).domains.get('docomo.ne.jp'), { kind: 'disposable', list: 'curated alias, relay and throwaway list' })
})

