// The checks beyond form and lists: typos, look-alikes, role accounts, legacy carrier addresses.
import t from 'tap'
import { checkEmail, describeDomain } from '../../src/core/check.js'
import { isHighlyRestrictive, skeleton, dashLookalike } from '../../src/core/confusables.js'
import { isRoleAccount } from '../../src/core/roles.js'
import { TypoIndex } from '../../src/core/typos.js'
import { context } from '../helpers.js'

const ctx = await context()
const codes = (email: string) => checkEmail(email, ctx, 'en').reasons.map((r) => r.code)

t.test('did-you-mean: one or two edits from a well-known mail domain', async (t) => {
  const cases: [string, string][] = [
    ['taro@gmsil.com', 'taro@gmail.com'],
    ['taro@gmail.con', 'taro@gmail.com'],
    ['taro@gmajl.com', 'taro@gmail.com'],
    ['taro@yahoo.co.jo', 'taro@yahoo.co.jp'],
    ['taro@yahoo.co.jpn', 'taro@yahoo.co.jp'],
    ['taro@docomo.ne.jpp', 'taro@docomo.ne.jp'],
    ['taro@docomo.ne.pj', 'taro@docomo.ne.jp'],
    ['taro@hotmail.co.jpp', 'taro@hotmail.co.jp'],
    ['taro@ezweb.ne.jq', 'taro@ezweb.ne.jp'],
    ['taro@softbnak.ne.jp', 'taro@softbank.ne.jp'],
  ]
  for (const [email, meant] of cases) {
    const v = checkEmail(email, ctx, 'en')
    t.equal(v.suggestion, meant, email)
    t.equal(v.reasons[0]?.code, 'POSSIBLE_TYPO', email)
    t.equal(v.accepted, false)
    // The domain meant is personal mail itself: one message says so and gives one instruction.
    const d = meant.split('@')[1]!.replaceAll('.', '\\.')
    t.match(v.reasons[0]?.message, new RegExp(`is probably a typo of ${d}\\. ${d} is a free, personal mail service, which cannot be used for a partner account: please register with your work email address\\.$`), email)
    t.notMatch(v.reasons.slice(1).map((r) => r.message).join(' '), /please|Please/, 'no second instruction')
  }
})

t.test('did-you-mean for a short target: only a swap of neighbours or another ending', async (t) => {
  t.equal(checkEmail('x@ua.com', ctx, 'en').suggestion, 'x@au.com')
  t.equal(checkEmail('x@au.co', ctx, 'en').suggestion, 'x@au.com')
  t.equal(checkEmail('x@aux.com', ctx, 'en').suggestion, null)
  // One edit from a short partner domain, neither an ending nor a swap.
  const short = await context({ partners: [{ id: 'abc', name: 'ABC', domains: ['abc.com'], partnerTypes: [] }] })
  t.equal(checkEmail('x@abd.com', short, 'en').suggestion, null)
  t.equal(checkEmail('x@bac.com', short, 'en').suggestion, 'x@abc.com')
})

t.test("did-you-mean: a mistyped partner domain, and the partner's name under another suffix", async (t) => {
  t.equal(checkEmail('taro@acme.co.jq', ctx, 'en').suggestion, 'taro@acme.co.jp')
  // Only a registered company may hold acmr.co.jp (JPRS): never a typo to refuse.
  t.equal(checkEmail('taro@acmr.co.jp', ctx, 'en').suggestion, null)
  t.equal(checkEmail('taro@acme.ne.jp', ctx, 'en').suggestion, 'taro@acme.co.jp', 'co.jp for ne.jp')
  t.equal(checkEmail('taro@acme.com', ctx, 'en').suggestion, 'taro@acme.co.jp')
  t.same(codes('taro@acme.ne.jp'), ['POSSIBLE_TYPO', 'NOT_PARTNER'])
})

