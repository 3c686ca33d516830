// Character classes for text typed into a sign-up form. Kept free of any framework so the
// checking core can be benchmarked and fuzzed on its own.

/**
 * Code points a person cannot see, or that change how text renders without being text.
 * URL's domainToASCII silently drops some of them (U+200B, U+00AD), which would let
 * "gm\u200Bail.com" slip past the free-mail list: we find and report them instead.
 * U+2800 (braille blank) is not Default_Ignorable but renders as nothing all the same.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]/u
const WHITESPACE = /\p{White_Space}/u

/**
 * s.charCodeAt(i), without looking the method up on s. The checks see strings in many of V8's
 * representations (sliced from the input, concatenated, decoded as two-byte, …), so a call site
 * `s.charCodeAt(i)` soon sees too many to specialise on, and looks the method up again for every
 * character: ~4× slower in the scanning loops, which run on every request. The length is read
 * once before each loop for the same reason.
 */
export const codeUnit: (s: string, index: number) => number = Function.prototype.call.bind(String.prototype.charCodeAt)

export interface CharAt {
  /** Index in UTF-16 code units within the trimmed input. */
  index: number
  /** The code point as U+XXXX. */
  codePoint: string
  char: string
}

export function describeCodePoint(s: string, index: number): CharAt {
  const cp = s.codePointAt(index)!
  return {
    index,
    codePoint: 'U+' + cp.toString(16).toUpperCase().padStart(4, '0'),
    char: String.fromCodePoint(cp),
  }
}

/** True when every code unit is printable ASCII (U+0021 to U+007E): the common, fast case. */
export function isPrintableAscii(s: string): boolean {
  for (let i = 0, n = s.length; i < n; i++) {
    const c = codeUnit(s, i)
    if (c < 0x21 || c > 0x7e) return false
  }
  return true
}

export function isAscii(s: string): boolean {
  for (let i = 0, n = s.length; i < n; i++) {
    if (codeUnit(s, i) > 0x7f) return false
  }
  return true
}

export function findInvisible(s: string): CharAt | null {
  const m = INVISIBLE.exec(s)
  return m ? describeCodePoint(s, m.index) : null
}

export function findWhitespace(s: string): CharAt | null {
  const m = WHITESPACE.exec(s)
  return m ? describeCodePoint(s, m.index) : null
}

function isTrimmable(c: number): boolean {
  // ASCII white space and the ideographic space that a Japanese IME types for the space bar.
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x3000
}

export function trimFormInput(s: string): string {
  let start = 0
  let end = s.length
  while (start < end && isTrimmable(codeUnit(s, start))) start++
  while (end > start && isTrimmable(codeUnit(s, end - 1))) end--
  return start === 0 && end === s.length ? s : s.slice(start, end)
}

/**
 * Full-width forms an IME produces when its input mode is left on 全角: ＠, ｔａｒｏ, ．,
 * and the ideographic full stops 。 and ｡ that people type for a dot.
 */
function isFullwidth(c: number): boolean {
  return (c >= 0xff01 && c <= 0xff5e) || c === 0x3002 || c === 0xff61
}

/**
 * What kind of character a person did not mean to type: full-width letters, digits and
 * symbols (an IME left on 全角), half-width katakana (some IMEs and older systems), or another
 * compatibility character (①, ㈱, ﬁ, ², …, µ): one whose NFKC form is another character.
 */
export type CompatibilityKind = 'fullwidth' | 'halfwidth-kana' | 'other'

export interface CompatibilityCharacters {
  /** The runs of such characters, as typed, in order, each once (at most 3, each at most 12 characters). */
  runs: string[]
  kinds: CompatibilityKind[]
}

const isHalfwidthKana = (c: number): boolean => c >= 0xff62 && c <= 0xff9f

function compatibilityKind(c: number): CompatibilityKind | null {
  // Below U+00A0 (no-break space) NFKC changes nothing: no call for the ASCII around ＠ or 。.
  if (c < 0xa0) return null
  if (isFullwidth(c)) return 'fullwidth'
  if (isHalfwidthKana(c)) return 'halfwidth-kana'
  const ch = String.fromCodePoint(c)
  return ch.normalize('NFKC') === ch.normalize('NFC') ? null : 'other'
}

const KIND_ORDER: readonly CompatibilityKind[] = ['fullwidth', 'halfwidth-kana', 'other']

/** True when the input holds a full-width form, an IME full stop or a half-width katakana. */
function hasWidthForm(s: string): boolean {
  for (let i = 0, n = s.length; i < n; i++) {
    const c = codeUnit(s, i)
    if (isFullwidth(c) || isHalfwidthKana(c)) return true
  }
  return false
}

/**
 * The characters of a form input that NFKC would change, with the IME's full stops (。 ｡): no
 * address is accepted as typed when it holds one, since the mail systems it reaches (or UTS-46,
 * for a domain) would fold it silently into another address. Null for the rest, ASCII at once.
 */
export function compatibilityCharacters(s: string): CompatibilityCharacters | null {
  if (isAscii(s)) return null
  // The whole input at once first (two calls instead of two a character): where NFKC and NFC
  // agree on it, they agree on each of its characters (see below). 。 is the one character looked
  // for that NFKC keeps, and an input with a width form needs the characters' walk anyway.
  if (!hasWidthForm(s) && s.normalize('NFKC') === s.normalize('NFC')) return null
  // Character by character is the whole input's rule, either way: NFKC is NFC of the
  // compatibility decomposition, and a character whose NFKC is its NFC decomposes only
  // canonically. A character that decomposes further leaves none of itself in the input's NFKD
  // (decompositions are complete), so that NFKD, and with it NFKC, differs from the NFD and NFC.
  const runs: string[] = []
  let found = 0 // a bit for each kind of KIND_ORDER
  let runStart = -1
  for (let i = 0, n = s.length; i < n; ) {
    const c = s.codePointAt(i)!
    const kind = compatibilityKind(c)
    if (kind) {
      found |= 1 << KIND_ORDER.indexOf(kind)
      if (runStart < 0) runStart = i
    } else if (runStart >= 0) {
      runs.push(s.slice(runStart, i))
      runStart = -1
    }
    i += c > 0xffff ? 2 : 1
  }
  if (runStart >= 0) runs.push(s.slice(runStart))
  return {
    runs: [...new Set(runs)].slice(0, 3).map((r) => ([...r].length > 12 ? `${[...r].slice(0, 12).join('')}…` : r)),
    kinds: KIND_ORDER.filter((_, bit) => found & (1 << bit)),
  }
}

/** The address a person meant: the IME's full stops as dots, then NFKC (＠ to @, ｶ to カ, ① to 1). */
export function toMeant(s: string): string {
  return s.replaceAll('。', '.').replaceAll('｡', '.').normalize('NFKC')
}

const encoder = new TextEncoder()
export function utf8Length(s: string): number {
  return isAscii(s) ? s.length : encoder.encode(s).length
}
