import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import t from 'tap'
import { loadBaseLists } from '../../src/core/lists.js'
import { isPublicSuffix } from '../../src/core/public-suffix.js'
import {
  classifyDomain,
  compileRegistry,
  loadRegistryFile,
  parseRegistryText,
  PartnerEntrySchema,
  plainPartnerEntry,
  RegistryError,
  SHIPPED_TABLE_FROM,
  type CompiledRegistry,
} from '../../src/core/registry.js'
import { seed } from '../seed.js'

const lists = await loadBaseLists()
const partner = (domains: string[], extra: object = {}) => ({ id: 'p1', name: 'P1', domains, partnerTypes: [], ...extra })
/** The problems of a load, or [] when it loads. */
function problemsOfLoad(load: () => unknown): string[] {
  try {
    load()
  } catch (err) {
    if (err instanceof RegistryError) return err.problems
    throw err
  }
  return []
}
const problemsOf = (input: unknown): string[] => problemsOfLoad(() => compileRegistry(input, lists, 'test.json'))
const textProblems = (text: string): string[] => problemsOfLoad(() => parseRegistryText(text, 'test.json', lists))
/** What a verdict sees of a domain: the list entry, the partners' ids and where they matched. */
const classified = (domain: string, r: CompiledRegistry) => {
  const c = classifyDomain(domain, lists, r)
  return { listed: c.listed && `${c.listed.kind} ${c.listed.entry} (${c.listed.list})`, exempt: c.exempt, partners: c.partners.map((m) => `${m.partner.id}@${m.matchedDomain}`) }
}

t.test('compiles a valid registry with defaults for the optional lists', async (t) => {
  const r = compileRegistry({ partners: [partner(['ACME.co.jp', 'acme.co.jp', '例え.jp'])] }, lists, 'x')
  t.same(r.partners[0]?.domains, ['acme.co.jp', 'xn--r8jz45g.jp'], 'normalised and de-duplicated')
  t.equal(r.domainCount, 2)
})

t.test('a partner keeps its domains in order, however many it has', async (t) => {
  const domains = Array.from({ length: 5 }, (_, i) => `d${i}.example.jp`)
  const r = compileRegistry({ partners: domains.map((_, n) => partner(domains.slice(0, n + 1), { id: `p${n}` })) }, lists, 'x')
  t.same(
    r.partners.map((p) => p.domains),
    domains.map((_, n) => domains.slice(0, n + 1)),
  )
})

t.test('names the entry and the problem', async (t) => {
  t.match(problemsOf({}), [/^partners: /])
  t.match(problemsOf({ partners: [], extra: 1 }), [/extra/])
  t.match(problemsOf({ partners: [{ id: 'acme', name: 'A', domains: [] }] }), [/^partners\[0\] \(id "acme"\)\.domains: must list at least one domain/])
  t.match(problemsOf({ partners: [partner(['co.jp'])] }), [/partners\[0\] \(id "p1"\)\.domains\[0\]: "co.jp" is a public suffix/])
  t.match(problemsOf({ partners: [partner(['github.io'])] }), [/public suffix/])
  t.match(problemsOf({ partners: [partner(['not a domain'])] }), [/"not a domain" is not a valid domain \(invalid-domain-character\)/])
  t.match(problemsOf({ partners: [partner(['acme\u200b.com'])] }), [/is not a valid domain \(invisible-character\)/])
  t.match(problemsOf({ partners: [partner(['gmail.com'])] }), [/"gmail.com" is on the free-mail list \(email-providers@[\d.]+: gmail.com\); add it to exemptDomains/])
  t.match(problemsOf({ partners: [partner(['x.mailinator.com'])] }), [/on the disposable list .*mailinator.com/])
  t.match(problemsOf({ partners: [partner(['acme.com']), partner(['acme2.com'])] }), [/partners\[1\] .*id is used by an earlier partner/])
  t.match(problemsOf({ partners: [partner(['acme.com'])], exemptDomains: ['ne.jp'] }), [/exemptDomains\[0\]: "ne.jp" is a public suffix/])
  t.match(problemsOf({ partners: [partner(['acme.com'])], extraFreeMailDomains: ['com'] }), [/extraFreeMailDomains\[0\]/])
  t.match(problemsOf({ partners: [partner(['acme.com'], { partnerType: 'x' })] }), [/partners\[0\] \(id "p1"\): Unrecognized key/])
})

