// When several reasons apply, the person reads them together: the most important one first with
// its full message (what is wrong and the one thing to do), each other one after it in a short
// form that only says what else is wrong, so that no instruction is given twice.
import type { Reason } from './types.js'
import { foundWords, type Lang, type MessageParams, type ReasonCode } from './messages.js'

/** Most important first: what must be retyped, then what the domain is, then the rest. */
export const REASON_ORDER: readonly ReasonCode[] = [
  'FULLWIDTH_CHARACTERS',
  'INVALID_SYNTAX',
  'CONFUSABLE_DOMAIN',
  'POSSIBLE_TYPO',
  'LEGACY_CARRIER_ADDRESS',
  'NON_ASCII_LOCAL_PART',
  'DISPOSABLE',
  'FREE_MAIL',
  'NOT_PARTNER',
  'NO_MAIL_SERVER',
  'PARTNER_TYPE_MISMATCH',
  'ROLE_ACCOUNT',
]

type Short = (p: MessageParams) => string

/** What else is wrong, in a phrase: no instruction (the first reason gives it). */
export const SHORT: Record<ReasonCode, Record<Lang, Short>> = {
  FULLWIDTH_CHARACTERS: { en: (p) => `It also contains ${foundWords(p, 'en')}.`, ja: (p) => `また、${foundWords(p, 'ja')}が含まれています。` },
  INVALID_SYNTAX: { en: () => 'It is also not a well-formed address.', ja: () => 'また、メールアドレスの形式が正しくありません。' },
  NON_ASCII_LOCAL_PART: {
    en: () => 'The part before the @ also has characters other than half-width letters, digits and symbols.',
    ja: () => 'また、@より前に半角英数字・記号以外の文字が含まれています。',
  },
  DISPOSABLE: { en: (p) => `${p.domain} is also on the list of disposable mail domains.`, ja: (p) => `なお、${p.domain} は使い捨てメールのドメインの一覧に含まれています。` },
  FREE_MAIL: { en: (p) => `${p.domain} is also on the list of free and personal mail domains.`, ja: (p) => `なお、${p.domain} はフリーメール・個人向けメールのドメインの一覧に含まれています。` },
  NOT_PARTNER: { en: (p) => `${p.domain} is also not registered as a partner company's domain.`, ja: (p) => `なお、${p.domain} はパートナー企業のドメインとして登録されていません。` },
  PARTNER_TYPE_MISMATCH: {
    en: (p) => `The partner type chosen (“${p.chosen?.en}”) is also not one your company holds.`,
    ja: (p) => `また、選択されたパートナータイプ「${p.chosen?.ja}」は貴社の登録と異なります。`,
  },
  POSSIBLE_TYPO: { en: (p) => `${p.domain} may also be a typo of ${p.meant}.`, ja: (p) => `また、${p.domain} は ${p.meant} の入力間違いかもしれません。` },
  CONFUSABLE_DOMAIN: { en: (p) => `${p.domain} also contains look-alike characters.`, ja: (p) => `また、${p.domain} には見た目の似た別の文字が含まれています。` },
  LEGACY_CARRIER_ADDRESS: {
    en: () => 'It is also an older carrier address form (two dots in a row, or a dot before the @).',
    ja: () => 'また、ドットが連続する、または@の直前にドットがある旧形式のアドレスです。',
  },
  ROLE_ACCOUNT: { en: () => 'It also looks like a shared mailbox (such as info@).', ja: () => 'また、共有のメールアドレス（info@ など）のようです。' },
  NO_MAIL_SERVER: { en: (p) => `${p.domain} also cannot receive email.`, ja: (p) => `また、${p.domain} はメールを受信できません。` },
}

/**
 * The reasons in order of importance, the first with its full message and the others short.
 * @param params what each reason's message was made from, in the same order, for its short
 *   form; a reason without them (made elsewhere) keeps its own message.
 */
export function composeReasons(reasons: readonly Reason[], lang: Lang, params: readonly (MessageParams | undefined)[] = []): Reason[] {
  if (reasons.length < 2) return reasons as Reason[]
  // A domain's own reasons (a typo and free mail, say) are frozen and shared by every verdict at
  // it: composed once, and the composition shared and frozen in turn (the serialiser then encodes
  // it once too).
  const frozen = Object.isFrozen(reasons)
  const known = frozen ? COMPOSED.get(reasons) : undefined
  if (known) return known
  const order = [...reasons.keys()].sort((a, b) => REASON_ORDER.indexOf(reasons[a]!.code) - REASON_ORDER.indexOf(reasons[b]!.code))
  const composed = order.map((i, k) => {
    const r = reasons[i]!
    const p = params[i]
    return k === 0 || !p ? r : { ...r, message: SHORT[r.code][lang](p) }
  })
  if (!frozen) return composed
  const shared = Object.freeze(composed.map((r) => Object.freeze(r))) as Reason[]
  COMPOSED.set(reasons, shared)
  return shared
}

/** Frozen reasons as composed, by the frozen reasons; dropped with them. Each array is of one language. */
const COMPOSED = new WeakMap<readonly Reason[], Reason[]>()
