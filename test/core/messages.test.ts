import t from 'tap'
import { negotiateLang, REASON_CODES, REASONS, SYNTAX_MESSAGES, WARNINGS } from '../../src/core/messages.js'
import { SYNTAX_RULES } from '../../src/core/syntax.js'
import { PARTNER_TYPES } from '../../src/core/partner-types.js'

const params = { domain: 'gmail.com', suggestion: 'taro@acme.co.jp', char: '_', codePoint: 'U+005F', position: 5, types: [PARTNER_TYPES[3]], chosen: PARTNER_TYPES[1], meant: 'gmail.com' }
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/

t.test('every code and rule has a Japanese and an English message', async (t) => {
  const entries = [...Object.entries(REASONS), ...Object.entries(WARNINGS), ...Object.entries(SYNTAX_MESSAGES)]
  t.same(Object.keys(REASONS), [...REASON_CODES])
  t.same(Object.keys(SYNTAX_MESSAGES).sort(), [...SYNTAX_RULES].sort())
  for (const [code, entry] of entries) {
    const en = entry.en(params)
    const ja = entry.ja(params)
    t.ok(en.length > 20 && !JAPANESE.test(en.replace(/[＠ｔａｒｏ]/g, '')), `${code} en`)
    t.ok(JAPANESE.test(ja), `${code} ja`)
  }
})

t.test('messages read well without their optional details', async (t) => {
  for (const [rule, entry] of Object.entries(SYNTAX_MESSAGES)) {
    t.notMatch(entry.en({}), /undefined|“”|: \./, `${rule} en`)
    t.notMatch(entry.ja({}), /undefined|「」/, `${rule} ja`)
  }
  t.match(SYNTAX_MESSAGES['invalid-domain-character'].ja(params), /「_」.*（5文字目）/)
  t.match(SYNTAX_MESSAGES['invalid-domain-character'].en(params), /“_” \(character 5 of what was typed\)/)
  for (const [rule, entry] of Object.entries(SYNTAX_MESSAGES)) {
    t.notMatch(`${entry.en(params)} ${entry.ja(params)}`, /U\+[0-9A-F]{4}/, `${rule}: never a code point, even when one is known`)
  }
})

t.test('list messages name the domain; the full-width message the suggestion', async (t) => {
  for (const code of ['DISPOSABLE', 'FREE_MAIL', 'NOT_PARTNER'] as const) {
    t.match(REASONS[code].en(params), /gmail\.com/)
    t.match(REASONS[code].ja(params), /gmail\.com/)
  }
  t.match(REASONS.FULLWIDTH_CHARACTERS.ja(params), /taro@acme\.co\.jp/)
  t.notMatch(REASONS.FULLWIDTH_CHARACTERS.en({}), /Did you mean/)
  t.notMatch(REASONS.FULLWIDTH_CHARACTERS.ja({}), /半角では/)
})

t.test('Accept-Language picks ja or en by quality, default en', async (t) => {
  const cases: [string | undefined, string][] = [
    [undefined, 'en'],
    ['', 'en'],
    ['ja', 'ja'],
    ['ja-JP', 'ja'],
    ['JA-jp,en;q=0.5', 'ja'],
    ['en-US,ja;q=0.9', 'en'],
    ['fr, ja;q=0.3', 'ja'],
    ['en;q=0.2, ja;q=0.8', 'ja'],
    ['de', 'en'],
    ['ja;q=0', 'en'],
    ['ja;q=abc', 'en'],
    ['*', 'en'],
  ]
  for (const [header, lang] of cases) t.equal(negotiateLang(header), lang, String(header))
  // Headers are remembered, a bounded number of them: answers stay right past the bound.
  for (let round = 0; round < 2; round++) {
    for (let i = 1; i < 600; i++) {
      const ja = i % 3 === 0
      const header = `en;q=0.${ja ? 1 : 9}, ja;q=0.${ja ? 9 : 1}, x-${i}`
      if (negotiateLang(header) !== (ja ? 'ja' : 'en')) t.fail(header)
    }
  }
  for (const [header, lang] of cases) t.equal(negotiateLang(header), lang, `${String(header)}, again`)
})

t.test('the look-alike message says why, in both languages', async (t) => {
  for (const kind of ['dash', 'mixed-scripts', 'lookalike'] as const) {
    for (const meant of ['acme-sys.co.jp', undefined]) {
      if (kind === 'lookalike' && !meant) continue // a look-alike always names what it imitates
      const p = { domain: 'acmeーsys.co.jp', kind, ...(meant ? { meant } : {}) }
      t.notMatch(REASONS.CONFUSABLE_DOMAIN.en(p), /undefined/, `${kind} en`)
      t.match(REASONS.CONFUSABLE_DOMAIN.ja(p), /ドメイン/, `${kind} ja`)
    }
  }
})

t.test('partner-type lists: 「、」 and one または or のいずれか, Japanese names in Japanese text', async (t) => {
  const [isv, reseller, training, si] = ['independent-software-vendor', 'solution-provider', 'training', 'system-integrator'].map((id) => PARTNER_TYPES.find((p) => p.id === id)!)
  const ja = (types: (typeof PARTNER_TYPES)[number][]) => REASONS.PARTNER_TYPE_MISMATCH.ja({ types, chosen: training })
  t.match(ja([si!]), /^貴社は「システムインテグレーター」として登録されており、選択されたパートナータイプ「トレーニング（Training）」とは異なります。パートナータイプは「システムインテグレーター」をご選択ください。/)
  t.match(ja([si!, reseller!]), /パートナータイプは「システムインテグレーター」または「リセラー」をご選択ください。/)
  const three = ja([isv!, si!, reseller!])
  t.match(three, /貴社は「独立系ソフトウェアベンダー」、「システムインテグレーター」、「リセラー」として登録/)
  t.match(three, /パートナータイプは「独立系ソフトウェアベンダー」、「システムインテグレーター」、「リセラー」のいずれかをご選択ください。/)
  t.notMatch(three, /または/)
  t.match(REASONS.PARTNER_TYPE_MISMATCH.en({ types: [isv!, si!, reseller!], chosen: training }), /registered as “Independent Software Vendor”, “System Integrator” and “Solution Provider”, not “Training”\. Please choose “Independent Software Vendor”, “System Integrator” or “Solution Provider”/)
  t.match(REASONS.PARTNER_TYPE_MISMATCH.en({ types: [si!], chosen: training }), /registered as “System Integrator”, not/)
  // A name with no Japanese alias is shown as it is; no chosen type, no name for it.
  t.match(REASONS.PARTNER_TYPE_MISMATCH.ja({ types: [{ en: 'X', ja: 'X' }] }), /^貴社は「X」として登録されており、選択されたパートナータイプとは異なります。/)
})

t.test('a typo of a disposable domain says what was meant and that it cannot be used', async (t) => {
  t.equal(
    REASONS.POSSIBLE_TYPO.ja({ domain: 'mailinater.com', meant: 'mailinator.com', meantListed: 'disposable' }),
    'ドメイン mailinater.com は mailinator.com の入力間違いと思われます。mailinator.com は使い捨てメールのサービスのため、パートナーアカウントにはご利用いただけません。会社のメールアドレスでご登録ください。',
  )
  t.match(REASONS.POSSIBLE_TYPO.en({ domain: 'mailinater.com', meant: 'mailinator.com', meantListed: 'disposable' }), /is probably a typo of mailinator\.com\. mailinator\.com is a disposable mail service, which cannot be used/)
})