t.test('partner types are resolved from any spelling at load; an unknown one stops the load', async (t) => {
  const r = compileRegistry({ partners: [partner(['acme.com'], { partnerTypes: ['ﾘｾﾗｰ', 'Solution Provider', 'SIer'] })] }, lists, 'x')
  t.same(r.partners[0]?.partnerTypes.map((p) => p.id), ['solution-provider', 'system-integrator'])
  t.match(problemsOf({ partners: [partner(['acme.com'], { partnerTypes: ['Distributor'] })] }), [
    /partners\[0\] \(id "p1"\)\.partnerTypes\[0\]: "Distributor" is not a partner type; use one of "Independent Software Vendor", .*"Service\/Cloud Provider"/,
  ])
})

t.test('a domain on both extra lists is disposable, whatever the order', async (t) => {
  const r = compileRegistry({ partners: [], extraFreeMailDomains: ['x.example.com', 'y.example.com'], extraDisposableDomains: ['x.example.com', 'y.example.com'] }, lists, 'x')
  t.equal(r.listed.get('x.example.com')?.kind, 'disposable')
  t.equal(r.listed.get('y.example.com')?.kind, 'disposable')
})

t.test('a partner without an id is named by position', async (t) => {
  t.match(problemsOf({ partners: [{ name: 'x', domains: ['acme.com'] }] }), [/^partners\[0\]\.id: /])
  t.match(problemsOf({ partners: [null, 'x'] }), [/^partners\[0\]: Invalid input: expected object, received null/, /^partners\[1\]: Invalid input: expected object, received string/])
})

t.test('an operator-listed domain cannot be a partner domain unless exempt', async (t) => {
  t.match(problemsOf({ partners: [partner(['acme.com'])], extraFreeMailDomains: ['acme.com'] }), [/registry extraFreeMailDomains/])
  t.same(problemsOf({ partners: [partner(['nifty.com'])], exemptDomains: ['nifty.com'] }), [])
})

t.test('reports every problem at once, and keeps the message short', async (t) => {
  const many = { partners: Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, name: 'x', domains: ['co.jp'] })) }
  t.equal(problemsOf(many).length, 30)
  t.throws(() => compileRegistry(many, lists, 'big.json'), { message: /and 10 more/ })
})

