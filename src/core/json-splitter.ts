// Finds a registry file's partner entries in its text without parsing it, so that they can be
// parsed a few hundred at a time (src/core/registry-compiler.ts).
/**
 * Where a registry file's partner entries are in its text: the list's brackets and the commas
 * between its entries. JSON.parse of a large file builds the whole tree at once, and the
 * garbage collector copies all of it out of the young generation and leaves it scattered through
 * the old one (for a million domains, half a second of the load and ~100 MB that stays
 * resident). Parsed a couple of hundred entries at a time, the tree dies young and only what the
 * registry keeps is copied.
 *
 * This only finds the places, trusting nothing: JSON.parse still checks every character, of the
 * file less its entries and of every part, and the parts put together are the file. Anything
 * unusual (no top-level object, a "partners" key that is escaped or repeated or holds no list,
 * text that ends early) gives null, as does a part that JSON.parse refuses, and the whole file is
 * parsed as one: its result, or JSON.parse's own message, is then the answer.
 */
export interface Split {
  open: number
  close: number
  commas: number[]
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const BRACE_OPEN = 0x7b
const BRACE_CLOSE = 0x7d
const BRACKET_OPEN = 0x5b
const BRACKET_CLOSE = 0x5d
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
function skipSpace(text: string, i: number): number {
  while (isSpace(text.charCodeAt(i))) i++
  return i
}

/** The index of the quote that closes the string opening at i, or -1. */
function stringEnd(text: string, i: number): number {
  for (let j = text.indexOf('"', i + 1); j >= 0; j = text.indexOf('"', j + 1)) {
    let k = j - 1
    while (text.charCodeAt(k) === BACKSLASH) k--
    if ((j - 1 - k) % 2 === 0) return j
  }
  return -1
}

/** The index after the value starting at i, or -1; the commas directly inside it go to `commas`. */
function valueEnd(text: string, i: number, commas: number[] | null): number {
  let depth = 0
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      i = stringEnd(text, i)
      if (i < 0) return -1
      if (depth === 0) return i + 1
    } else if (c === BRACE_OPEN || c === BRACKET_OPEN) {
      depth++
    } else if (c === BRACE_CLOSE || c === BRACKET_CLOSE) {
      if (depth === 0) return i
      if (--depth === 0) return i + 1
    } else if (c === COMMA) {
      if (depth === 0) return i
      if (depth === 1) commas?.push(i)
    } else if (depth === 0 && isSpace(c)) {
      return i
    }
  }
  return -1
}

export function splitPartners(text: string): Split | null {
  let i = skipSpace(text, 0)
  if (text.charCodeAt(i) !== BRACE_OPEN) return null
  let split: Split | null = null
  for (;;) {
    i = skipSpace(text, i + 1)
    if (text.charCodeAt(i) !== QUOTE) return null
    const keyEnd = stringEnd(text, i)
    if (keyEnd < 0) return null
    const key = text.slice(i + 1, keyEnd)
    if (key.includes('\\')) return null
    i = skipSpace(text, keyEnd + 1)
    if (text.charCodeAt(i) !== COLON) return null
    i = skipSpace(text, i + 1)
    const commas: number[] = []
    const end = valueEnd(text, i, key === 'partners' ? commas : null)
    if (end < 0) return null
    if (key === 'partners') {
      // The list's brackets are the one part of the file no JSON.parse sees: they are checked here.
      if (split || text.charCodeAt(i) !== BRACKET_OPEN || text.charCodeAt(end - 1) !== BRACKET_CLOSE) return null
      split = { open: i, close: end - 1, commas }
    }
    i = skipSpace(text, end)
    if (text.charCodeAt(i) === BRACE_CLOSE) return split
    if (text.charCodeAt(i) !== COMMA) return null
  }
}
