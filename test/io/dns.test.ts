import { getServers } from 'node:dns'
import { domainToASCII } from 'node:url'
import t from 'tap'
import { DeliverabilityChecker, negativeTtl, parseResolver, UNKNOWN_TTL } from '../../src/io/dns.js'
import { build } from '../support/helpers.js'
import { startResponder, ZONE } from '../support/dns-responder.js'
import { RECORDS, skipDns, startDnsmasq } from '../support/dnsmasq.js'

t.test('parseResolver reads the forms DNS_SERVERS allows', async (t) => {
  t.same(parseResolver('192.0.2.1'), { host: '192.0.2.1', port: 53 })
  t.same(parseResolver('192.0.2.1:5353'), { host: '192.0.2.1', port: 5353 })
  t.same(parseResolver('::1'), { host: '::1', port: 53 })
  t.same(parseResolver('[::1]:5353'), { host: '::1', port: 5353 })
  t.same(parseResolver('[::1]'), { host: '::1', port: 53 })
  t.same(new DeliverabilityChecker([], 100).servers, getServers().map(parseResolver), "without DNS_SERVERS, the system's resolvers")
  t.same(new DeliverabilityChecker(['192.0.2.1:5353'], 100).servers, [{ host: '192.0.2.1', port: 5353 }], 'with it, those only')
})

t.test('negative answers are cached for the SOA minimum, within bounds', async (t) => {
  const soa = (ttl: number, minimum: number) => ({ authorities: [{ type: 'SOA', ttl, data: { minimum } }] }) as never
  t.equal(negativeTtl(soa(300, 60)), 60)
  t.equal(negativeTtl(soa(30, 600)), 30)
  t.equal(negativeTtl(soa(0, 0)), 1)
  t.equal(negativeTtl({ authorities: [] } as never), 60)
})

t.test('an IPv6 resolver that is not there: unknown', async (t) => {
  t.match(await new DeliverabilityChecker(['[::1]:9'], 300).check('good.example.net'), { status: 'unknown' })
})

t.test('no server at all (the port closed): a DNS error at once, not a timeout', async (t) => {
  // A connected socket hears the port unreachable; a timeout would say "timeout".
  t.match(await new DeliverabilityChecker(['127.0.0.1:9'], 30_000).check('good.example.net'), { status: 'unknown', detail: 'dns-error' })
})