t.test('a file that cannot be read or parsed stops with its reason', async (t) => {
  const dir = t.testdir({ 'bad.json': '{"partners": [', 'ok.json': JSON.stringify({ partners: [partner(['acme.com'])] }) })
  await t.rejects(loadRegistryFile(`${dir}/missing.json`, lists), { message: /missing.json is not valid:\n {2}- cannot be read \(ENOENT/ })
  await t.rejects(loadRegistryFile(`${dir}/bad.json`, lists), { message: /is not valid JSON/ })
  t.equal((await loadRegistryFile(`${dir}/ok.json`, lists)).partners.length, 1)
})

t.test('problems with the file itself come alone, in the order of its keys, each partner entry in its place', async (t) => {
  t.same(problemsOf({ $comment: 5, partners: [{ id: 'a', name: 'A', domains: [] }, partner(['co.jp'])], exemptDomains: 'x', extra: 1 }), [
    '$comment: Invalid input: expected string, received number',
    'partners[0] (id "a").domains: must list at least one domain',
    'exemptDomains: Invalid input: expected array, received string',
    '(top level): Unrecognized key: "extra"',
  ])
  t.same(problemsOf(null), ['(top level): Invalid input: expected object, received null'])
  t.same(problemsOf([]), ['(top level): Invalid input: expected object, received array'])
  t.same(problemsOf({ partners: 'x' }), ['partners: Invalid input: expected array, received string'])
})

t.test('classifies a domain by walking it and its parents', async (t) => {
  const r = compileRegistry(
    {
      partners: [
        partner(['acme.co.jp'], { id: 'acme' }),
        partner(['cloud.acme.co.jp'], { id: 'cloud' }),
        ...['g1', 'g2', 'g3'].map((id) => partner(['group.example.jp'], { id })),
      ],
      exemptDomains: ['ocn.ne.jp'],
      extraFreeMailDomains: ['sub.gmail.com', 'both.example.net', 'sub.mailinator.com'],
      extraDisposableDomains: ['toss.example.net', 'both.example.net', 'bad.ocn.ne.jp'],
    },
    lists,
    'x',
  )
  t.equal(r.domainCount, 5, 'a domain shared by three partners counts for each')
  const free = (entry: string, list = 'registry extraFreeMailDomains') => ({ listed: `free ${entry} (${list})`, exempt: false, partners: [] })
  const disposable = (entry: string, list = 'registry extraDisposableDomains') => ({ listed: `disposable ${entry} (${list})`, exempt: false, partners: [] })
  const none = { listed: null, exempt: false, partners: [] }
  t.same(classified('www.cloud.acme.co.jp', r), { ...none, partners: ['cloud@cloud.acme.co.jp', 'acme@acme.co.jp'] }, 'partners, most specific first')
  t.same(classified('mail.group.example.jp', r), { ...none, partners: ['g1@group.example.jp', 'g2@group.example.jp', 'g3@group.example.jp'] }, 'group companies in registry order')
  t.same(classified('gmail.com', r), free('gmail.com', lists.domains.get('gmail.com')!.list))
  t.same(classified('x.sub.gmail.com', r), free('sub.gmail.com'), 'the most specific free-mail entry')
  t.same(classified('x.sub.mailinator.com', r), disposable('mailinator.com', lists.domains.get('mailinator.com')!.list), 'disposable beats free')
  t.same(classified('a.toss.example.net', r), disposable('toss.example.net'))
  t.same(classified('both.example.net', r), disposable('both.example.net'))
  t.same(classified('rose.ocn.ne.jp', r), { ...none, exempt: true }, 'an exempt parent takes the domain off the lists')
  t.same(classified('x.bad.ocn.ne.jp', r), { ...disposable('bad.ocn.ne.jp'), exempt: true }, 'but not a listed subdomain of it')
  t.same(classified('unknown.example.org', r), none)
  t.same(classified('localhost', r), none)
})

t.test('partners that hold the same types share one array of them; a name that is no type is reported wherever it comes', async (t) => {
  const types = (id: string, partnerTypes: string[]) => partner([`${id}.example.jp`], { id, partnerTypes })
  const r = compileRegistry({ partners: [types('a', ['ISV']), types('b', ['Independent Software Vendor']), types('c', ['ISV']), types('d', ['ISV', 'SIer']), types('e', ['ISV', 'SIer'])] }, lists, 'x')
  const [a, b, c, d, e] = r.partners.map((p) => p.partnerTypes)
  t.equal(a, b)
  t.equal(a, c)
  t.equal(d, e)
  t.same(d?.map((type) => type.id), ['independent-software-vendor', 'system-integrator'])
  t.match(problemsOf({ partners: [types('a', ['Distributor']), types('b', ['Distributor']), types('c', ['ISV', 'Distributor']), types('d', ['ISV', 'Distributor'])] }), [
    /^partners\[0\] \(id "a"\)\.partnerTypes\[0\]: "Distributor"/,
    /^partners\[1\] \(id "b"\)\.partnerTypes\[0\]: "Distributor"/,
    /^partners\[2\] \(id "c"\)\.partnerTypes\[1\]: "Distributor"/,
    /^partners\[3\] \(id "d"\)\.partnerTypes\[1\]: "Distributor"/,
  ])
})

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

t.test('a plain valid partner entry is taken as zod takes it; anything else is left to zod', async (t) => {
  // Mostly valid parts, so that every way of being valid is met as well as every way of not.
  const often = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 })
  const other = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.string(), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }))
  const strings = fc.array(fc.oneof(fc.string(), fc.constantFrom('acme.co.jp', 'ISV')), { maxLength: 3 })
  const arrays = often(strings, fc.oneof(other, fc.array(fc.oneof(fc.string(), other), { maxLength: 3 })))
  const id = often(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,105}$/), fc.oneof(other, fc.constantFrom('-p', 'p 1', 'ｐ1', 'a'.repeat(100), 'a'.repeat(101))))
  const name = often(fc.string(), fc.oneof(other, fc.constantFrom(' 株式会社A\u3000', ' ', '', '\ufeff', '\u00a0x')))
  const entry = fc.record({ id, name, domains: arrays, partnerTypes: arrays }, { requiredKeys: [] })
  const entries = often(entry, fc.tuple(entry, other).map(([e, extra]) => ({ ...e, extra })))
  const agree = (input: unknown): void => {
    const zod = PartnerEntrySchema.safeParse(input)
    t.same(plainPartnerEntry(input), zod.success ? zod.data : null, JSON.stringify(input))
  }
  // As the file gives them: JSON.parse's output.
  let valid = 0
  fc.assert(
    fc.property(entries, (e) => {
      const input = JSON.parse(JSON.stringify(e)) as unknown
      const zod = PartnerEntrySchema.safeParse(input)
      if (zod.success) valid++
      return isDeepStrictEqual(plainPartnerEntry(input), zod.success ? zod.data : null)
    }),
    { numRuns: 3000, seed },
  )
  t.ok(valid > 100, `${valid} of the generated entries valid`)
  const ok = { id: 'p1', name: ' P1 ', domains: ['acme.co.jp'] }
  agree(ok)
  t.same(plainPartnerEntry(ok), { id: 'p1', name: 'P1', domains: ['acme.co.jp'], partnerTypes: [] }, 'the name trimmed, the types defaulted')
  agree(JSON.parse('{"id":"p1","name":"P1","domains":["acme.co.jp"],"__proto__":{}}'))
  for (const odd of [Object.assign(Object.create(null), ok), Object.assign(new (class Entry {})(), ok), [ok], 'x']) t.equal(plainPartnerEntry(odd), null, 'not plain data: left to zod')
  t.same(compileRegistry({ partners: [Object.assign(Object.create(null), ok)] }, lists, 'x').partners[0]?.name, 'P1', 'which takes a valid one all the same')
})

