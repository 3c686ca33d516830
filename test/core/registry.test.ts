import t from 'tap'
import { loadBaseLists } from '../../src/core/lists.js'
import { compileRegistry, loadRegistryFile, RegistryError } from '../../src/core/registry.js'

const lists = await loadBaseLists()
const partner = (domains: string[], extra: object = {}) => ({ id: 'p1', name: 'P1', domains, partnerTypes: [], ...extra })
const problemsOf = (input: unknown): string[] => {
  try {
    compileRegistry(input, lists, 'test.json')
  } catch (err) {
    if (err instanceof RegistryError) return err.problems
    throw err
  }
  return []
}

t.test('compiles a valid registry with defaults for the optional lists', async (t) => {
  const r = compileRegistry({ partners: [partner(['ACME.co.jp', 'acme.co.jp', '例え.jp'])] }, lists, 'x')
  t.same(r.partners[0]?.domains, ['acme.co.jp', 'xn--r8jz45g.jp'], 'normalised and de-duplicated')
  t.equal(r.domainCount, 2)
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
  t.equal(r.index.get('x.example.com')?.list?.kind, 'disposable')
  t.equal(r.index.get('y.example.com')?.list?.kind, 'disposable')
})

t.test('a partner without an id is named by position', async (t) => {
  t.match(problemsOf({ partners: [{ name: 'x', domains: ['acme.com'] }] }), [/^partners\[0\]\.id: /])
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
