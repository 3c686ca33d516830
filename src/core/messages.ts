// The one catalogue of what a person at the sign-up form is told. Every reason and warning
// code has a message in Japanese and in English that says what is wrong and what to do
// instead; the portal shows them as they are. Codes are stable: other software keys on them.
import type { CompatibilityKind } from './text.js'
import type { SyntaxRule } from './syntax.js'

export const LANGS = ['en', 'ja'] as const
export type Lang = (typeof LANGS)[number]

export const REASON_CODES = [
  'INVALID_SYNTAX',
  'FULLWIDTH_CHARACTERS',
  'NON_ASCII_LOCAL_PART',
  'DISPOSABLE',
  'FREE_MAIL',
  'NOT_PARTNER',
  'PARTNER_TYPE_MISMATCH',
  'POSSIBLE_TYPO',
  'CONFUSABLE_DOMAIN',
  'LEGACY_CARRIER_ADDRESS',
  'ROLE_ACCOUNT',
  'NO_MAIL_SERVER',
] as const
export type ReasonCode = (typeof REASON_CODES)[number]

export const WARNING_CODES = ['WHITESPACE_TRIMMED', 'ROLE_ACCOUNT', 'DELIVERABILITY_UNKNOWN'] as const
export type WarningCode = (typeof WARNING_CODES)[number]

export interface MessageParams {
  domain?: string
  suggestion?: string
  /** The offending character as shown to the person, and its code point (U+XXXX). */
  char?: string
  codePoint?: string
  /** 1-based position of the offending character in the address as typed. */
  position?: number
  /** For PARTNER_TYPE_MISMATCH: the types the company holds, and the one chosen. */
  types?: readonly Named[]
  chosen?: Named
  /** For POSSIBLE_TYPO and CONFUSABLE_DOMAIN: the domain the person probably meant. */
  meant?: string
  /** For POSSIBLE_TYPO: the domain meant is free or disposable mail itself. */
  meantListed?: 'free' | 'disposable'
  /** For CONFUSABLE_DOMAIN: why (a dash look-alike, mixed scripts, a look-alike of a known domain). */
  kind?: 'dash' | 'mixed-scripts' | 'lookalike'
  /** For FULLWIDTH_CHARACTERS: the runs of such characters as typed, and what kinds they are. */
  found?: readonly string[]
  kinds?: readonly CompatibilityKind[]
}

const KIND_WORDS: Record<CompatibilityKind, Named> = {
  fullwidth: { en: 'full-width letters or symbols', ja: '全角の英数字・記号' },
  'halfwidth-kana': { en: 'half-width katakana', ja: '半角カタカナ' },
  other: { en: 'special characters such as circled numbers or ligatures', ja: '丸数字や合字などの特殊な文字' },
}

/** "full-width letters or symbols (ｔａｒｏ, ＠)" / 「全角の英数字・記号（ｔａｒｏ、＠）」 */
export function foundWords(p: MessageParams, lang: Lang): string {
  const kinds = (p.kinds ?? ['fullwidth']).map((k) => KIND_WORDS[k][lang])
  const found = p.found?.length ? (lang === 'ja' ? `（${p.found.join('、')}）` : ` (${p.found.join(', ')})`) : ''
  return `${kinds.join(lang === 'ja' ? '・' : ' and ')}${found}`
}

/** Only full-width input is fixed by the IME's mode; other characters are typed again plainly. */
const imeOnly = (p: MessageParams): boolean => (p.kinds ?? ['fullwidth']).every((k) => k !== 'other')

interface Named {
  en: string
  ja: string
  aliases?: readonly string[]
}

type Text = (p: MessageParams) => string
interface Entry {
  /** What the code means, for the README and the OpenAPI document. */
  meaning: string
  en: Text
  ja: Text
}