// Last: from here on, this process looks the lists up in the table.
t.test('from SHIPPED_TABLE_FROM entries on, the lists are looked up in a table of their own, with the same answers', async (t) => {
  const domains = ['gmail.com', 'x.mailinator.com', 'rose.ocn.ne.jp', 'mail.yahoo.co.jp', 'unknown.example.org', 'localhost']
  const small = compileRegistry({ partners: [], exemptDomains: ['ocn.ne.jp'] }, lists, 'x')
  const before = domains.map((d) => classified(d, small))
  const many = (last: string) => ({
    partners: Array.from({ length: SHIPPED_TABLE_FROM }, (_, i) => partner([i === SHIPPED_TABLE_FROM - 1 ? last : `p${i}.example.co.jp`], { id: `p${i}` })),
  })
  t.match(problemsOf(many('sub.mailinator.com')), [new RegExp(`^partners\\[${SHIPPED_TABLE_FROM - 1}\\] .*"sub.mailinator.com" is on the disposable list`)])
  t.equal(compileRegistry(many('last.example.co.jp'), lists, 'x').domainCount, SHIPPED_TABLE_FROM)
  t.same(
    domains.map((d) => classified(d, small)),
    before,
  )
})

t.test('a file saved with a UTF-8 byte order mark loads', async (t) => {
  const text = JSON.stringify({ partners: [partner(['acme.com'])] })
  t.equal(parseRegistryText(`\uFEFF${text}`, 'bom.json', lists).partners.length, 1)
  t.same(textProblems(`\uFEFF${text}`), [])
})

t.test('what loads but is probably a mistake is warned about: no partners, a domain written twice in one partner', async (t) => {
  t.same(compileRegistry({ partners: [] }, lists, 'empty.json').warnings, ['the registry lists no partners: every address will be refused as NOT_PARTNER'])
  const twice = compileRegistry({ partners: [partner(['acme.co.jp', 'ACME.co.jp', 'other.jp'])] }, lists, 'twice.json')
  t.same(twice.partners[0]!.domains, ['acme.co.jp', 'other.jp'])
  t.same(twice.warnings, ['partners[0] (id "p1").domains[1]: "ACME.co.jp" is the same domain as an earlier entry of this partner (domains are case-insensitive); it is counted once'])
  t.same(compileRegistry({ partners: [partner(['acme.co.jp']), partner(['other.jp'], { id: 'p2' })] }, lists, 'ok.json').warnings, [])
})

t.test('a partner is matched only below every public suffix, private ones included, and the load warns of suffixes beneath it', async (t) => {
  const r = compileRegistry(
    { partners: [partner(['linode.com'], { id: 'linode' }), partner(['amazonaws.com'], { id: 'aws' }), partner(['acme.co.jp'], { id: 'acme' })] },
    lists,
    'x',
  )
  const none = { listed: null, exempt: false, partners: [] }
  t.same(classified('li1-2.members.linode.com', r), none, 'a customer name under a private suffix')
  t.same(classified('members.linode.com', r), none, 'the suffix itself')
  t.same(classified('x.y.nodebalancer.linode.com', r), none, 'under a wildcard suffix')
  t.same(classified('ec2-1-2-3-4.ap-northeast-1.compute.amazonaws.com', r), none)
  t.same(classified('mail.linode.com', r), { ...none, partners: ['linode@linode.com'] }, 'the provider\'s own names still match')
  t.same(classified('www.acme.co.jp', r), { ...none, partners: ['acme@acme.co.jp'] })
  for (const d of ['li1-2.members.linode.com', 'members.linode.com', 'mail.linode.com', 'x.acme.co.jp']) {
    const levels = d.split('.').map((_, i, a) => a.slice(i).join('.'))
    const belowSuffix = levels.slice(0, levels.findIndex((l) => r.partnerDomains.has(l))).some((l) => isPublicSuffix(lists.psl, l))
    t.equal(classified(d, r).partners.length === 0, belowSuffix, `${d} agrees with the public suffix list`)
  }
  t.equal(r.warnings.length, 2, 'one warning for each partner domain with suffixes beneath it')
  t.match(r.warnings[0], /partners\[0\] \(id "linode"\)\.domains\[0\]: "linode\.com" has public suffixes beneath it \(.*members\.linode\.com/)
  t.match(r.warnings[1], /amazonaws\.com.* and \d+ more\)/, 'a long list is cut short')
})
