import t from 'tap'
import { checkEmail } from '../../src/core/check.js'
import { composeReasons, REASON_ORDER, SHORT } from '../../src/core/compose.js'
import { withDeliverability } from '../../src/core/deliverability.js'
import { LANGS, REASON_CODES } from '../../src/core/messages.js'
import { context } from '../support/helpers.js'

const ctx = await context()
// What a message gives as an instruction: ご登録ください, ご入力ください, please register …
const INSTRUCTION = { ja: /ください。/g, en: /\bplease\b/gi }

t.test('several reasons read as one: the most important in full, the others short, one instruction', async (t) => {
  for (const lang of LANGS) {
    for (const email of ['taro..hanako@docomo.ne.jp', 'taro.@ezweb.ne.jp', 'ｔａｒｏ＠ｇｍａｉｌ．ｃｏｍ', 'taro@gmsil.com', '太郎@unknown-company.jp']) {
      const v = checkEmail(email, ctx, lang)
      t.ok(v.reasons.length > 1, `${email}: several reasons`)
      const all = v.reasons.map((r) => r.message).join('')
      t.equal(all.match(INSTRUCTION[lang])?.length, 1, `${email} (${lang}): one instruction in ${all}`)
      const orders = v.reasons.map((r) => REASON_ORDER.indexOf(r.code))
      t.same(orders, [...orders].sort((a, b) => a - b), `${email}: most important first`)
    }
  }
  const carrier = checkEmail('taro..hanako@docomo.ne.jp', ctx, 'ja')
  t.same(carrier.reasons.map((r) => r.code), ['LEGACY_CARRIER_ADDRESS', 'FREE_MAIL'])
  t.match(carrier.reasons[0]!.message, /^2009年頃まで携帯キャリア（docomo\.ne\.jp）で発行されていた.*会社のメールアドレスでご登録ください。$/)
  t.equal(carrier.reasons[1]!.message, 'なお、docomo.ne.jp はフリーメール・個人向けメールのドメインの一覧に含まれています。')
})

t.test('a single reason keeps its full message; every code has a short form in both languages', async (t) => {
  t.equal(checkEmail('x@gmail.com', ctx, 'ja').reasons[0]!.message.match(INSTRUCTION.ja)?.length, 1)
  t.same(composeReasons([], 'en'), [])
  for (const code of REASON_CODES) {
    t.ok(REASON_ORDER.includes(code), `${code} has a place in the order`)
    for (const lang of LANGS) t.notMatch(SHORT[code][lang]({ domain: 'd.jp', meant: 'm.jp', chosen: { en: 'E', ja: 'J' } }), INSTRUCTION[lang], `${code} ${lang} short form gives no instruction`)
  }
})

t.test('a typo of a free-mail or disposable domain: what was meant, and that personal mail cannot be used, in one message', async (t) => {
  const v = checkEmail('taro@gmsil.com', ctx, 'ja')
  t.equal(v.reasons[0]!.code, 'POSSIBLE_TYPO')
  t.equal(
    v.reasons[0]!.message,
    'ドメイン gmsil.com は gmail.com の入力間違いと思われます。gmail.com はフリーメール（個人向けのメールサービス）のため、パートナーアカウントにはご利用いただけません。会社のメールアドレスでご登録ください。',
  )
  t.notMatch(v.reasons.map((r) => r.message).join(''), /gmsil\.com はフリーメールまたは個人向けのメールサービス|gmsil\.com は使い捨て（/, 'the typo is not described as a mail service of its own')
  // A typo of a partner's domain is still just a typo to correct.
  t.equal(checkEmail('taro@acme.co.jq', ctx, 'ja').reasons[0]!.message, 'ドメイン acme.co.jq は acme.co.jp の入力間違いではありませんか。@より後ろのつづりをご確認ください。')
})

t.test('no mail server after another reason is given in the short form', async (t) => {
  const v = withDeliverability(checkEmail('taro@unknown-company.jp', ctx, 'ja'), { status: 'no-mail-server', detail: 'NXDOMAIN' } as never, 'ja')
  t.same(v.reasons.map((r) => r.code), ['NOT_PARTNER', 'NO_MAIL_SERVER'])
  t.equal(v.reasons[1]!.message, 'また、unknown-company.jp はメールを受信できません。')
  // Alone, it is given in full. No verdict from checkEmail reaches that today (a partner's domain
  // is only warned about, any other domain already has a reason), so the verdict is made by hand:
  // withDeliverability must not depend on that.
  const bare = { ...checkEmail('taro@unknown-company.jp', ctx, 'ja'), reasons: [], accepted: true }
  const alone = withDeliverability(bare, { status: 'no-mail-server', detail: 'no-domain', mailHosts: [] } as never, 'ja')
  t.match(alone.reasons, [{ code: 'NO_MAIL_SERVER', message: /^ドメイン unknown-company\.jp はメールを受信できません（メールサーバーがありません）。.*ご使用ください。$/ }])
})

