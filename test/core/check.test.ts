import { domainToASCII } from 'node:url'
import t from 'tap'
import { checkEmail } from '../../src/core/check.js'
import { isRoleAccount } from '../../src/core/roles.js'
import { partnerTypeById } from '../../src/core/partner-types.js'
import { context } from '../support/helpers.js'

const ctx = await context()
const codes = (email: string, lang: 'en' | 'ja' = 'en') => checkEmail(email, ctx, lang).reasons.map((r) => r.code)

t.test('accepts an address at a registered partner domain', async (t) => {
  const v = checkEmail('taro@acme.co.jp', ctx, 'en')
  t.match(v, { accepted: true, syntaxValid: true, normalized: 'taro@acme.co.jp', ascii: 'taro@acme.co.jp', reasons: [], suggestion: null })
  t.same(
    v.partners.map((p) => p.id),
    ['acme', 'acme-west'],
    'a domain shared by group companies returns each of them',
  )
})

t.test('matches partner subdomains, most specific partner first', async (t) => {
  const v = checkEmail('taro@osaka.west.acme.co.jp', ctx, 'en')
  t.equal(v.accepted, true)
  t.same(
    v.partners.map((p) => [p.id, p.matchedDomain]),
    [
      ['acme-west', 'west.acme.co.jp'],
      ['acme', 'acme.co.jp'],
    ],
  )
})

t.test('matches IDN partner domains in either form', async (t) => {
  for (const email of ['user@さくら技研.jp', `user@${domainToASCII('さくら技研.jp')}`, 'user@sakura-giken.co.jp']) {
    const v = checkEmail(email, ctx, 'en')
    t.equal(v.accepted, true, email)
    t.same(v.partners.map((p) => p.id), ['sakura'], email)
  }
  const v = checkEmail('user@さくら技研.jp', ctx, 'en')
  t.equal(v.normalized, 'user@さくら技研.jp')
  t.match(v.ascii, /^user@xn--[a-z0-9-]+\.jp$/)
})

t.test('refuses a domain that is no partner', async (t) => {
  const v = checkEmail('taro@unknown-company.co.jp', ctx, 'en')
  t.match(v, { accepted: false, syntaxValid: true, partners: [] })
  t.same(codes('taro@unknown-company.co.jp'), ['NOT_PARTNER'])
  t.same(codes('taro@co.jp'), ['NOT_PARTNER'], 'a public suffix matches nothing')
})

t.test('refuses free mail, global and Japanese, and their per-user subdomains', async (t) => {
  for (const email of ['x@gmail.com', 'x@yahoo.co.jp', 'x@docomo.ne.jp', 'x@ezweb.ne.jp', 'x@rose.ocn.ne.jp', 'x@ka2.so-net.ne.jp', 'x@biglobe.ne.jp', 'x@GMAIL.COM']) {
    t.same(codes(email), ['FREE_MAIL'], email)
  }
  const v = checkEmail('x@rose.ocn.ne.jp', ctx, 'en')
  t.same(v.reasons[0]?.source, { list: 'curated Japanese consumer mail list', entry: 'ocn.ne.jp' })
})

t.test('refuses disposable domains and their subdomains, before free mail', async (t) => {
  t.same(codes('x@mailinator.com'), ['DISPOSABLE'], 'also on the free-mail list')
  t.same(codes('x@foo.mailinator.com'), ['DISPOSABLE'])
  const v = checkEmail('x@foo.mailinator.com', ctx, 'en')
  t.match(v.reasons[0]?.source, { list: /^disposable-email-domains@/, entry: 'mailinator.com' })
})

t.test("applies the registry's extra lists and exemptions", async (t) => {
  t.same(codes('x@freemail.example.net'), ['FREE_MAIL'])
  t.match(checkEmail('x@freemail.example.net', ctx, 'en').reasons[0]?.source, { list: 'registry extraFreeMailDomains' })
  t.same(codes('x@a.trash.example.org'), ['DISPOSABLE'])
  t.same(codes('x@nifty.com'), [], 'exempt from the curated list, and a partner')
  t.same(codes('x@home.nifty.com'), [], 'exemption covers subdomains')
})

