import t from 'tap'
import { checkEmail, describeDomain } from '../../src/core/check.js'
import { hasDelegatedTld, isIcannSuffix } from '../../src/core/public-suffix.js'
import { context } from '../helpers.js'

const ctx = await context()

t.test('knows the delegated top-level domains and the private section of the suffix list', async (t) => {
  const psl = ctx.lists.psl
  for (const d of ['a.jp', 'a.com', 'a.tokyo', 'a.xn--q9jyb4c', 'a.ck']) t.ok(hasDelegatedTld(psl, d), d)
  for (const d of ['a.jpp', 'a.cmo', 'a.invalidtld']) t.notOk(hasDelegatedTld(psl, d), d)
  t.ok(isIcannSuffix(psl, 'co.jp'))
  t.ok(isIcannSuffix(psl, 'jp'))
  t.notOk(isIcannSuffix(psl, 'github.io'), 'a private-section suffix')
  t.notOk(isIcannSuffix(psl, 'acme.co.jp'), 'not a suffix at all')
})

t.test('a top-level domain that does not exist is a typo of a near one, else invalid', async (t) => {
  const v = checkEmail('taro@yahoo.co.jpp', ctx, 'en')
  t.match(v, { accepted: false, suggestion: 'taro@yahoo.co.jp' })
  t.ok(v.reasons.some((r) => r.code === 'POSSIBLE_TYPO'))
  t.equal(checkEmail('taro@acme.cmo', ctx, 'en').suggestion, 'taro@acme.com', 'the well-known endings first')
  t.equal(checkEmail('taro@acme.tokyoo', ctx, 'en').suggestion, 'taro@acme.tokyo', 'any delegated one when no well-known one is near')
  const far = checkEmail('taro@acme.qqqqqq', ctx, 'ja')
  t.match(far, { accepted: false, syntaxValid: false, suggestion: null })
  t.match(far.reasons, [{ code: 'INVALID_SYNTAX', rule: 'domain-invalid-tld' }])
  t.match(describeDomain('acme.jpp', ctx), { possibleTypoOf: 'acme.jp' })
})

t.test('a domain in the private section of the suffix list is still checked against the lists', async (t) => {
  // f5.si, a Japanese throwaway service's domain, is a private-section suffix that a list names.
  t.ok(checkEmail('taro@f5.si', ctx, 'en').reasons.some((r) => r.code === 'DISPOSABLE' || r.code === 'FREE_MAIL'))
  t.notOk(checkEmail('taro@com.ar', ctx, 'en').reasons.some((r) => r.code === 'FREE_MAIL'), 'an ICANN suffix named by a list is left out')
})

t.test('a domain a list names is never a typo of another', async (t) => {
  for (const d of ['ymail.com', 'email.com']) {
    const v = checkEmail(`taro@${d}`, ctx, 'en')
    t.notOk(v.reasons.some((r) => r.code === 'POSSIBLE_TYPO'), d)
    t.equal(v.suggestion, null, d)
  }
})
