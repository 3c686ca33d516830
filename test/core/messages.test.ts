import t from 'tap'
import { negotiateLang, REASON_CODES, REASONS, reasonMessage, SYNTAX_MESSAGES, warningMessage, WARNINGS } from '../../src/core/messages.js'
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

t.test('the full-width message names each kind of character found, and what to do for it', async (t) => {
  const m = (kinds: ('fullwidth' | 'halfwidth-kana' | 'other')[], suggestion?: string) => {
    const p = { found: ['ｔａｒｏ', '＠'], kinds, ...(suggestion ? { suggestion } : {}) }
    return { en: REASONS.FULLWIDTH_CHARACTERS.en(p), ja: REASONS.FULLWIDTH_CHARACTERS.ja(p) }
  }
  const full = m(['fullwidth'], 'taro@acme.co.jp')
  t.equal(full.en, 'The address contains full-width letters or symbols (ｔａｒｏ, ＠). Please switch your keyboard to half-width alphanumeric input and type it again. Did you mean taro@acme.co.jp?')
  t.equal(full.ja, '全角の英数字・記号（ｔａｒｏ、＠）が含まれています。入力モードを半角英数字に切り替えて、もう一度ご入力ください。（半角では taro@acme.co.jp です）')
  const kana = m(['fullwidth', 'halfwidth-kana'], 'taro@acme.co.jp')
  t.match(kana.en, /contains full-width letters or symbols and half-width katakana \(ｔａｒｏ, ＠\)\. Please switch your keyboard/)
  t.match(kana.ja, /^全角の英数字・記号・半角カタカナ（ｔａｒｏ、＠）が含まれています。入力モードを半角英数字に/)
  t.match(kana.ja, /（taro@acme\.co\.jp ではありませんか）$/, 'not "in half-width" when more than full-width was changed')
  // Characters no input mode types (①, ﬁ): typed again plainly, not by switching the IME.
  const other = m(['other'], 'taro@acme.co.jp')
  t.match(other.en, /contains special characters such as circled numbers or ligatures \(ｔａｒｏ, ＠\)\. Please type it again using ordinary half-width letters, digits and symbols\. Did you mean taro@acme\.co\.jp\?$/)
  t.match(other.ja, /^丸数字や合字などの特殊な文字（ｔａｒｏ、＠）が含まれています。通常の半角英数字・記号で、もう一度ご入力ください。（taro@acme\.co\.jp ではありませんか）$/)
  t.equal(REASONS.FULLWIDTH_CHARACTERS.en({}), 'The address contains full-width letters or symbols. Please switch your keyboard to half-width alphanumeric input and type it again.', 'nothing found to name: full-width by default')
})