t.test('against an in-process DNS server', async (t) => {
  const dns = await startResponder(t)
  const checker = (timeoutMs = 2000, now?: () => number, size?: number) => new DeliverabilityChecker([dns.server], timeoutMs, now, size)

  t.test('MX, null MX, address fallback (A or AAAA), missing domain, no records', async (t) => {
    dns.behaviour = 'answer'
    const c = checker()
    t.same(await c.check('good.example.net'), { status: 'deliverable', detail: 'mx', mailHosts: ['mail.good.example.net'], cached: false })
    t.same(await c.check('nullmx.example.net'), { status: 'no-mail-server', detail: 'null-mx', mailHosts: [], cached: false })
    t.same(await c.check('address-only.example.net'), { status: 'deliverable', detail: 'address-fallback', mailHosts: [], cached: false })
    t.same(await c.check('v6-only.example.net'), { status: 'deliverable', detail: 'address-fallback', mailHosts: [], cached: false })
    t.same(await c.check('missing.example.net'), { status: 'no-mail-server', detail: 'no-domain', mailHosts: [], cached: false })
    t.same(await c.check('no-records.example.net'), { status: 'no-mail-server', detail: 'no-records', mailHosts: [], cached: false })
    t.same(await c.check('GOOD.example.net'), { status: 'deliverable', detail: 'mx', mailHosts: ['mail.good.example.net'], cached: false }, 'the question echoed in any case')
  })

  for (const [behaviour, what] of [
    ['forge-port', 'from another port'],
    ['forge-name', 'about another name'],
    ['forge-id', 'with another id'],
  ] as const) {
    t.test(`a forged "no such domain" ${what}, arriving first, is never taken`, async (t) => {
      dns.behaviour = behaviour
      const from = dns.asked.length
      t.same(await checker().check('good.example.net'), { status: 'deliverable', detail: 'mx', mailHosts: ['mail.good.example.net'], cached: false })
      t.same(dns.asked.slice(from), ['good.example.net MX'], 'one question, answered by the real reply')
    })
  }

  t.test('a truncated answer is asked again over TCP (RFC 7766)', async (t) => {
    dns.behaviour = 'truncate'
    const from = dns.asked.length
    t.same(await checker().check('good.example.net'), { status: 'deliverable', detail: 'mx', mailHosts: ['mail.good.example.net'], cached: false })
    t.same(dns.asked.slice(from), ['good.example.net MX', 'tcp good.example.net MX'])
    dns.behaviour = 'truncate-forge-tcp'
    t.match(await checker().check('good.example.net'), { status: 'unknown', detail: 'dns-error' }, 'a TCP answer to another question is not taken either')
    dns.behaviour = 'truncate-garbage-tcp'
    t.match(await checker().check('good.example.net'), { status: 'unknown', detail: 'dns-error' }, 'nor a TCP answer that is no DNS message')
  })

  t.test('a server failure or silence: unknown within the budget, cached briefly', async (t) => {
    let now = 1_000_000
    dns.behaviour = 'servfail'
    const c = checker(300, () => now)
    t.same(await c.check('good.example.net'), { status: 'unknown', detail: 'dns-error', mailHosts: [], cached: false })
    t.same(await c.check('good.example.net'), { status: 'unknown', detail: 'dns-error', mailHosts: [], cached: true }, 'a repeat is not asked again at once')
    t.equal(c.lookups, 1)
    now += (UNKNOWN_TTL + 1) * 1000
    dns.behaviour = 'silent'
    t.same(await c.check('good.example.net'), { status: 'unknown', detail: 'timeout', mailHosts: [], cached: false }, 'asked again once the brief cache expires')
    t.equal(c.lookups, 2)
    dns.behaviour = 'garbage'
    t.match(await checker(200).check('good.example.net'), { status: 'unknown', detail: 'timeout' }, 'a garbled answer is no answer')
    const three = new DeliverabilityChecker([dns.server, dns.server, dns.server], 200)
    t.match(await three.check('good.example.net'), { status: 'unknown', detail: 'timeout' }, 'three resolvers: the budget runs out before the attempts do')
  })

  t.test('a request deadline shorter than the lookup: unknown at the deadline, the answer cached when it comes', async (t) => {
    dns.behaviour = 'silent'
    const c = checker(300)
    t.same(await c.check('good.example.net', Date.now() + 50), { status: 'unknown', detail: 'timeout', mailHosts: [], cached: false })
    t.same(await c.check('late.example.net', Date.now() - 1), { status: 'unknown', detail: 'timeout', mailHosts: [], cached: false }, 'a deadline already past starts no lookup')
    t.equal(c.lookups, 1)
    dns.behaviour = 'answer'
    const d = checker(2000)
    const cut = await d.check('good.example.net', Date.now())
    t.match(cut, { status: 'unknown' }, 'cut off by the deadline')
    // The lookup went on; the next request shares it or finds it cached.
    t.match(await d.check('good.example.net'), { status: 'deliverable' })
    t.equal(d.lookups, 1)
  })

  t.test('answers are cached for their TTL; lookups of one domain are shared', async (t) => {
    dns.behaviour = 'answer'
    let now = 1_000_000
    const c = checker(2000, () => now)
    const [a, b] = await Promise.all([c.check('good.example.net'), c.check('good.example.net')])
    t.same([a.cached, b.cached], [false, false])
    t.equal(c.lookups, 1, 'two concurrent checks, one lookup')
    t.equal((await c.check('good.example.net')).cached, true)
    now += 301 * 1000
    t.equal((await c.check('good.example.net')).cached, false, 'expired after the TTL (300 s)')
    t.equal(c.lookups, 2)
    const small = checker(2000, Date.now, 1)
    await small.check('good.example.net')
    await small.check('nullmx.example.net')
    t.equal((await small.check('good.example.net')).cached, false, 'the cache holds at most its size')
  })

  t.test('through the API', async (t) => {
    dns.behaviour = 'answer'
    const app = await build(t, { DNS_SERVERS: dns.server, DNS_TIMEOUT_MS: '500' })
    const post = (email: string, checkDeliverability?: boolean) =>
      app.inject({ method: 'POST', url: '/validate-email', payload: checkDeliverability === undefined ? { email } : { email, checkDeliverability } })
    const lookups = async () => Number(/deliverability_dns_lookups (\d+)/.exec((await app.inject({ method: 'GET', url: '/metrics' })).body)?.[1])

    t.match((await post('taro@missing.example.net')).json(), { deliverability: null }, 'off unless asked for')
    const missing = (await post('taro@missing.example.net', true)).json()
    t.match(missing, { accepted: false, deliverability: { status: 'no-mail-server', detail: 'no-domain' } })
    t.same(missing.reasons.map((r: { code: string }) => r.code), ['NOT_PARTNER', 'NO_MAIL_SERVER'])
    t.match((await post('taro@nullmx.example.net', true)).json(), { reasons: [{}, { code: 'NO_MAIL_SERVER', message: /cannot receive email/ }] })
    t.match((await post('taro@good.example.net', true)).json(), { deliverability: { status: 'deliverable', mailHosts: ['mail.good.example.net'] } })

    t.test('a batch looks each distinct domain up once', async (t) => {
      // Domains not asked about before: a lookup each, not one per address.
      const domains = ['b1.good.example.net', 'b2.good.example.net', 'address-only.example.net']
      const emails = Array.from({ length: 999 }, (_, i) => `user${i}@${domains[i % 3]}`)
      emails.push('not an address')
      const before = await lookups()
      const batch = await app.inject({ method: 'POST', url: '/validate-email/batch', payload: { emails, checkDeliverability: true } })
      t.equal(batch.statusCode, 200)
      const { results } = batch.json() as { results: { email: string; deliverability: { status: string } | null }[] }
      t.same(results.map((r) => r.email), emails, 'in order')
      t.same(results.slice(0, 3).map((r) => r.deliverability?.status), ['no-mail-server', 'no-mail-server', 'deliverable'])
      t.equal((await lookups()) - before, 3, '3 lookups for 1,000 addresses at 3 domains')
      t.match(results[999], { deliverability: null }, 'an address with no domain is not looked up')
    })

    t.test('a registered partner is never refused for a "no such domain", forged or real', async (t) => {
      // acme.co.jp is a partner in the fixture registry, and missing from the responder's zone.
      t.notOk('acme.co.jp' in ZONE)
      const v = (await app.inject({ method: 'POST', url: '/validate-email', payload: { email: 'taro@acme.co.jp', checkDeliverability: true } })).json()
      t.match(v, { accepted: true, partners: [{ id: 'acme' }], deliverability: { status: 'no-mail-server', detail: 'no-domain' } })
      t.same(v.warnings.map((w: { code: string }) => w.code), ['DELIVERABILITY_UNKNOWN'], 'said, as a warning')
      t.same(v.reasons, [])
    })

    t.test('a batch answers within its deadline whatever DNS does', async (t) => {
      dns.behaviour = 'silent'
      t.teardown(() => void (dns.behaviour = 'answer'))
      const emails = Array.from({ length: 1000 }, (_, i) => `user@d${i}.slow.example.net`)
      const before = await lookups()
      const started = Date.now()
      const batch = await app.inject({ method: 'POST', url: '/validate-email/batch', payload: { emails, checkDeliverability: true } })
      const elapsed = Date.now() - started
      t.equal(batch.statusCode, 200)
      const { results } = batch.json() as { results: { deliverability: { status: string; detail: string } }[] }
      t.ok(results.every((r) => r.deliverability.status === 'unknown'), 'every domain unknown')
      // Without one deadline for the request, 1,000 silent domains 16 at a time take 63 × 500 ms.
      const started16 = (await lookups()) - before
      t.ok(started16 <= 32, `${started16} lookups started before the deadline, the rest answered unknown at once (${elapsed} ms in all)`)
    })
  })

  t.test('DELIVERABILITY_CHECK turns it on for every request', async (t) => {
    dns.behaviour = 'answer'
    const app = await build(t, { DNS_SERVERS: dns.server, DELIVERABILITY_CHECK: 'true' })
    t.match((await app.inject({ method: 'POST', url: '/validate-email', payload: { email: 'a@missing.example.net' } })).json(), { deliverability: { status: 'no-mail-server' } })
    t.match((await app.inject({ method: 'POST', url: '/validate-email', payload: { email: 'a@missing.example.net', checkDeliverability: false } })).json(), { deliverability: null })
  })
})