/** “A”, “B” or “C”. */
const enList = (types: readonly Named[] = [], last = 'or'): string => {
  const names = types.map((t) => `“${t.en}”`)
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}`
}
/**
 * A type's name in Japanese text: its Japanese name, or, where the portal's Japanese name is
 * English (Training), its first Japanese alias with the portal's name after it.
 */
const jaName = (t: Named): string => {
  if (!/^[\x20-\x7e]+$/.test(t.ja)) return `「${t.ja}」`
  const kana = t.aliases?.find((a) => !/^[\x20-\x7e]+$/.test(a))
  return kana ? `「${kana}（${t.ja}）」` : `「${t.ja}」`
}
/** 「A」、「B」 as a plain enumeration. */
const jaAll = (types: readonly Named[] = []): string => types.map(jaName).join('、')
/** One of them: 「A」 / 「A」または「B」 / 「A」、「B」、「C」のいずれか. */
const jaOneOf = (types: readonly Named[] = []): string =>
  types.length <= 2 ? types.map(jaName).join('または') : `${jaAll(types)}のいずれか`
const jaQuoted = (p: MessageParams): string => (p.char ? `「${p.char}」` : '')
// Where the character is, counted as the person counts: a code point means nothing at the form
// (it stays in the reason's character field, for the helpdesk and the portal's developers).
const at = (p: MessageParams, en: boolean): string =>
  p.position ? (en ? ` (character ${p.position} of what was typed)` : `（${p.position}文字目）`) : ''
const quoted = (p: MessageParams): string => (p.char ? `: “${p.char}”` : '')

const confusableEn = (p: MessageParams): string =>
  p.kind === 'dash'
    ? `The domain ${p.domain} contains a long-vowel mark or dash (such as ー or 一) where a hyphen (-) belongs, which is easy to type by mistake with a Japanese keyboard. Please type the hyphen in half-width${p.meant ? `: ${p.meant}` : ''}.`
    : p.kind === 'mixed-scripts'
      ? `The domain ${p.domain} mixes letters of different alphabets (for example Latin and Cyrillic) that look alike, which is how fake domains are made. Please type your company's domain again by hand.`
      : `The domain ${p.domain} looks like ${p.meant} but is a different domain, written with look-alike characters. Please type your company's domain again by hand.`
const confusableJa = (p: MessageParams): string =>
  p.kind === 'dash'
    ? `ドメイン ${p.domain} に、ハイフン（-）の代わりに長音記号やダッシュ（ー、一 など）が含まれています。日本語入力で起こりやすい誤りです。ハイフンを半角でご入力ください${p.meant ? `（${p.meant}）` : ''}。`
    : p.kind === 'mixed-scripts'
      ? `ドメイン ${p.domain} に、見た目の似た異なる種類の文字（ラテン文字とキリル文字など）が混在しています。偽のドメインによく使われる形です。貴社のドメインを手入力でご入力ください。`
      : `ドメイン ${p.domain} は ${p.meant} に見えますが、見た目の似た別の文字で書かれた異なるドメインです。貴社のドメインを手入力でご入力ください。`

const roleEn = (): string =>
  'Shared mailboxes (such as info@ or sales@) cannot be registered. A partner account belongs to one person: please register with your own work email address.'
const roleJa = (): string =>
  '共有のメールアドレス（info@ や eigyo@ など）はご登録いただけません。パートナーアカウントはお一人ごとのアカウントのため、ご本人の会社のメールアドレスでご登録ください。'
// The warning lets the person go on, and says what their own address would give them.
const roleWarningEn = (): string =>
  'This looks like a shared mailbox (such as info@ or sales@). You can continue with it. A partner account belongs to one person, though: with your own work address, notices and password resets reach you, and the account stays yours if the mailbox changes hands.'
const roleWarningJa = (): string =>
  '共有のメールアドレス（info@ や eigyo@ など）のようです。このままご登録いただけます。ただし、パートナーアカウントはお一人ごとのアカウントです。ご本人の会社のメールアドレスでご登録いただくと、ご案内やパスワード再設定のメールが確実にご本人に届き、共有アドレスの管理者が替わってもアカウントを引き続きご利用いただけます。'

