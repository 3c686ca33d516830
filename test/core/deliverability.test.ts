import t from 'tap'
import { checkEmail } from '../../src/core/check.js'
import { withDeliverability } from '../../src/core/deliverability.js'
import type { Deliverability } from '../../src/io/dns.js'
import { context } from '../support/helpers.js'

const ctx = await context()
const result = (status: Deliverability['status'], detail: Deliverability['detail']): Deliverability => ({ status, detail, mailHosts: [], cached: false })
const codes = (xs: { code: string }[]) => xs.map((x) => x.code)

t.test('no mail server refuses an address that is not a partner’s, naming the domain', async (t) => {
  const v = withDeliverability(checkEmail('taro@example.org', ctx, 'ja'), result('no-mail-server', 'no-domain'), 'ja')
  t.equal(v.accepted, false)
  t.same(codes(v.reasons), ['NOT_PARTNER', 'NO_MAIL_SERVER'])
  t.match(v.reasons[1]!.message, /example\.org/)
  t.same(v.deliverability, result('no-mail-server', 'no-domain'))
})

t.test('at a registered partner’s domain, no mail server is a warning, never a refusal', async (t) => {
  const before = checkEmail('taro@acme.co.jp', ctx, 'en')
  t.equal(before.accepted, true)
  for (const detail of ['no-domain', 'null-mx', 'no-records'] as const) {
    const v = withDeliverability(before, result('no-mail-server', detail), 'en')
    t.equal(v.accepted, true, detail)
    t.same(codes(v.reasons), [])
    t.same(codes(v.warnings), ['DELIVERABILITY_UNKNOWN'])
    t.match(v.warnings[0]!.message, /acme\.co\.jp/)
  }
})

t.test('unknown warns and never refuses; deliverable adds only the result', async (t) => {
  const base = checkEmail('taro@example.org', ctx, 'en')
  const unknown = withDeliverability(base, result('unknown', 'timeout'), 'en')
  t.same([unknown.accepted, codes(unknown.reasons), codes(unknown.warnings)], [base.accepted, codes(base.reasons), ['DELIVERABILITY_UNKNOWN']])
  const ok = withDeliverability(base, result('deliverable', 'mx'), 'en')
  t.same({ ...ok, deliverability: null }, base)
  t.same(ok.deliverability, result('deliverable', 'mx'))
})
