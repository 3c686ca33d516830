// Look-alike domains (UTS #39, Unicode Security Mechanisms). Three signs that a domain is made
// to look like another, or was typed by mistake into one:
//  - a dash look-alike (ー, 一, ‐, − …) next to Latin letters or digits: an IME slip for "-";
//  - a label whose scripts mix beyond the Highly Restrictive level (UTS #39 5.2): Latin with
//    Cyrillic, say. Latin + Han + Hiragana + Katakana (Japanese), + Bopomofo or + Hangul pass;
//  - a skeleton (UTS #39 4) equal to a known domain's while the domain is not that domain.
// Only non-ASCII domains can be any of these; ASCII look-alikes (gmai1.com) are typos.

/** confusables.txt as a table: a character to its prototype (read by src/io/packaged-data.ts). */
export type Prototypes = Readonly<Record<string, string>>

/** UTS #39 skeleton: NFD, each character to its prototype from confusables.txt, NFD again. */
export function skeleton(s: string, prototypes: Prototypes): string {
  let out = ''
  for (const ch of s.normalize('NFD')) out += prototypes[ch] ?? ch
  return out.normalize('NFD')
}

const DASH_LIKE = new Set(['ー', 'ｰ', '一', '‐', '‑', '‒', '–', '—', '―', '−', '⁃', '﹘', '﹣', '⸺', '⸻'])
const isAsciiAlnum = (c: string | undefined): boolean => c !== undefined && /^[a-z0-9]$/i.test(c)

/** The domain with dash look-alikes that sit next to Latin letters or digits made hyphens; null if none. */
export function dashLookalike(domain: string): string | null {
  const chars = [...domain]
  let found = false
  const fixed = chars.map((c, i) => {
    if (DASH_LIKE.has(c) && (isAsciiAlnum(chars[i - 1]) || isAsciiAlnum(chars[i + 1]))) {
      found = true
      return '-'
    }
    return c
  })
  return found ? fixed.join('') : null
}

// Scripts a domain label may be written in. Script_Extensions, as UTS #39 asks.
const SCRIPTS = [
  'Latin', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari', 'Bengali',
  'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao',
  'Tibetan', 'Myanmar', 'Georgian', 'Hangul', 'Ethiopic', 'Cherokee', 'Khmer', 'Mongolian', 'Hiragana',
  'Katakana', 'Bopomofo', 'Han',
] as const
const SCRIPT_RE = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script_Extensions=${name}}`, 'u')] as const)
const COMMON = /[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]/u
const ALLOWED_MIXES: ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
]

const LATIN = new Set(['Latin'])
const HIRAGANA = new Set(['Hiragana'])
const KATAKANA = new Set(['Katakana'])
const KANA = new Set(['Hiragana', 'Katakana'])
const HAN = new Set(['Han'])

function scriptsOf(ch: string): Set<string> | null {
  // The scripts of Japanese domains first, by range: most labels we see are made of them.
  const c = ch.codePointAt(0)!
  if (c < 0x80) return /[a-z]/i.test(ch) ? LATIN : null
  if (c >= 0x3041 && c <= 0x3096) return HIRAGANA
  if (c >= 0x30a1 && c <= 0x30fa) return KATAKANA
  if (c === 0x30fc) return KANA
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return HAN
  const set = new Set<string>()
  for (const [name, re] of SCRIPT_RE) if (re.test(ch)) set.add(name)
  if (set.size > 0) return set
  // Digits, punctuation and combining marks belong to whatever they stand beside.
  return COMMON.test(ch) ? null : new Set(['Other'])
}

/** True when the label is Highly Restrictive (UTS #39 5.2): one script, or an allowed CJK mix. */
export function isHighlyRestrictive(label: string): boolean {
  const sets: Set<string>[] = []
  for (const ch of label) {
    const s = scriptsOf(ch)
    if (s) sets.push(s)
  }
  if (sets.length === 0) return true
  // One script covers every character (its resolved script set is not empty).
  const [first, ...rest] = sets
  if ([...first!].some((script) => rest.every((s) => s.has(script)))) return true
  return ALLOWED_MIXES.some((mix) => sets.every((s) => [...s].some((script) => mix.has(script))))
}
