// The helpdesk's report on a domain: every list that names it, and why it is classified so.
import t from 'tap'
import { describeDomain } from '../../src/core/domain-report.js'
import { context } from '../support/helpers.js'

const ctx = await context()

t.test('describeDomain shows every list that names a domain and the precedence that decided', async (t) => {
  const relay = describeDomain('privaterelay.appleid.com', ctx)
  t.match(relay, { classification: 'disposable', listed: { kind: 'disposable', list: 'curated alias, relay and throwaway list', precedence: 'a disposable list beats a free-mail list' } })
  t.ok(relay.listed?.sources.some((s) => s.kind === 'free' && s.list.startsWith('email-providers@')), 'the overruled free-mail list is shown too')
  const org = describeDomain('bt.com', ctx)
  t.match(org, { classification: 'unknown', listed: null, organisation: { list: 'curated organisation domains', reason: /BT Group/ } })
  t.ok(org.organisation?.overrules.some((s) => s.list.startsWith('email-providers@')))
  t.equal(describeDomain('gmail.com', ctx).organisation, null)
})

t.test('describeDomain tells the helpdesk why', async (t) => {
  t.match(describeDomain('rose.ocn.ne.jp', ctx), { classification: 'free-mail', listed: { kind: 'free', list: 'curated Japanese consumer mail list', entry: 'ocn.ne.jp' } })
  t.match(describeDomain('x.mailinator.com', ctx), { classification: 'disposable', listed: { entry: 'mailinator.com' } })
  t.match(describeDomain('osaka.west.acme.co.jp', ctx), { classification: 'partner', partners: [{ id: 'acme-west', matchedDomain: 'west.acme.co.jp' }, { id: 'acme' }] })
  t.match(describeDomain('nifty.com', ctx), { classification: 'partner', exempt: true, listed: null })
  // A typo-squatting domain the lists name is what they say it is, not a typo of gmail.com.
  t.match(describeDomain('gmial.com', ctx), { listed: { entry: 'gmial.com' }, possibleTypoOf: null })
  t.match(describeDomain('gmai1.com', ctx), { classification: 'unknown', possibleTypoOf: 'gmail.com' })
  t.match(describeDomain('gm\u0430il.com', ctx), { lookalike: { kind: 'lookalike', of: 'gmail.com' } })
  t.match(describeDomain('co.jp', ctx), { classification: 'unknown', publicSuffix: true })
  t.match(describeDomain('not a domain', ctx), { valid: false, classification: 'invalid', rule: 'invalid-domain-character' })
  t.match(describeDomain(' XN--R8JZ45G.JP ', ctx), { valid: true, domain: '例え.jp', ascii: 'xn--r8jz45g.jp' })
})

t.test('a domain that is not well-formed is reported as invalid, with nothing matched', async (t) => {
  t.same(describeDomain(' not a domain ', ctx), {
    input: ' not a domain ',
    valid: false,
    rule: describeDomain(' not a domain ', ctx).rule,
    domain: null,
    ascii: null,
    classification: 'invalid',
    listed: null,
    organisation: null,
    exempt: false,
    publicSuffix: false,
    partners: [],
    possibleTypoOf: null,
    lookalike: null,
  })
  t.type(describeDomain('a..b', ctx).rule, 'string')
})
