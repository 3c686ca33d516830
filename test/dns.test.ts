import { createSocket } from 'node:dgram'
import { once } from 'node:events'
import { domainToASCII } from 'node:url'
import t from 'tap'
import { DeliverabilityChecker, negativeTtl, parseResolver } from '../src/dns.js'
import { build } from './helpers.js'
import { RECORDS, skipDns, startDnsmasq } from './dnsmasq.js'

t.test('parseResolver reads the forms DNS_SERVERS allows', async (t) => {
  t.same(parseResolver('192.0.2.1'), { host: '192.0.2.1', port: 53 })
  t.same(parseResolver('192.0.2.1:5353'), { host: '192.0.2.1', port: 5353 })
  t.same(parseResolver('::1'), { host: '::1', port: 53 })
  t.same(parseResolver('[::1]:5353'), { host: '::1', port: 5353 })
  t.same(parseResolver('[::1]'), { host: '::1', port: 53 })
  t.doesNotThrow(() => new DeliverabilityChecker([], 100), "without DNS_SERVERS, the system's resolvers")
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

t.test('a garbled answer is no answer: unknown within the budget', async (t) => {
  const server = createSocket('udp4')
  server.on('message', (_msg, from) => server.send(Buffer.from('not a DNS packet'), from.port, from.address))
  server.bind(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => server.close())
  const checker = new DeliverabilityChecker([`127.0.0.1:${server.address().port}`], 300)
  t.match(await checker.check('good.example.net'), { status: 'unknown' })
  // Three resolvers that never answer usefully: the budget runs out before the attempts do.
  const three = Array.from({ length: 3 }, () => `127.0.0.1:${server.address().port}`)
  t.match(await new DeliverabilityChecker(three, 200).check('good.example.net'), { status: 'unknown', detail: 'timeout' })
})

t.test('deliverability against a real DNS server', { skip: skipDns }, async (t) => {
  const dns = await startDnsmasq(t)

  t.test('MX, null MX, address fallback, missing domain, no records', async (t) => {
    const checker = new DeliverabilityChecker([dns.server], 2000)
    t.same(await checker.check(RECORDS.mx), { status: 'deliverable', detail: 'mx', mailHosts: [`mail.${RECORDS.mx}`], cached: false })
    t.match(await checker.check(RECORDS.nullMx), { status: 'no-mail-server', detail: 'null-mx' })
    t.match(await checker.check(RECORDS.addressOnly), { status: 'deliverable', detail: 'address-fallback' })
    t.match(await checker.check(RECORDS.missing), { status: 'no-mail-server', detail: 'no-domain' })
    t.match(await checker.check(RECORDS.noRecords), { status: 'no-mail-server', detail: 'no-records' })
  })

  t.test('answers are cached for their TTL; lookups of one domain are shared', async (t) => {
    let now = 1_000_000
    const checker = new DeliverabilityChecker([dns.server], 2000, () => now)
    const [a, b] = await Promise.all([checker.check(RECORDS.mx), checker.check(RECORDS.mx)])
    t.same([a.cached, b.cached], [false, false])
    t.equal(checker.lookups, 1, 'two concurrent checks, one lookup')
    t.equal((await checker.check(RECORDS.mx)).cached, true)
    now += 3601 * 1000
    t.equal((await checker.check(RECORDS.mx)).cached, false, 'expired after the TTL')
    t.equal(checker.lookups, 2)
    const small = new DeliverabilityChecker([dns.server], 2000, Date.now, 1)
    await small.check(RECORDS.mx)
    await small.check(RECORDS.nullMx)
    t.equal((await small.check(RECORDS.mx)).cached, false, 'the cache holds at most its size')
  })

  t.test('a server that never answers: unknown within the budget, not cached', async (t) => {
    dns.child.kill('SIGSTOP')
    t.teardown(() => void dns.child.kill('SIGCONT'))
    const checker = new DeliverabilityChecker([dns.server], 300)
    t.match(await checker.check(RECORDS.mx), { status: 'unknown', detail: 'timeout' })
    t.equal((await checker.check(RECORDS.mx)).cached, false)
    dns.child.kill('SIGCONT')
  })

  t.test('a server that refuses the question: a DNS error, not a timeout', async (t) => {
    const checker = new DeliverabilityChecker([dns.server], 1000)
    t.match(await checker.check('outside.example.org'), { status: 'unknown', detail: 'dns-error' })
  })

  t.test('no server at all (the port closed): unknown, quickly', async (t) => {
    const checker = new DeliverabilityChecker(['127.0.0.1:9'], 1000)
    t.match(await checker.check(RECORDS.mx), { status: 'unknown' })
  })

  t.test('through the API: NO_MAIL_SERVER, DELIVERABILITY_UNKNOWN, batch with one lookup a domain', async (t) => {
    const app = await build(t, { DNS_SERVERS: dns.server, DNS_TIMEOUT_MS: '500' })
    const post = (email: string, checkDeliverability?: boolean) =>
      app.inject({ method: 'POST', url: '/validate-email', payload: checkDeliverability === undefined ? { email } : { email, checkDeliverability } })
    const none = (await post(`taro@${RECORDS.missing}`)).json()
    t.match(none, { deliverability: null }, 'off unless asked for')
    const missing = (await post(`taro@${RECORDS.missing}`, true)).json()
    t.match(missing, { accepted: false, deliverability: { status: 'no-mail-server', detail: 'no-domain' } })
    t.same(missing.reasons.map((r: { code: string }) => r.code), ['NOT_PARTNER', 'NO_MAIL_SERVER'])
    t.match((await post(`taro@${RECORDS.nullMx}`, true)).json(), { reasons: [{}, { code: 'NO_MAIL_SERVER', message: /cannot receive email/ }] })
    t.match((await post(`taro@${RECORDS.mx}`, true)).json(), { deliverability: { status: 'deliverable', mailHosts: [`mail.${RECORDS.mx}`] } })

    const emails = Array.from({ length: 999 }, (_, i) => `user${i}@${[RECORDS.mx, RECORDS.nullMx, RECORDS.missing][i % 3]}`)
    emails.push('not an address')
    const before = Number(/deliverability_dns_lookups (\d+)/.exec((await app.inject({ method: 'GET', url: '/metrics' })).body)?.[1])
    const batch = await app.inject({ method: 'POST', url: '/validate-email/batch', payload: { emails, checkDeliverability: true } })
    t.equal(batch.statusCode, 200)
    const { results } = batch.json() as { results: { email: string; deliverability: { status: string } }[] }
    t.same(results.map((r) => r.email), emails, 'in order')
    t.same(results.slice(0, 3).map((r) => r.deliverability.status), ['deliverable', 'no-mail-server', 'no-mail-server'])
    const after = Number(/deliverability_dns_lookups (\d+)/.exec((await app.inject({ method: 'GET', url: '/metrics' })).body)?.[1])
    t.ok(after - before <= 3, `${after - before} lookups for 1,000 addresses at 3 domains`)
    t.match(results[999], { deliverability: null }, 'an address with no domain is not looked up')

    dns.child.kill('SIGSTOP')
    const slow = (await post(`taro@${domainToASCII('new.' + RECORDS.mx)}`, true)).json()
    dns.child.kill('SIGCONT')
    t.match(slow, { deliverability: { status: 'unknown' }, warnings: [{ code: 'DELIVERABILITY_UNKNOWN' }] })
    t.notOk(slow.reasons.some((r: { code: string }) => r.code === 'NO_MAIL_SERVER'), 'an unknown answer never refuses')
  })

  t.test('DELIVERABILITY_CHECK turns it on for every request', async (t) => {
    const app = await build(t, { DNS_SERVERS: dns.server, DELIVERABILITY_CHECK: 'true' })
    t.match((await app.inject({ method: 'POST', url: '/validate-email', payload: { email: `a@${RECORDS.missing}` } })).json(), { deliverability: { status: 'no-mail-server' } })
    t.match((await app.inject({ method: 'POST', url: '/validate-email', payload: { email: `a@${RECORDS.missing}`, checkDeliverability: false } })).json(), { deliverability: null })
  })
})