export const REASONS: Record<ReasonCode, Entry> = {
  INVALID_SYNTAX: {
    meaning: 'The address is not a well-formed email address that can be used for sign-up; `rule` says which rule it breaks.',
    en: () => 'This is not a valid email address. Please check it and enter it again, in the form name@your-company.co.jp.',
    ja: () => 'メールアドレスの形式が正しくありません。name@貴社ドメイン の形式になっているか、ご確認のうえ再度ご入力ください。',
  },
  FULLWIDTH_CHARACTERS: {
    meaning:
      'The address contains characters the person did not mean to type: full-width letters and symbols from a Japanese IME (＠, ｔａｒｏ, ．, 。), half-width katakana, or another character that Unicode compatibility normalization (NFKC) would change (①, ㈱, ﬁ, ², …). The message names what was found; `suggestion` holds the address those characters stand for when that one is well-formed.',
    en: (p) =>
      `The address contains ${foundWords(p, 'en')}. ${imeOnly(p) ? 'Please switch your keyboard to half-width alphanumeric input and type it again.' : 'Please type it again using ordinary half-width letters, digits and symbols.'}${p.suggestion ? ` Did you mean ${p.suggestion}?` : ''}`,
    ja: (p) =>
      `${foundWords(p, 'ja')}が含まれています。${imeOnly(p) ? '入力モードを半角英数字に切り替えて、もう一度ご入力ください。' : '通常の半角英数字・記号で、もう一度ご入力ください。'}${p.suggestion ? (p.kinds ?? ['fullwidth']).every((k) => k === 'fullwidth') ? `（半角では ${p.suggestion} です）` : `（${p.suggestion} ではありませんか）` : ''}`,
  },
  NON_ASCII_LOCAL_PART: {
    meaning: 'The part before the @ contains characters other than ASCII letters, digits and symbols, and the service is not configured to accept them (ALLOW_SMTPUTF8).',
    en: () =>
      'The part before the @ contains characters other than half-width letters, digits and symbols (for example Japanese characters), which many mail systems cannot deliver to. Please use an address whose name part is in half-width alphanumerics.',
    ja: () =>
      '@より前の部分に、半角英数字・記号以外の文字（日本語など）が含まれています。このようなアドレスには届かないメールシステムが多いため、@より前が半角英数字のメールアドレスをご使用ください。',
  },
  DISPOSABLE: {
    meaning: 'The domain, or a parent of it, is a disposable (throwaway) mail service. `source` names the list and entry that matched.',
    en: (p) =>
      `${p.domain} is a disposable (temporary) email service and cannot be used for a partner account. Please register with your email address at your company's domain.`,
    ja: (p) =>
      `${p.domain} は使い捨て（一時的な）メールアドレスのサービスのため、パートナーアカウントにはご利用いただけません。貴社ドメインの会社のメールアドレスでご登録ください。`,
  },
  FREE_MAIL: {
    meaning: 'The domain, or a parent of it, is a free or consumer mail service (webmail, ISP, mobile carrier). `source` names the list and entry that matched.',
    en: (p) =>
      `${p.domain} is a free or personal mail service (like Gmail, Yahoo! Mail or a mobile carrier address). Your account can only be linked to your company when you register with an address at your company's own domain. Please use your work email address.`,
    ja: (p) =>
      `${p.domain} はフリーメールまたは個人向けのメールサービス（Gmail、Yahoo!メール、携帯キャリアのメールなど）です。貴社ドメインのメールアドレスでないと、貴社のパートナー登録に紐付けできません。会社のメールアドレスでご登録ください。`,
  },
  NOT_PARTNER: {
    meaning: 'The domain is not a registered partner domain, nor a subdomain of one.',
    en: (p) =>
      `${p.domain} is not registered as the domain of a partner company. If this is your work address, your company may not be registered yet, or may be registered with another domain: please ask your company's partner contact (your sales representative can tell you who that is). When you contact the partner helpdesk, please give your company's name and this domain (${p.domain}).`,
    ja: (p) =>
      `${p.domain} はパートナー企業のドメインとして登録されていません。会社のメールアドレスでご入力の場合は、貴社がまだ登録されていないか、別のドメインで登録されている可能性があります。貴社のパートナー担当者様にご確認ください（担当者様がご不明な場合は、担当営業がご案内します）。パートナーヘルプデスクにお問い合わせの際は、貴社名とこのドメイン（${p.domain}）をお知らせください。`,
  },
  PARTNER_TYPE_MISMATCH: {
    meaning:
      'The address is at a registered partner, but the partner type chosen is not one the company holds. The message names the types it holds; `partners[].partnerTypes` lists them.',
    en: (p) =>
      `Your company is registered as ${enList(p.types, 'and')}, not “${p.chosen?.en}”. Please choose ${enList(p.types)} as the partner type. If you are not sure of your company's partner type, please ask your sales representative.`,
    ja: (p) =>
      `貴社は${jaAll(p.types)}として登録されており、選択されたパートナータイプ${p.chosen ? jaName(p.chosen) : ''}とは異なります。パートナータイプは${jaOneOf(p.types)}をご選択ください。ご不明な場合は、お手数ですが担当営業までお問い合わせください。`,
  },
  POSSIBLE_TYPO: {
    meaning:
      'The domain is one or two edits away from a well-known mail domain or a registered partner domain, and is not itself known. `suggestion` holds the corrected address.',
    en: (p) =>
      p.meantListed
        ? `The domain ${p.domain} is probably a typo of ${p.meant}. ${p.meant} is ${p.meantListed === 'free' ? 'a free, personal' : 'a disposable'} mail service, which cannot be used for a partner account: please register with your work email address.`
        : `The domain ${p.domain} looks like a typo of ${p.meant}. Please check the spelling of the part after the @.`,
    ja: (p) =>
      p.meantListed
        ? `ドメイン ${p.domain} は ${p.meant} の入力間違いと思われます。${p.meant} は${p.meantListed === 'free' ? 'フリーメール（個人向けのメールサービス）' : '使い捨てメールのサービス'}のため、パートナーアカウントにはご利用いただけません。会社のメールアドレスでご登録ください。`
        : `ドメイン ${p.domain} は ${p.meant} の入力間違いではありませんか。@より後ろのつづりをご確認ください。`,
  },
  CONFUSABLE_DOMAIN: {
    meaning:
      'The domain renders like a partner or well-known domain but is not it (look-alike characters, a long-vowel mark or dash for a hyphen), or mixes scripts beyond the Highly Restrictive level of UTS #39.',
    en: confusableEn,
    ja: confusableJa,
  },
  LEGACY_CARRIER_ADDRESS: {
    meaning:
      'An old docomo or au address with consecutive dots or a dot before the @, as the carriers issued until 2009. It is real, but breaks RFC 5322: many systems cannot send to it.',
    en: (p) =>
      `This is an older mobile-carrier address (${p.domain}) with two dots in a row or a dot right before the @, a form the carriers issued until 2009. Many mail systems cannot send to it, and carrier mail cannot be linked to a partner company anyway: please register with your work email address.`,
    ja: (p) =>
      `2009年頃まで携帯キャリア（${p.domain}）で発行されていた、ドットが連続する、または@の直前にドットがある形式のアドレスです。このアドレスには送信できないメールシステムが多く、また携帯キャリアのアドレスはパートナー企業に紐付けできません。会社のメールアドレスでご登録ください。`,
  },
  ROLE_ACCOUNT: {
    meaning: 'The local part names a function rather than a person; a reason only when the operator sets ROLE_ACCOUNTS=refuse (otherwise a warning).',
    en: roleEn,
    ja: roleJa,
  },
  NO_MAIL_SERVER: {
    meaning: 'Deliverability check: the domain does not exist, publishes a null MX (RFC 7505), or has no MX and no A/AAAA record, so no mail can reach it.',
    en: (p) => `The domain ${p.domain} cannot receive email (it has no mail server). Please check the part after the @ for a typo, and use your company's email address.`,
    ja: (p) => `ドメイン ${p.domain} はメールを受信できません（メールサーバーがありません）。@より後ろに誤りがないかご確認のうえ、会社のメールアドレスをご使用ください。`,
  },
}

