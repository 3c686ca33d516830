import t from 'tap'
import { mergeLists, PRECEDENCE, type SourceList } from '../../src/core/list-merge.js'
import { loadPublicSuffixRules } from '../../src/io/packaged-data.js'

const psl = await loadPublicSuffixRules()
const list = (kind: SourceList['kind'], name: string, curated: boolean, entries: string[], reasons?: Map<string, string>): SourceList => ({
  kind,
  list: name,
  curated,
  entries,
  ...(reasons ? { reasons } : {}),
})

t.test('each entry keeps every list that names it, the deciding one first', async (t) => {
  const { domains } = mergeLists([list('free', 'providers@1', false, ['both-x.com', 'free-only-x.com']), list('disposable', 'throwaway@2', false, ['both-x.com'])], psl)
  t.same(domains.get('both-x.com'), {
    kind: 'disposable',
    list: 'throwaway@2',
    sources: [
      { kind: 'disposable', list: 'throwaway@2' },
      { kind: 'free', list: 'providers@1' },
    ],
    precedence: PRECEDENCE.disposable,
  })
  t.same(domains.get('free-only-x.com')?.precedence, PRECEDENCE.single)
})

t.test('a disposable list beats a general provider list, whichever comes first', async (t) => {
  for (const order of [0, 1]) {
    const lists = [list('free', 'providers', false, ['relay-x.com']), list('disposable', 'throwaway', false, ['relay-x.com'])]
    const { domains } = mergeLists(order ? lists.reverse() : lists, psl)
    t.equal(domains.get('relay-x.com')?.kind, 'disposable')
  }
})

t.test('a curated free-mail entry beats a packaged disposable list; a curated disposable one beats both', async (t) => {
  const { domains } = mergeLists(
    [
      list('disposable', 'throwaway', false, ['portal-x.com', 'relay-x.com']),
      list('free', 'providers', false, ['relay-x.com']),
      list('free', 'curated regional', true, ['portal-x.com']),
      list('disposable', 'curated alias', true, ['relay-x.com']),
    ],
    psl,
  )
  t.match(domains.get('portal-x.com'), { kind: 'free', list: 'curated regional', precedence: PRECEDENCE.curated })
  t.match(domains.get('relay-x.com'), { kind: 'disposable', list: 'curated alias', precedence: PRECEDENCE.disposable })
})

t.test('lists that agree: the first given names it, and the rule says they agree', async (t) => {
  const { domains } = mergeLists([list('disposable', 'a', false, ['x-x.com']), list('disposable', 'b', false, ['x-x.com', 'x-x.com'])], psl)
  t.match(domains.get('x-x.com'), { list: 'a', precedence: PRECEDENCE.agree })
  t.equal(domains.get('x-x.com')?.sources.length, 2, 'a list naming a domain twice is one source')
})

t.test('a curated organisation domain beats every list, with its reason and what it overrules', async (t) => {
  const { domains, organisations } = mergeLists(
    [
      list('free', 'providers', false, ['telecom-x.com', 'consumer-telecom-x.com', 'uni-x.com']),
      list('disposable', 'throwaway', false, ['uni-x.com']),
      list('organisation', 'curated organisations', true, ['telecom-x.com', 'uni-x.com'], new Map([['telecom-x.com', 'Telecom Group: corporate domain']])),
    ],
    psl,
  )
  t.notOk(domains.has('telecom-x.com'))
  t.notOk(domains.has('uni-x.com'))
  t.ok(domains.has('consumer-telecom-x.com'), 'only the exact domain is taken off')
  t.same(organisations.get('telecom-x.com'), { list: 'curated organisations', reason: 'Telecom Group: corporate domain', overrules: [{ kind: 'free', list: 'providers' }] })
  t.same(organisations.get('uni-x.com')?.overrules.map((s) => s.kind), ['disposable', 'free'])
  t.equal(organisations.get('uni-x.com')?.reason, '', 'a reason missing from the map is empty, not invented')
  const bare = mergeLists([list('organisation', 'o', true, ['plain-x.com'])], psl)
  t.same(bare.organisations.get('plain-x.com'), { list: 'o', reason: '', overrules: [] }, 'a list without reasons')
})