t.test('did-you-mean never corrects a known domain, nor a far one', async (t) => {
  for (const email of ['x@gmail.com', 'x@ocn.ne.jp', 'x@odn.ne.jp', 'x@acme.co.jp', 'x@west.acme.co.jp', 'x@nifty.com', 'x@mailinator.com', 'x@yahoo.com']) {
    const v = checkEmail(email, ctx, 'en')
    t.equal(v.suggestion, null, email)
    t.notOk(v.reasons.some((r) => r.code === 'POSSIBLE_TYPO'), email)
  }
  // Listed (a list knows them) or under co.jp (a registered company's): never someone's slip.
  for (const email of ['x@gmial.com', 'x@yaho.co.jp', 'x@docomo.co.jp', 'x@hotmial.co.jp']) {
    t.notOk(checkEmail(email, ctx, 'en').reasons.some((r) => r.code === 'POSSIBLE_TYPO'), email)
  }
  for (const email of ['x@unknown-company.co.jp', 'x@toyota.co.jp', 'x@ai.com', 'x@email.com', 'x@ymail.com', 'x@yahoo.co.uk', 'x@outlook.de']) {
    t.equal(checkEmail(email, ctx, 'en').suggestion, null, email)
  }
})

t.test('listed free mail one slip of the ending from a well-known provider of the same name is also a typo', async (t) => {
  // gmail.co is named as free mail by a list (people send there by mistake); it is still a slip.
  t.equal(ctx.lists.domains.get('gmail.co')?.kind, 'free', 'the premise: a list names it')
  const v = checkEmail('taro@gmail.co', ctx, 'en')
  t.same(v.reasons.map((r) => r.code).sort(), ['FREE_MAIL', 'POSSIBLE_TYPO'])
  t.equal(v.suggestion, 'taro@gmail.com')
  // Another name, a well-known domain itself, or an ending two slips away: never.
  for (const email of ['x@ymail.com', 'x@yahoo.co.jp', 'x@hotmail.co.jp', 'x@yahoo.cn', 'x@outlook.jp', 'x@gmial.com']) {
    t.notOk(codes(email).includes('POSSIBLE_TYPO'), email)
  }
  // With other well-known domains (a fresh registry object: the facts are cached per registry).
  const knowing = (targets: string[]) => ({ ...ctx, registry: { ...ctx.registry }, lists: { ...ctx.lists, wellKnown: { ...ctx.lists.wellKnown, typos: new TypoIndex(targets, 2) } } })
  t.notOk(checkEmail('x@gmail.co', knowing(['gmail.com', 'gmail.co']), 'en').reasons.some((r) => r.code === 'POSSIBLE_TYPO'), 'well known itself')
  t.notOk(checkEmail('x@gmail.co', knowing(['gmail.cop']), 'en').reasons.some((r) => r.code === 'POSSIBLE_TYPO'), 'the near domain is not free mail')
})

t.test('TypoIndex: nearest target, preference on ties, short names allow one edit', async (t) => {
  const index = new TypoIndex(['gmail.com', 'gmx.com', 'mail.com', 'au.com'], 2)
  t.same(index.closest('gmial.com'), { target: 'gmail.com', distance: 1 })
  t.same(index.closest('gmail.comm'), { target: 'gmail.com', distance: 1 })
  t.equal(index.closest('xx.com'), null, 'two edits from au.com is too far for a short name')
  t.same(index.closest('ua.com'), { target: 'au.com', distance: 1 })
  t.not(index.closest('gmail.com')?.target, 'gmail.com', 'a target is not its own typo')
  t.equal(index.size, 4)
})

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

t.test('confusables: restriction level, skeletons and dash look-alikes', async (t) => {
  t.equal(isHighlyRestrictive('acme株式会社'), true)
  t.equal(isHighlyRestrictive('gm\u0430il'), false)
  t.equal(isHighlyRestrictive('abcαβγ'), false)
  t.equal(isHighlyRestrictive('한국abc漢字'), true)
  t.equal(isHighlyRestrictive('123-456'), true)
  t.equal(skeleton('p\u0430yp\u0430l'), skeleton('paypal'))
  t.equal(dashLookalike('コーヒー'), null, 'a long-vowel mark inside Japanese is a long-vowel mark')
  t.equal(dashLookalike('abc\u2010def'), 'abc-def')
})