t.test('deliverability against a real DNS server (dnsmasq)', { skip: skipDns }, async (t) => {
  const dns = await startDnsmasq(t)

  t.test('MX, null MX, address fallback, missing domain, no records', async (t) => {
    const checker = new DeliverabilityChecker([dns.server], 2000)
    t.same(await checker.check(RECORDS.mx), { status: 'deliverable', detail: 'mx', mailHosts: [`mail.${RECORDS.mx}`], cached: false })
    t.match(await checker.check(RECORDS.nullMx), { status: 'no-mail-server', detail: 'null-mx' })
    t.match(await checker.check(RECORDS.addressOnly), { status: 'deliverable', detail: 'address-fallback' })
    t.match(await checker.check(RECORDS.missing), { status: 'no-mail-server', detail: 'no-domain' })
    t.match(await checker.check(RECORDS.noRecords), { status: 'no-mail-server', detail: 'no-records' })
  })

  t.test('a server that never answers: unknown within the budget', async (t) => {
    dns.child.kill('SIGSTOP')
    t.teardown(() => void dns.child.kill('SIGCONT'))
    t.match(await new DeliverabilityChecker([dns.server], 300).check(RECORDS.mx), { status: 'unknown', detail: 'timeout' })
    dns.child.kill('SIGCONT')
  })

  t.test('a server that refuses the question: a DNS error, not a timeout', async (t) => {
    t.match(await new DeliverabilityChecker([dns.server], 1000).check('outside.example.org'), { status: 'unknown', detail: 'dns-error' })
  })

  t.test('through the API', async (t) => {
    const app = await build(t, { DNS_SERVERS: dns.server, DNS_TIMEOUT_MS: '500' })
    const post = (email: string) => app.inject({ method: 'POST', url: '/validate-email', payload: { email, checkDeliverability: true } })
    t.match((await post(`taro@${RECORDS.missing}`)).json(), { accepted: false, deliverability: { status: 'no-mail-server', detail: 'no-domain' } })
    t.match((await post(`taro@${domainToASCII(RECORDS.mx)}`)).json(), { deliverability: { status: 'deliverable', mailHosts: [`mail.${RECORDS.mx}`] } })
  })
})
