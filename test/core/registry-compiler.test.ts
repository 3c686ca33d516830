import t from 'tap'
import { compileRegistry, parseRegistryText } from '../../src/core/registry-compiler.js'
import { PARTNER_INDEX_LIMIT } from '../../src/core/registry-schema.js'
import { lists, partner, problemsOf, textProblems } from '../support/registry.js'

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

t.test('the corners of a compile: many suffixes beneath, the extra lists as entries, distinct types, the index limit', async (t) => {
  const aws = compileRegistry({ partners: [partner(['amazonaws.com'])] }, lists, 'x')
  t.match(aws.warnings.join('\n'), /"amazonaws\.com" has public suffixes beneath it \([^)]*, [^)]* and \d+ more\)/, 'five named, the rest counted')
  const extra = compileRegistry({ partners: [], extraDisposableDomains: ['burner.example.com'] }, lists, 'x')
  t.same(extra.listed.get('burner.example.com'), { kind: 'disposable', list: 'registry extraDisposableDomains', sources: [{ kind: 'disposable', list: 'registry extraDisposableDomains' }], precedence: 'set by the operator in the partner registry' })
  t.match(problemsOf({ partners: [], extraDisposableDomains: ['not a domain'] }), [/^extraDisposableDomains\[0\]/])
  const typed = compileRegistry({ partners: [partner(['a.co.jp'], { id: 'a', partnerTypes: ['SIer'] }), partner(['b.co.jp'], { id: 'b', partnerTypes: ['ISV'] }), partner(['c.co.jp'], { id: 'c', partnerTypes: ['ISV', 'OEM'] }), partner(['d.co.jp'], { id: 'd', partnerTypes: ['Reseller', 'SIer'] })] }, lists, 'x')
  t.same(
    typed.partners.map((p) => p.partnerTypes.map((x) => x.id)),
    [['system-integrator'], ['independent-software-vendor'], ['independent-software-vendor', typed.partners[2]!.partnerTypes[1]!.id], [typed.partners[3]!.partnerTypes[0]!.id, 'system-integrator']],
    'each partner its own types',
  )
  t.not(typed.partners[2]!.partnerTypes, typed.partners[3]!.partnerTypes)
  // The typo and look-alike indexes of partner domains: built up to PARTNER_INDEX_LIMIT domains, not past it.
  const many = (n: number) => [{ id: 'big', name: 'Big', domains: Array.from({ length: n }, (_, i) => `d${i}.example.co.jp`) }]
  t.not(compileRegistry({ partners: many(PARTNER_INDEX_LIMIT) }, lists, 'x').known, null)
  t.equal(compileRegistry({ partners: many(PARTNER_INDEX_LIMIT + 1) }, lists, 'x').known, null)
})