export const WARNINGS: Record<WarningCode, Entry> = {
  WHITESPACE_TRIMMED: {
    meaning: 'Spaces (ASCII or the ideographic space U+3000) before or after the address were removed; `normalized` is the address without them.',
    en: () => 'Spaces before or after the address were removed.',
    ja: () => 'メールアドレスの前後にあった空白を取り除きました。',
  },
  ROLE_ACCOUNT: {
    meaning: 'The local part names a function (info, sales, support, eigyo, soumu …) rather than a person. A warning unless ROLE_ACCOUNTS=refuse makes it a reason.',
    en: roleWarningEn,
    ja: roleWarningJa,
  },
  DELIVERABILITY_UNKNOWN: {
    meaning: 'The deliverability check could not finish (a DNS timeout or failure within the time budget); the address was not refused for it.',
    en: (p) => `We could not check whether ${p.domain} receives email right now. If the address is correct, you can continue.`,
    ja: (p) => `${p.domain} がメールを受信できるかどうかを、現在確認できませんでした。アドレスに誤りがなければ、そのままお進みください。`,
  },
}

/** INVALID_SYNTAX says which rule was broken, so the person knows exactly what to fix. */
export const SYNTAX_MESSAGES: Record<SyntaxRule, { en: Text; ja: Text }> = {
  empty: {
    en: () => 'Please enter your email address.',
    ja: () => 'メールアドレスを入力してください。',
  },
  'too-long': {
    en: () => 'This is too long to be an email address. Please enter just your email address.',
    ja: () => 'メールアドレスとしては長すぎます。メールアドレスのみをご入力ください。',
  },
  'invisible-character': {
    en: (p) => `The address contains an invisible or control character${at(p, true)}, often picked up when copying and pasting. Please delete the address and type it again by hand.`,
    ja: (p) => `目に見えない文字や制御文字が含まれています${at(p, false)}。コピー＆ペーストの際に混入することがあります。いったん削除して、手入力でご入力ください。`,
  },
  whitespace: {
    en: (p) => `The address contains a space${at(p, true)}. Email addresses have no spaces; please remove it.`,
    ja: (p) => `メールアドレスの途中に空白が含まれています${at(p, false)}。メールアドレスに空白は使えませんので、取り除いてください。`,
  },
  'missing-at': {
    en: () => 'The address has no “@”. Please enter it in the form name@your-company.co.jp.',
    ja: () => '「@」が含まれていません。name@貴社ドメイン の形式でご入力ください。',
  },
  'multiple-at': {
    en: () => 'The address contains more than one “@”. Please enter a single address, in the form name@your-company.co.jp.',
    ja: () => '「@」が2つ以上含まれています。メールアドレスを1つだけ、name@貴社ドメイン の形式でご入力ください。',
  },
  'empty-local-part': {
    en: () => 'There is nothing before the “@”. Please enter your full address, including your name part.',
    ja: () => '「@」より前が空です。お名前の部分を含めて、メールアドレス全体をご入力ください。',
  },
  'quoted-local-part': {
    en: () => 'Addresses with quotation marks cannot be used for sign-up. Please use an address without quotation marks.',
    ja: () => '引用符（"）を含むメールアドレスは登録にご利用いただけません。引用符を含まないメールアドレスをご使用ください。',
  },
  'invalid-local-character': {
    en: (p) => `The part before the “@” contains a character that email addresses cannot use${quoted(p)}${at(p, true)}. Please check the address and enter it again.`,
    ja: (p) => `「@」より前に、メールアドレスに使えない文字${jaQuoted(p)}が含まれています${at(p, false)}。ご確認のうえ再度ご入力ください。`,
  },
  'local-leading-dot': {
    en: () => 'The address cannot start with a dot (.). Please check the address and enter it again.',
    ja: () => 'メールアドレスの先頭にドット（.）は使えません。ご確認のうえ再度ご入力ください。',
  },
  'local-trailing-dot': {
    en: () => 'The part before the “@” cannot end with a dot (.). Please check the address and enter it again.',
    ja: () => '「@」の直前にドット（.）は使えません。ご確認のうえ再度ご入力ください。',
  },
  'local-consecutive-dots': {
    en: () => 'The address cannot contain two dots in a row (..). Please check the address and enter it again.',
    ja: () => 'ドット（.）を2つ以上続けて使うことはできません（..）。ご確認のうえ再度ご入力ください。',
  },
  'local-too-long': {
    en: () => 'The part before the “@” is longer than the 64 characters email allows. Please check the address.',
    ja: () => '「@」より前の部分が、メールアドレスで使える64文字を超えています。ご確認ください。',
  },
  'empty-domain': {
    en: () => 'There is nothing after the “@”. Please add your company’s domain, as in name@your-company.co.jp.',
    ja: () => '「@」より後ろが空です。name@貴社ドメイン の形式で、貴社のドメインまでご入力ください。',
  },
  'ip-literal': {
    en: () => 'Addresses at an IP address cannot be used for sign-up. Please use an address at your company’s domain name.',
    ja: () => 'IPアドレス形式のメールアドレスは登録にご利用いただけません。貴社ドメイン名のメールアドレスをご使用ください。',
  },
  'invalid-domain-character': {
    en: (p) => `The part after the “@” contains a character that domain names cannot use${quoted(p)}${at(p, true)}. Please check the domain and enter it again.`,
    ja: (p) => `「@」より後ろに、ドメイン名に使えない文字${jaQuoted(p)}が含まれています${at(p, false)}。ご確認のうえ再度ご入力ください。`,
  },
  'invalid-idn': {
    en: () => 'The part after the “@” is not a valid domain name. Please check the domain and enter it again.',
    ja: () => '「@」より後ろが正しいドメイン名ではありません。ご確認のうえ再度ご入力ください。',
  },
  'idn-context': {
    en: (p) => `The character ${p.char ? `“${p.char}” ` : ''}after the “@”${at(p, true)} can be used in domain names only beside certain letters (a katakana middle dot only with Japanese characters in the same part, a middle dot only between two l's), not where it stands here. Please check the domain and enter it again.`,
    ja: (p) => `「@」より後ろの文字${jaQuoted(p)}${at(p, false)}は、ドメイン名では特定の文字と並ぶ場合にしか使えません（中黒「・」は日本語の文字と同じ部分の中でのみ、など）。ドメインをご確認のうえ再度ご入力ください。`,
  },
  'idn-bidi': {
    en: () => 'The part after the “@” mixes right-to-left letters (such as Arabic or Hebrew) with digits or other letters in an order domain names do not allow. Please check the domain and enter it again.',
    ja: () => '「@」より後ろで、アラビア文字やヘブライ文字などの右から左へ書く文字が、ドメイン名では認められない並びで数字や他の文字と混ざっています。ドメインをご確認のうえ再度ご入力ください。',
  },
  'domain-leading-dot': {
    en: () => 'There cannot be a dot (.) right after the “@”. Please check the domain.',
    ja: () => '「@」の直後にドット（.）は使えません。ドメインをご確認ください。',
  },
  'domain-trailing-dot': {
    en: () => 'The address cannot end with a dot (.). Please remove the final dot.',
    ja: () => 'メールアドレスの末尾にドット（.）は使えません。最後のドットを取り除いてください。',
  },
  'domain-consecutive-dots': {
    en: () => 'The domain contains two dots in a row (..). Please check the domain.',
    ja: () => 'ドメインにドット（.）が2つ続いています（..）。ドメインをご確認ください。',
  },
  'domain-hyphen': {
    en: () => 'A part of the domain starts or ends with a hyphen (-), which domain names cannot do. Please check the domain.',
    ja: () => 'ドメインの区切りの先頭または末尾にハイフン（-）があります。ドメインをご確認ください。',
  },
  'domain-reserved-hyphens': {
    en: () => 'The domain has two hyphens in its third and fourth characters (as in ab--c), which is reserved. Please check the domain.',
    ja: () => 'ドメインの3・4文字目にハイフンが2つ続いています（ab--c など）。この形式は予約されています。ドメインをご確認ください。',
  },
  'domain-label-too-long': {
    en: () => 'A part of the domain between dots is longer than the 63 characters allowed. Please check the domain.',
    ja: () => 'ドメインのドットで区切られた部分が、使える63文字を超えています。ドメインをご確認ください。',
  },
  'domain-too-long': {
    en: () => 'The domain is longer than domain names can be. Please check the domain.',
    ja: () => 'ドメインが長すぎます。ドメインをご確認ください。',
  },
  'domain-single-label': {
    en: () => 'The domain is incomplete: it needs a dot, as in your-company.co.jp. Please enter the full domain.',
    ja: () => 'ドメインが不完全です（your-company.co.jp のようにドットが必要です）。ドメインを最後までご入力ください。',
  },
  'domain-invalid-tld': {
    en: () => 'The domain does not end in a valid top-level domain (such as .jp or .com). Please check the end of the address.',
    ja: () => 'ドメインの末尾が正しくありません（.jp や .com など）。アドレスの末尾をご確認ください。',
  },
  'domain-special-use': {
    en: () => 'The domain is a reserved name that cannot receive email (such as .local, .test or localhost). Please use your company’s email address.',
    ja: () => 'ドメインが、メールを受信できない予約済みの名前です（.local、.test、localhost など）。貴社のメールアドレスをご使用ください。',
  },
  'address-too-long': {
    en: () => 'The address is longer than the 254 characters email allows. Please check it.',
    ja: () => 'メールアドレスが、使える254文字を超えています。ご確認ください。',
  },
}