t.test('full-width input is refused with the half-width suggestion', async (t) => {
  const v = checkEmail('ｔａｒｏ＠ａｃｍｅ．ｃｏ．ｊｐ', ctx, 'ja')
  t.match(v, { accepted: false, syntaxValid: false, normalized: null, ascii: null, suggestion: 'taro@acme.co.jp' })
  t.same(v.reasons.map((r) => r.code), ['FULLWIDTH_CHARACTERS'])
  t.match(v.reasons[0]?.message, /taro@acme\.co\.jp/)
  t.same(v.partners.map((p) => p.id), ['acme', 'acme-west'])

  t.equal(checkEmail('taro＠acme.co.jp', ctx, 'en').suggestion, 'taro@acme.co.jp', 'a lone full-width @')
  t.equal(checkEmail('taro@acme。co。jp', ctx, 'en').suggestion, 'taro@acme.co.jp', 'ideographic full stops')
  t.equal(checkEmail('taro@acme｡co｡jp', ctx, 'en').suggestion, 'taro@acme.co.jp', 'half-width ideographic full stops')
})

t.test('full-width input reports what else is wrong with the half-width address', async (t) => {
  t.same(codes('ｔａｒｏ＠ｇｍａｉｌ．ｃｏｍ'), ['FULLWIDTH_CHARACTERS', 'FREE_MAIL'])
  const v = checkEmail('ｔａｒｏ＠＠ａｃｍｅ．ｃｏ．ｊｐ', ctx, 'en')
  t.same(v.reasons.map((r) => r.code), ['FULLWIDTH_CHARACTERS', 'INVALID_SYNTAX'])
  t.equal(v.suggestion, null, 'no suggestion when the half-width address is not valid either')
  const spaced = checkEmail('ｔａｒｏ\u3000＠acme.co.jp', ctx, 'en')
  t.match(spaced.reasons, [{ code: 'FULLWIDTH_CHARACTERS' }, { code: 'INVALID_SYNTAX', rule: 'whitespace' }], 'an ideographic space inside stays an error')
})

t.test('suggests the address without a full stop typed after it', async (t) => {
  const v = checkEmail('taro@acme.co.jp。', ctx, 'ja')
  t.match(v, { accepted: false, suggestion: 'taro@acme.co.jp' })
  t.same(v.reasons.map((r) => r.code), ['FULLWIDTH_CHARACTERS'], 'judged as the address without the stop')
  const ascii = checkEmail('taro@gmail.com..', ctx, 'en')
  t.match(ascii, { accepted: false, syntaxValid: false, suggestion: 'taro@gmail.com' })
  t.match(ascii.reasons, [{ code: 'INVALID_SYNTAX', rule: 'domain-trailing-dot' }])
  t.equal(checkEmail('taro.', ctx, 'en').suggestion, null, 'no suggestion when stripping does not help')
})

t.test('trims surrounding spaces, ASCII and ideographic, and says so', async (t) => {
  const v = checkEmail('\u3000 taro@acme.co.jp\t\n', ctx, 'en')
  t.match(v, { accepted: true, trimmed: true, normalized: 'taro@acme.co.jp', email: '\u3000 taro@acme.co.jp\t\n' })
  t.same(v.warnings.map((w) => w.code), ['WHITESPACE_TRIMMED'])
  t.same(checkEmail('taro@acme.co.jp', ctx, 'en').warnings, [])
})

t.test('refuses a non-ASCII local part unless SMTPUTF8 is allowed', async (t) => {
  const v = checkEmail('太郎@acme.co.jp', ctx, 'en')
  t.match(v, { accepted: false, syntaxValid: true, normalized: '太郎@acme.co.jp', ascii: null })
  t.same(v.reasons.map((r) => r.code), ['NON_ASCII_LOCAL_PART'])
  t.same(codes('太郎@gmail.com'), ['NON_ASCII_LOCAL_PART', 'FREE_MAIL'])
  const open = await context(undefined, true)
  t.match(checkEmail('太郎@acme.co.jp', open, 'en'), { accepted: true, ascii: null, normalized: '太郎@acme.co.jp' })
})