t.test('entries that are not domains, or are ICANN suffixes, are skipped and counted; private-section ones are kept', async (t) => {
  const { domains, summaries } = mergeLists([list('disposable', 'd', false, ['co.jp', 'not a domain', 'f5.si'])], psl)
  t.same(summaries[0]?.skipped, ['co.jp', 'not a domain'])
  t.equal(summaries[0]?.entries, 1)
  t.ok(domains.has('f5.si'), 'a throwaway service domain in the private section is kept')
})

t.test('entries with the same sources and outcome share one object', async (t) => {
  const { domains } = mergeLists([list('disposable', 'd', false, ['a-x.com', 'b-x.com'])], psl)
  t.equal(domains.get('a-x.com'), domains.get('b-x.com'))
})

t.test('the full order of precedence, each pair in both orders: curated disposable, curated free, packaged disposable, packaged free', async (t) => {
  const ranked = [
    list('disposable', 'curated throwaway', true, ['pair-x.com']),
    list('free', 'curated providers', true, ['pair-x.com']),
    list('disposable', 'packaged throwaway', false, ['pair-x.com']),
    list('free', 'packaged providers', false, ['pair-x.com']),
  ]
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      for (const pair of [[ranked[i]!, ranked[j]!], [ranked[j]!, ranked[i]!]]) {
        const entry = mergeLists(pair, psl).domains.get('pair-x.com')
        t.equal(entry?.list, ranked[i]!.list, `${ranked[i]!.list} over ${ranked[j]!.list}`)
        t.same(entry?.sources.map((s) => s.list), [ranked[i]!.list, ranked[j]!.list])
        const [top, other] = [ranked[i]!.kind, ranked[j]!.kind]
        t.equal(entry?.precedence, top === other ? PRECEDENCE.agree : top === 'disposable' ? PRECEDENCE.disposable : PRECEDENCE.curated)
      }
    }
  }
})

t.test('counts: every valid entry of a list, a repeated one included; the skipped ones by name', async (t) => {
  const { summaries } = mergeLists([list('free', 'f', false, ['a-x.com', 'a-x.com', 'b-x.com', 'jp']), list('free', 'g', false, [])], psl)
  t.same(summaries, [
    { kind: 'free', list: 'f', entries: 3, skipped: ['jp'] },
    { kind: 'free', list: 'g', entries: 0, skipped: [] },
  ])
})

t.test('an organisation domain beats a curated disposable list too', async (t) => {
  const { domains, organisations } = mergeLists([list('disposable', 'curated throwaway', true, ['org-x.com']), list('organisation', 'orgs', true, ['org-x.com'])], psl)
  t.notOk(domains.has('org-x.com'))
  t.same(organisations.get('org-x.com')?.overrules, [{ kind: 'disposable', list: 'curated throwaway' }])
})

t.test('among lists of one rank, the order they are given in, however many', async (t) => {
  const { domains } = mergeLists(['a', 'b', 'c', 'd'].map((name) => list('free', name, false, ['same-x.com'])), psl)
  t.same(domains.get('same-x.com')?.sources.map((s) => s.list), ['a', 'b', 'c', 'd'])
  t.equal(domains.get('same-x.com')?.list, 'a')
})

t.test('entries are shared only by domains with the very same lists', async (t) => {
  const { domains } = mergeLists([list('free', 'ab', false, ['one-x.com']), list('free', 'c', false, ['one-x.com']), list('free', 'a', false, ['two-x.com', 'three-x.com']), list('free', 'bc', false, ['two-x.com'])], psl)
  t.same(domains.get('one-x.com')?.sources.map((s) => s.list), ['ab', 'c'])
  t.same(domains.get('two-x.com')?.sources.map((s) => s.list), ['a', 'bc'])
  t.equal(domains.get('three-x.com')?.list, 'a')
  t.not(domains.get('one-x.com'), domains.get('two-x.com'))
})