export function reasonMessage(code: ReasonCode, lang: Lang, p: MessageParams = {}, rule?: SyntaxRule): string {
  return rule ? SYNTAX_MESSAGES[rule][lang](p) : REASONS[code][lang](p)
}

export function warningMessage(code: WarningCode, lang: Lang, p: MessageParams = {}): string {
  return WARNINGS[code][lang](p)
}

/**
 * Picks ja or en from an Accept-Language header (RFC 9110 12.5.4): the highest q wins,
 * then the earlier one; anything else, or no header, is English.
 */
export function negotiateLang(header: string | undefined): Lang {
  if (!header) return 'en'
  // A portal's backend sends the same few headers on every request: parse each one once.
  let lang = LANG_OF_HEADER.get(header)
  if (lang === undefined) {
    if (LANG_OF_HEADER.size >= 256) LANG_OF_HEADER.clear()
    LANG_OF_HEADER.set(header, (lang = parseAcceptLanguage(header)))
  }
  return lang
}
const LANG_OF_HEADER = new Map<string, Lang>()

function parseAcceptLanguage(header: string): Lang {
  let best: Lang = 'en'
  let bestQ = 0
  for (const part of header.split(',', 32)) {
    const [tag = '', ...params] = part.split(';')
    const primary = tag.trim().toLowerCase().split('-')[0]
    if (primary !== 'ja' && primary !== 'en') continue
    let q = 1
    for (const param of params) {
      const [k, v] = param.split('=')
      if (k?.trim().toLowerCase() === 'q') q = Number(v)
    }
    if (!(q > bestQ)) continue
    best = primary
    bestQ = q
  }
  return best
}
