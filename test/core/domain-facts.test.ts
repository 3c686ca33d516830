// What the check knows of a domain beyond the lists: look-alikes (UTS #39) and the bounded caches.
import t from 'tap'
import { checkEmail } from '../../src/core/check.js'
import { isHighlyRestrictive } from '../../src/core/confusables.js'
import { describeDomain } from '../../src/core/domain-report.js'
import { context } from '../support/helpers.js'

const ctx = await context()
const codes = (email: string) => checkEmail(email, ctx, 'en').reasons.map((r) => r.code)

t.test('look-alike domains are refused, with the domain they imitate', async (t) => {
  const cyr = checkEmail('taro@gm\u0430il.com', ctx, 'en')
  t.same(cyr.reasons.map((r) => r.code), ['CONFUSABLE_DOMAIN', 'NOT_PARTNER'])
  t.equal(cyr.suggestion, 'taro@gmail.com')
  t.match(cyr.reasons[0]?.message, /looks like gmail\.com/)

  const partner = checkEmail('taro@\u0430cme.co.jp', ctx, 'ja')
  t.equal(partner.suggestion, 'taro@acme.co.jp', 'a partner domain imitated')
  t.equal(partner.accepted, false)

  const dash = checkEmail('taro@acme\u30fcsys.co.jp', ctx, 'ja')
  t.same(dash.reasons.map((r) => r.code), ['CONFUSABLE_DOMAIN', 'NOT_PARTNER'])
  t.equal(dash.suggestion, 'taro@acme-sys.co.jp')
  t.match(dash.reasons[0]?.message, /長音記号/)
  t.equal(checkEmail('taro@acme\u4e00sys.co.jp', ctx, 'en').suggestion, 'taro@acme-sys.co.jp', '一 for a hyphen')

  const mixed = checkEmail('taro@\u043f\u0440\u0438mer.com', ctx, 'en')
  t.match(mixed.reasons, [{ code: 'CONFUSABLE_DOMAIN', message: /mixes letters of different alphabets/ }])
})

t.test('normal Japanese and other single-script domains stay accepted', async (t) => {
  t.same(codes('user@さくら技研.jp'), [], 'a partner in kanji and kana')
  for (const email of ['user@日本語ドメイン.jp', 'user@コーヒー.jp', 'user@東京abc.jp', 'user@пример.рф', 'user@münchen.de', 'user@한국abc.kr']) {
    t.same(codes(email), ['NOT_PARTNER'], email)
  }
})

t.test('the corners of the domain checks', async (t) => {
  t.equal(checkEmail('x@au.con', ctx, 'en').suggestion, 'x@au.com', 'a short target: a mistyped ending')
  const dash = checkEmail('taro@a\u30fc.jp', ctx, 'en')
  t.match(dash.reasons[0], { code: 'CONFUSABLE_DOMAIN', message: /where a hyphen \(-\) belongs.*half-width\.$/ })
  t.equal(dash.suggestion, null, 'no suggestion when the hyphenated domain is not valid either')
  t.match(describeDomain('\u043f\u0440\u0438mer.com', ctx), { lookalike: { kind: 'mixed-scripts', of: null } })
  t.equal(isHighlyRestrictive('abc\u16a0'), false, 'a script outside the list counts as its own')
  t.equal(isHighlyRestrictive('a-b'), true)
  t.equal(isHighlyRestrictive('アイ・ウエ'), true, 'a middle dot belongs to its neighbours')
  t.equal(isHighlyRestrictive('abc\u00a9'), true, 'a character of no script (Common) counts for none')
})

t.test('the domain caches are bounded', async (t) => {
  const own = await context()
  const first = checkEmail('x@company-1.co.jp', own, 'en')
  for (let i = 0; i < 20_050; i++) checkEmail(`x@company-${i}.co.jp`, own, 'en')
  const again = checkEmail('x@company-1.co.jp', own, 'en')
  t.same(again.reasons.map((r) => r.code), ['NOT_PARTNER'], 'an evicted domain is computed again')
  t.not(again.reasons[0], first.reasons[0], 'its reasons made anew')
  t.same(again, first, 'to the same verdict')
})

t.test('a look-alike is not also a typo; no near top-level domain is no typo; a registry without indexes', async (t) => {
  t.same(codes('taro@gm\u0430il.com').filter((c) => c !== 'NOT_PARTNER'), ['CONFUSABLE_DOMAIN'], 'one reason for the one slip, not a typo as well')
  t.equal(describeDomain('acme.qqqqqqq', ctx).possibleTypoOf, null)
  // Above PARTNER_INDEX_LIMIT partner domains the registry has no typo or look-alike indexes.
  const large = await context()
  large.registry.known = null
  t.equal(checkEmail('taro@gm\u0430il.com', large, 'en').reasons[0]?.code, 'CONFUSABLE_DOMAIN', 'the well-known domains still protect')
})