t.test('syntax errors carry the rule, the character and a message in the right language', async (t) => {
  const v = checkEmail('taro\u200b@acme.co.jp', ctx, 'ja')
  t.match(v, { syntaxValid: false, accepted: false, normalized: null, domain: null })
  t.match(v.reasons[0], { code: 'INVALID_SYNTAX', rule: 'invisible-character', character: { position: 5, codePoint: 'U+200B' } })
  t.match(v.reasons[0]?.message, /5文字目/, 'the message says where, counted as the person counts')
  t.notMatch(v.reasons[0]?.message, /U\+/, 'never a code point: that is in character, for the helpdesk')
  t.match(v.reasons[0]?.message, /[ぁ-ん]/)
  t.notMatch(checkEmail('taro\u200b@acme.co.jp', ctx, 'en').reasons[0]?.message, /[ぁ-ん]/)
})

t.test('a chosen partner type the company does not hold is refused, naming the types it holds', async (t) => {
  const training = partnerTypeById('training')!
  const si = partnerTypeById('system-integrator')!
  const reseller = partnerTypeById('solution-provider')!
  const v = checkEmail('taro@osaka.west.acme.co.jp', ctx, 'ja', training)
  t.match(v, { accepted: false, partnerType: { id: 'training', en: 'Training' } })
  t.same(v.reasons.map((r) => r.code), ['PARTNER_TYPE_MISMATCH'])
  t.equal(
    v.reasons[0]?.message,
    '貴社は「リセラー」として登録されており、選択されたパートナータイプ「トレーニング（Training）」とは異なります。パートナータイプは「リセラー」をご選択ください。ご不明な場合は、お手数ですが担当営業までお問い合わせください。',
    'at the subsidiary west.acme.co.jp: its own type, not its parent’s; an English portal name in Japanese text comes with its Japanese name',
  )
  const group = checkEmail('taro@acme.co.jp', ctx, 'ja', training).reasons[0]?.message
  t.match(group, /貴社は「システムインテグレーター」、「リセラー」として登録されており.*パートナータイプは「システムインテグレーター」または「リセラー」をご選択ください。/)
  t.notMatch(group, /または.*または/, 'one または')
  t.match(checkEmail('taro@acme.co.jp', ctx, 'en', training).reasons[0]?.message, /registered as “System Integrator” and “Solution Provider”, not “Training”\. Please choose “System Integrator” or “Solution Provider”/)

  t.equal(checkEmail('taro@acme.co.jp', ctx, 'en', si).accepted, true, 'either group company holding it will do')
  t.equal(checkEmail('taro@acme.co.jp', ctx, 'en', reseller).accepted, true)
  t.same(checkEmail('taro@acme.co.jp', ctx, 'en', si).partners.map((p) => p.partnerTypeIds), [['system-integrator'], ['solution-provider']])
  t.equal(checkEmail('user@さくら技研.jp', ctx, 'en', training).accepted, true, 'a partner whose types are not registered is not held to any')
  t.same(codes('x@gmail.com'), ['FREE_MAIL'])
  t.same(checkEmail('x@gmail.com', ctx, 'en', training).reasons.map((r) => r.code), ['FREE_MAIL'], 'no partner, no type check')
  t.equal(checkEmail('taro@acme.co.jp', ctx, 'en').partnerType, null)
})

t.test('accepted is true exactly when there are no reasons', async (t) => {
  for (const email of ['taro@acme.co.jp', 'x@gmail.com', '', 'ｔ@acme.co.jp', '太郎@acme.co.jp', 'x@unknown.jp']) {
    const v = checkEmail(email, ctx, 'en')
    t.equal(v.accepted, v.reasons.length === 0, email)
  }
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

t.test('the corners of the verdict: a valid carrier address, a top-level domain with none near it, a chosen type in full', async (t) => {
  t.same(codes('taro@docomo.ne.jp'), ['FREE_MAIL'], 'a well-formed carrier address is no legacy one')
  t.match(checkEmail('taro@acme.qqqqqqq', ctx, 'en'), { syntaxValid: false, reasons: [{ code: 'INVALID_SYNTAX', rule: 'domain-invalid-tld' }], warnings: [], partners: [], suggestion: null })
  t.equal(checkEmail('ﾀﾛｳ@acme.co.jp', ctx, 'en').suggestion, null, 'full-width kana stand for a name part most systems refuse: no suggestion')
  const type = partnerTypeById('system-integrator')!
  t.same(checkEmail('taro@acme.co.jp', ctx, 'en', type).partnerType, { id: type.id, en: type.en, ja: type.ja, aliases: [...type.aliases] })
})
