// The partner programme's seven partner types, between the English names of the partner
// contract and the Japanese names of the portal (the table in the account-creation guide; the
// wording is kept exactly). This table is the one source of the endpoints, the registry check,
// the OpenAPI enum and the README table.
import { editDistance } from './edit-distance.js'

export const PARTNER_TYPES = [
  {
    id: 'independent-software-vendor',
    en: 'Independent Software Vendor',
    ja: '独立系ソフトウェアベンダー',
    aliases: ['ISV', 'Software Vendor', 'ソフトウェアベンダー', '独立系ベンダー'],
  },
  {
    id: 'solution-provider',
    en: 'Solution Provider',
    ja: 'リセラー',
    aliases: ['Reseller', 'VAR', 'Value Added Reseller', 'ソリューションプロバイダー', 'バリューアドリセラー', '付加価値再販業者', '販売店', '販売代理店'],
  },
  {
    id: 'training',
    en: 'Training',
    ja: 'Training',
    aliases: ['トレーニング', 'Training Partner', 'Learning Partner', 'トレーニングパートナー', 'ラーニングパートナー', '研修', '教育'],
  },
  {
    id: 'system-integrator',
    en: 'System Integrator',
    ja: 'システムインテグレーター',
    aliases: ['SI', 'SIer', 'Systems Integrator', 'システムズインテグレーター', 'エスアイアー', 'エスアイヤー', 'インテグレーター'],
  },
  {
    id: 'alliance-partners-oem',
    en: 'Alliance Partners/OEM',
    ja: 'アライアンスパートナー/OEM',
    aliases: ['OEM', 'Alliance', 'Alliance Partner', 'Alliance OEM', 'アライアンス', 'アライアンスパートナー', 'アライアンスOEM'],
  },
  {
    id: 'embedded',
    en: 'Embedded',
    ja: 'Embedded',
    aliases: ['エンベデッド', '組み込み', '組込み', '組込'],
  },
  {
    id: 'service-cloud-provider',
    en: 'Service/Cloud Provider',
    ja: 'サービス/クラウドプロバイダー',
    aliases: ['CCSP', 'CSP', 'Cloud', 'Cloud Provider', 'Cloud Service Provider', 'Service Provider', 'クラウド', 'クラウドプロバイダー', 'クラウドサービスプロバイダー', 'サービスプロバイダー'],
  },
] as const

export type PartnerType = (typeof PARTNER_TYPES)[number]
export type PartnerTypeId = PartnerType['id']
export const PARTNER_TYPE_IDS = PARTNER_TYPES.map((p) => p.id) as [PartnerTypeId, ...PartnerTypeId[]]

/** How a name was resolved: the official English or Japanese name or id, a known short or
 * alternative name, or a near miss of one of those (one typo). */
export type MatchKind = 'name' | 'alias' | 'approximate'

export interface Resolution {
  type: PartnerType
  match: MatchKind
}

const HIRAGANA_START = 0x3041
const HIRAGANA_END = 0x3096
const KATAKANA_OFFSET = 0x60
const LONG_VOWEL = 'ー'
// "and" as a word of its own, compared after hiragana became katakana: と, 及び, および.
const CONJUNCTIONS = new Set(['and', 'ト', '及ビ', 'オヨビ'])

/**
 * The comparison key of a name: NFKC (full-width Latin to half-width, half-width katakana to
 * full-width, ｰ to ー), lower case, hiragana to katakana, a word-final long-vowel mark
 * dropped (システムインテグレータ is how much technical writing spells it), English plurals
 * made singular, and every space, slash, dot, hyphen, middle dot, "&" and "and" (と, 及び) removed.
 */