t.test('the ROLE_ACCOUNT warning says the person may continue, and why their own address is better', async (t) => {
  const ja = checkEmail('info@acme.co.jp', ctx, 'ja')
  t.equal(ja.accepted, true)
  t.match(ja.warnings, [{ code: 'ROLE_ACCOUNT', message: /^共有のメールアドレス（info@ や eigyo@ など）のようです。このままご登録いただけます。.*ご本人に届き/ }])
  t.notMatch(ja.warnings[0]!.message, /ご登録ください/, 'not worded as a refusal')
  t.match(checkEmail('info@acme.co.jp', ctx, 'en').warnings, [{ message: /You can continue with it\..*password resets reach you/ }])
  const refused = checkEmail('info@acme.co.jp', { ...ctx, options: { ...ctx.options, roleAccounts: 'refuse' } }, 'ja')
  t.match(refused.reasons, [{ code: 'ROLE_ACCOUNT', message: /はご登録いただけません。.*ご本人の会社のメールアドレスでご登録ください。$/ }])
})

t.test('NOT_PARTNER says what the helpdesk needs and how to reach the partner contact, one word for the company', async (t) => {
  const [ja] = checkEmail('taro@unknown-company.jp', ctx, 'ja').reasons
  t.match(ja!.message, /貴社のパートナー担当者様にご確認ください/)
  t.match(ja!.message, /担当営業/)
  t.match(ja!.message, /貴社名とこのドメイン（unknown-company\.jp）をお知らせください。$/)
  t.notMatch(ja!.message, /会社のメールアドレスをご使用ください|所属企業/, 'not told to use the company address they used')
  t.match(checkEmail('taro@unknown-company.jp', ctx, 'en').reasons[0]!.message, /give your company's name and this domain \(unknown-company\.jp\)/)
  for (const email of ['x@gmail.com', 'x@mailinator.com', 'taro@unknown-company.jp']) t.notMatch(checkEmail(email, ctx, 'ja').reasons[0]!.message, /所属企業/, email)
})

t.test('a reason not made by the check keeps its own message', async (t) => {
  const reasons = [
    { code: 'NOT_PARTNER' as const, message: 'b' },
    { code: 'FREE_MAIL' as const, message: 'a' },
  ]
  t.same(composeReasons(reasons, 'en'), [reasons[1], reasons[0]])
})

t.test('every short form is one sentence in its language, naming what its full message names', async (t) => {
  const p = { domain: 'd.example.jp', meant: 'm.example.jp', chosen: { en: 'Reseller', ja: '販売店' }, found: ['ｔａｒｏ'], kinds: ['fullwidth'] as const }
  const aboutDomain = new Set(['DISPOSABLE', 'FREE_MAIL', 'NOT_PARTNER', 'POSSIBLE_TYPO', 'CONFUSABLE_DOMAIN', 'NO_MAIL_SERVER'])
  for (const code of REASON_CODES) {
    const en = SHORT[code].en(p)
    const ja = SHORT[code].ja(p)
    t.match(en, /^[A-Zd].{20,}\.$/, `${code} en: a sentence`)
    t.match(ja, /^[^\s].*[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}].*。$/u, `${code} ja: a sentence in Japanese`)
    t.notMatch(`${en}${ja}`, /undefined|\$\{/, `${code}: every part filled in`)
    if (aboutDomain.has(code)) for (const s of [en, ja]) t.ok(s.includes('d.example.jp'), `${code}: names the domain`)
  }
  for (const lang of LANGS) {
    t.ok(SHORT.POSSIBLE_TYPO[lang](p).includes('m.example.jp'), `${lang}: the typo names the domain meant`)
    t.ok(SHORT.PARTNER_TYPE_MISMATCH[lang](p).includes(p.chosen[lang]), `${lang}: the type chosen, in the language read`)
    t.ok(SHORT.FULLWIDTH_CHARACTERS[lang](p).includes('ｔａｒｏ'), `${lang}: what was typed`)
  }
  // … and what kind of character it is, in words of the language read.
  t.match(SHORT.FULLWIDTH_CHARACTERS.en({ ...p, kinds: ['halfwidth-kana'] }), /It also contains half-width katakana \(ｔａｒｏ\)\./)
  t.match(SHORT.FULLWIDTH_CHARACTERS.ja({ ...p, kinds: ['fullwidth', 'other'] }), /^また、全角の英数字・記号・丸数字や合字などの特殊な文字（ｔａｒｏ）が含まれています。$/)
})