t.test('role accounts get a warning, or a reason when the operator says so', async (t) => {
  for (const local of ['info', 'INFO', 'admin', 'support', 'sales', 'noreply', 'no-reply', 'postmaster', 'soumu', 'jinji', 'keiri', 'eigyo', 'toiawase', 'uketsuke', 'info+portal', 'sales.tokyo', 'eigyo-jp', 'info2', 'support_center']) {
    t.ok(isRoleAccount(local), local)
  }
  for (const local of ['taro', 'taro.yamada', 'information.taro', 'sales.taro', 'yamada-eigyo', 'infox', 'a.b.c.d']) t.notOk(isRoleAccount(local), local)
  const v = checkEmail('eigyo@acme.co.jp', ctx, 'ja')
  t.match(v, { accepted: true, warnings: [{ code: 'ROLE_ACCOUNT', message: /共有のメールアドレス/ }] })
  const strict = await context(undefined, false)
  strict.options.roleAccounts = 'refuse'
  t.same(checkEmail('info@acme.co.jp', strict, 'en').reasons.map((r) => r.code), ['ROLE_ACCOUNT'])
})

t.test('old docomo and au addresses get their own code, not a bare syntax error', async (t) => {
  for (const email of ['taro..hanako@docomo.ne.jp', 'taro.@docomo.ne.jp', 'a..b.@ezweb.ne.jp', 'x..y@biz.ezweb.ne.jp', 'x..y@au.com']) {
    const v = checkEmail(email, ctx, 'en')
    t.same(v.reasons.map((r) => r.code), ['LEGACY_CARRIER_ADDRESS', 'FREE_MAIL'], email)
    t.match(v, { syntaxValid: false, accepted: false, normalized: email }, email)
  }
  t.match(checkEmail('taro..hanako@docomo.ne.jp', ctx, 'ja').reasons[0]?.message, /2009年/)
  t.match(checkEmail('taro..hanako@acme.co.jp', ctx, 'en').reasons, [{ code: 'INVALID_SYNTAX', rule: 'local-consecutive-dots' }], 'elsewhere it is a syntax error')
  t.match(checkEmail('.taro@docomo.ne.jp', ctx, 'en').reasons, [{ code: 'INVALID_SYNTAX', rule: 'local-leading-dot' }])
})

t.test('a full-width typo gets the corrected half-width suggestion', async (t) => {
  const v = checkEmail('ｔａｒｏ＠ｇｍｓｉｌ．ｃｏｍ', ctx, 'en')
  t.equal(v.suggestion, 'taro@gmail.com')
  t.same(v.reasons.map((r) => r.code).slice(0, 2), ['FULLWIDTH_CHARACTERS', 'POSSIBLE_TYPO'])
})

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

t.test('a curated organisation domain is a company, whatever a free-mail list says; its consumer sibling is still free mail', async (t) => {
  t.same(codes('taro@bt.com'), ['NOT_PARTNER'], 'BT Group’s corporate domain')
  t.same(codes('taro@btinternet.com'), ['FREE_MAIL'], 'BT’s consumer mail')
  t.same(codes('taro@nus.edu.sg'), ['NOT_PARTNER'], 'a university')
})

t.test('regional consumer mail and relays are known by class, and a portal’s country domains are not typos', async (t) => {
  for (const d of ['naver.com', 'hanmail.net', 'qq.com', '139.com', 'hinet.net', 'netvigator.com', 'rediffmail.com', 'yandex.kz', 'mail.ua', 'web.de', 'libero.it']) {
    t.same(codes(`taro@${d}`), ['FREE_MAIL'], d)
  }
  for (const d of ['privaterelay.appleid.com', 'duck.com', 'mozmail.com', 'eay.jp', 'via.tokyo.jp']) t.same(codes(`taro@${d}`), ['DISPOSABLE'], d)
})