export function nameKey(name: string): string {
  const text = name.normalize('NFKC').toLowerCase()
  let kana = ''
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    kana += c >= HIRAGANA_START && c <= HIRAGANA_END ? String.fromCodePoint(c + KATAKANA_OFFSET) : ch
  }
  const words = kana.split(/[\s/／・･.,、。\-‐‑‒–—―_&+]+/u).filter((w) => w && !CONJUNCTIONS.has(w))
  return words
    .map((w) => {
      let word = w
      while (word.endsWith(LONG_VOWEL)) word = word.slice(0, -1)
      // Drop the long-vowel mark at the end of each katakana word inside a compound too.
      word = word.replace(/ー(?=[^\u30a0-\u30ff]|$)/gu, '')
      return /^[a-z]{3,}s$/.test(word) && !word.endsWith('ss') ? word.slice(0, -1) : word
    })
    .join('')
}

/** What the name matching needs of a type; the programme's table is one such list. */
export interface NamedType {
  id: string
  en: string
  ja: string
  aliases: readonly string[]
}

export interface Matcher<T extends NamedType> {
  /** Resolves any reasonable spelling, in either language, to the one type; null if none. */
  resolve(name: string): { type: T; match: MatchKind } | null
  /** The types closest to what was asked for, for a "did you mean" answer. */
  closest(name: string, limit?: number): T[]
}

/** "Reseller Partner", "リセラーパートナー": the programme calls every type a partner. */
function stripPartnerSuffix(key: string): string {
  for (const suffix of ['partner', 'パートナ']) {
    if (key.endsWith(suffix) && key.length > suffix.length) {
      // The word before it loses its final long-vowel mark too: リセラーパートナー → リセラ.
      let rest = key.slice(0, -suffix.length)
      while (rest.endsWith(LONG_VOWEL)) rest = rest.slice(0, -1)
      return rest
    }
  }
  return key
}

export function createMatcher<T extends NamedType>(types: readonly T[]): Matcher<T> {
  const byKey = new Map<string, { type: T; match: MatchKind }>()
  // A name two types share (as an alias or after folding) resolves to neither.
  const ambiguous = new Set<string>()
  const add = (text: string, type: T, match: MatchKind): void => {
    for (const key of new Set([nameKey(text), stripPartnerSuffix(nameKey(text))])) {
      const existing = byKey.get(key)
      if (existing && existing.type.id !== type.id) ambiguous.add(key)
      else if (!existing || (existing.match === 'alias' && match === 'name')) byKey.set(key, { type, match })
    }
  }
  for (const type of types) {
    add(type.en, type, 'name')
    add(type.ja, type, 'name')
    add(type.id, type, 'name')
    for (const alias of type.aliases) add(alias, type, 'alias')
  }
  for (const key of ambiguous) byKey.delete(key)

  return {
    resolve(name) {
      const key = stripPartnerSuffix(nameKey(name))
      if (!key) return null
      const exact = byKey.get(key)
      if (exact) return exact
      if (ambiguous.has(key) || key.length < 6) return null
      // One typo (an edit or a swap of neighbours) in a longer name, when it points to one type only.
      let found: T | null = null
      for (const [candidate, r] of byKey) {
        if (candidate.length < 6 || editDistance(key, candidate, 1) > 1) continue
        if (found && found.id !== r.type.id) return null
        found = r.type
      }
      return found ? { type: found, match: 'approximate' } : null
    },
    closest(name, limit = 3) {
      const key = nameKey(name)
      const best = new Map<T, number>()
      for (const [candidate, r] of byKey) {
        const d = editDistance(key, candidate, 64) / Math.max(key.length, candidate.length, 1)
        if (d < (best.get(r.type) ?? Infinity)) best.set(r.type, d)
      }
      return [...best.entries()]
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit)
        .map(([type]) => type)
    },
  }
}

const MATCHER = createMatcher(PARTNER_TYPES)
export const resolvePartnerType = (name: string): Resolution | null => MATCHER.resolve(name)
export const closestPartnerTypes = (name: string, limit?: number): PartnerType[] => MATCHER.closest(name, limit)

export function partnerTypeById(id: string): PartnerType | undefined {
  return PARTNER_TYPES.find((p) => p.id === id)
}