t.test('the look-alike message: what it looks like, what was meant, in both languages', async (t) => {
  const p = (kind: 'dash' | 'mixed-scripts' | 'lookalike', meant?: string) => ({ domain: 'acmeーsys.co.jp', kind, ...(meant ? { meant } : {}) })
  t.match(REASONS.CONFUSABLE_DOMAIN.en(p('dash', 'acme-sys.co.jp')), /^The domain acmeーsys\.co\.jp contains a long-vowel mark or dash .* Please type the hyphen in half-width: acme-sys\.co\.jp\.$/)
  t.match(REASONS.CONFUSABLE_DOMAIN.ja(p('dash', 'acme-sys.co.jp')), /^ドメイン acmeーsys\.co\.jp に、ハイフン（-）の代わりに.*ハイフンを半角でご入力ください（acme-sys\.co\.jp）。$/)
  t.match(REASONS.CONFUSABLE_DOMAIN.en(p('dash')), /Please type the hyphen in half-width\.$/)
  t.match(REASONS.CONFUSABLE_DOMAIN.ja(p('dash')), /ハイフンを半角でご入力ください。$/)
  t.match(REASONS.CONFUSABLE_DOMAIN.en(p('mixed-scripts')), /^The domain acmeーsys\.co\.jp mixes letters of different alphabets .* Please type your company's domain again by hand\.$/)
  t.match(REASONS.CONFUSABLE_DOMAIN.ja(p('mixed-scripts')), /^ドメイン acmeーsys\.co\.jp に、見た目の似た異なる種類の文字.*貴社のドメインを手入力でご入力ください。$/)
  t.match(REASONS.CONFUSABLE_DOMAIN.en(p('lookalike', 'acme.co.jp')), /^The domain acmeーsys\.co\.jp looks like acme\.co\.jp but is a different domain.* Please type your company's domain again by hand\.$/)
  t.match(REASONS.CONFUSABLE_DOMAIN.ja(p('lookalike', 'acme.co.jp')), /^ドメイン acmeーsys\.co\.jp は acme\.co\.jp に見えますが、.*貴社のドメインを手入力でご入力ください。$/)
})

t.test('a typo message says what was meant, and whether that can be used', async (t) => {
  const p = { domain: 'gmial.com', meant: 'gmail.com' }
  t.match(REASONS.POSSIBLE_TYPO.en({ ...p, meantListed: 'free' }), /^The domain gmial\.com is probably a typo of gmail\.com\. gmail\.com is a free, personal mail service, which cannot be used for a partner account: please register with your work email address\.$/)
  t.match(REASONS.POSSIBLE_TYPO.ja({ ...p, meantListed: 'free' }), /^ドメイン gmial\.com は gmail\.com の入力間違いと思われます。gmail\.com はフリーメール（個人向けのメールサービス）のため、.*会社のメールアドレスでご登録ください。$/)
  t.equal(REASONS.POSSIBLE_TYPO.en({ domain: 'acme.co.jpp', meant: 'acme.co.jp' }), 'The domain acme.co.jpp looks like a typo of acme.co.jp. Please check the spelling of the part after the @.')
  t.equal(REASONS.POSSIBLE_TYPO.ja({ domain: 'acme.co.jpp', meant: 'acme.co.jp' }), 'ドメイン acme.co.jpp は acme.co.jp の入力間違いではありませんか。@より後ろのつづりをご確認ください。')
})

t.test('every message about a domain names it, in both languages', async (t) => {
  const p = { domain: 'named-x.example.jp' }
  for (const [code, entry] of [...Object.entries(REASONS), ...Object.entries(WARNINGS)]) {
    if (!/\$\{p\.domain\}/.test(`${entry.en}`)) continue
    t.ok(entry.en(p).includes(p.domain), `${code} en`)
    t.ok(entry.ja(p).includes(p.domain), `${code} ja`)
  }
  t.match(WARNINGS.DELIVERABILITY_UNKNOWN.en(p), /^We could not check whether named-x\.example\.jp receives email right now\. If the address is correct, you can continue\.$/)
  t.match(REASONS.LEGACY_CARRIER_ADDRESS.ja(p), /携帯キャリア（named-x\.example\.jp）/)
})

t.test('a character the rule is about is quoted, where it stands, in both languages', async (t) => {
  const p = { char: '・', position: 7 }
  t.match(SYNTAX_MESSAGES['idn-context'].en(p), /^The character “・” after the “@” \(character 7 of what was typed\) can be used/)
  t.match(SYNTAX_MESSAGES['idn-context'].ja(p), /^「@」より後ろの文字「・」（7文字目）は、/)
  t.match(SYNTAX_MESSAGES['idn-context'].en({}), /^The character after the “@” can be used/)
  t.match(SYNTAX_MESSAGES['invalid-local-character'].en({ char: ',', position: 3 }), /cannot use: “,” \(character 3 of what was typed\)\. Please check/)
  t.match(SYNTAX_MESSAGES['invalid-local-character'].ja({ char: ',', position: 3 }), /メールアドレスに使えない文字「,」が含まれています（3文字目）。/)
  t.match(SYNTAX_MESSAGES.whitespace.en({ position: 3 }), /contains a space \(character 3 of what was typed\)\./)
  t.match(SYNTAX_MESSAGES['invisible-character'].ja({ position: 3 }), /制御文字が含まれています（3文字目）。/)
})

t.test('Accept-Language: equal qualities, the first named wins; parameters other than q are ignored', async (t) => {
  t.equal(negotiateLang('en;q=0.5, ja;q=0.5'), 'en')
  t.equal(negotiateLang('ja;q=0.5, en;q=0.5'), 'ja')
  t.equal(negotiateLang('ja;level=1, en;q=0.9'), 'ja')
  t.equal(negotiateLang('en;charset=utf-8, ja;q=0.5'), 'en', 'a parameter that is not q leaves q at 1')
  t.equal(negotiateLang('en;Q=0.1, ja;q=0.2'), 'ja', 'the parameter name in any case')
  t.equal(negotiateLang(' ja-JP ;q=0.7 , en;q=0.6'), 'ja', 'spaces around a tag')
  t.equal(negotiateLang('en; q=0.3, ja; q=0.4'), 'ja', 'spaces before a parameter')
  t.equal(negotiateLang('ja;q, en;q=0.1'), 'en', 'a q without a value counts for nothing')
})

t.test('every code says what it means, for the README and the OpenAPI document: a sentence of its own', async (t) => {
  const meanings = [...Object.entries(REASONS), ...Object.entries(WARNINGS)].map(([code, entry]) => [code, entry.meaning] as const)
  for (const [code, meaning] of meanings) t.match(meaning, /^[A-Z`].{30,}[.)]$/s, code)
  t.equal(new Set(meanings.map(([, m]) => m)).size, meanings.length, 'no two alike')
})

t.test('details left out read as plain sentences; kinds mixed with special characters are typed again, not switched', async (t) => {
  t.equal(SYNTAX_MESSAGES['invalid-local-character'].en({}), 'The part before the “@” contains a character that email addresses cannot use. Please check the address and enter it again.')
  t.equal(SYNTAX_MESSAGES['invalid-local-character'].ja({}), '「@」より前に、メールアドレスに使えない文字が含まれています。ご確認のうえ再度ご入力ください。')
  t.equal(REASONS.FULLWIDTH_CHARACTERS.ja({}), '全角の英数字・記号が含まれています。入力モードを半角英数字に切り替えて、もう一度ご入力ください。')
  t.match(REASONS.FULLWIDTH_CHARACTERS.ja({ suggestion: 'taro@acme.co.jp' }), /（半角では taro@acme\.co\.jp です）$/, 'full-width unless told otherwise')
  const mixed = { found: ['ｔａｒｏ', '①'], kinds: ['fullwidth', 'other'] as const }
  t.match(REASONS.FULLWIDTH_CHARACTERS.en(mixed), /Please type it again using ordinary half-width letters/)
  t.match(REASONS.FULLWIDTH_CHARACTERS.ja(mixed), /通常の半角英数字・記号で、もう一度ご入力ください。/)
  t.match(SYNTAX_MESSAGES.whitespace.ja({ position: 3 }), /空白が含まれています（3文字目）。/)
})

t.test('partner-type names: two joined with "and"; a Japanese name with Latin letters in it is Japanese; the first alias with Japanese in it', async (t) => {
  const [si, alliance] = ['system-integrator', 'alliance-partners-oem'].map((id) => PARTNER_TYPES.find((p) => p.id === id)!)
  t.match(REASONS.PARTNER_TYPE_MISMATCH.en({ types: [si!, alliance!], chosen: si }), /registered as “System Integrator” and “Alliance Partners\/OEM”, not/)
  t.match(REASONS.PARTNER_TYPE_MISMATCH.ja({ types: [alliance!], chosen: si }), /^貴社は「アライアンスパートナー\/OEM」として登録/)
  t.match(REASONS.PARTNER_TYPE_MISMATCH.ja({ types: [{ en: 'X', ja: 'SIパートナー', aliases: ['エスアイ'] }] }), /^貴社は「SIパートナー」として登録/)
  const embedded = (aliases: string[]) => REASONS.PARTNER_TYPE_MISMATCH.ja({ types: [{ en: 'Embedded', ja: 'Embedded', aliases }] })
  t.match(embedded(['Embed', '組込みOEM', 'エンベデッド']), /^貴社は「組込みOEM（Embedded）」として/)
  t.match(embedded(['Embed', 'OEM組込み', 'エンベデッド']), /^貴社は「OEM組込み（Embedded）」として/)
})

t.test('reasonMessage and warningMessage: a syntax rule’s own message, else the code’s', async (t) => {
  t.equal(reasonMessage('FREE_MAIL', 'ja', { domain: 'gmail.com' }), REASONS.FREE_MAIL.ja({ domain: 'gmail.com' }))
  t.equal(reasonMessage('INVALID_SYNTAX', 'en', {}, 'missing-at'), SYNTAX_MESSAGES['missing-at'].en({}))
  t.equal(reasonMessage('INVALID_SYNTAX', 'ja'), REASONS.INVALID_SYNTAX.ja({}))
  t.equal(warningMessage('DELIVERABILITY_UNKNOWN', 'en', { domain: 'x.jp' }), WARNINGS.DELIVERABILITY_UNKNOWN.en({ domain: 'x.jp' }))
  t.equal(warningMessage('WHITESPACE_TRIMMED', 'ja'), WARNINGS.WHITESPACE_TRIMMED.ja({}))
})
