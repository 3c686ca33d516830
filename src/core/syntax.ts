// The form of an address as a person types it into a sign-up form: RFC 5321/5322 dot-atom
// local part, no quoted strings, comments or IP literals, RFC 5321 length limits, and a
// domain that can receive mail on the public internet. Where python-email-validator has a
// rule a sign-up form has no reason to differ from, this follows it.
import { domainToASCII, domainToUnicode } from 'node:url'
import { remember } from './context.js'
import { idna2008Problem } from './idna.js'
import { codeUnit, describeCodePoint, findInvisible, findWhitespace, isAscii, isPrintableAscii, utf8Length, type CharAt } from './text.js'

export const SYNTAX_RULES = [
  'empty',
  'too-long',
  'invisible-character',
  'whitespace',
  'missing-at',
  'multiple-at',
  'empty-local-part',
  'quoted-local-part',
  'invalid-local-character',
  'local-leading-dot',
  'local-trailing-dot',
  'local-consecutive-dots',
  'local-too-long',
  'empty-domain',
  'ip-literal',
  'invalid-domain-character',
  'invalid-idn',
  'idn-context',
  'idn-bidi',
  'domain-leading-dot',
  'domain-trailing-dot',
  'domain-consecutive-dots',
  'domain-hyphen',
  'domain-reserved-hyphens',
  'domain-label-too-long',
  'domain-too-long',
  'domain-single-label',
  'domain-invalid-tld',
  'domain-special-use',
  'address-too-long',
] as const
export type SyntaxRule = (typeof SYNTAX_RULES)[number]

/** RFC 5321 4.5.3.1: 64 octets of local part, 254 of address (the 256 of a path less its <>). */
export const LOCAL_PART_MAX_OCTETS = 64
export const ADDRESS_MAX_OCTETS = 254
export const DOMAIN_MAX_OCTETS = 253
export const LABEL_MAX_OCTETS = 63
/** Longer input is refused before any per-character work, so no input can make a check slow. */
export const INPUT_MAX_LENGTH = 1024

/**
 * Special-use and reserved names (RFC 6761, RFC 6762, RFC 7686, RFC 9476, RFC 2606's .example,
 * ICANN's .internal). python-email-validator rejects the same set, less .example/.alt/.internal,
 * which no sign-up address can use either.
 */
const SPECIAL_USE_TLDS = new Set(['arpa', 'invalid', 'local', 'localhost', 'onion', 'test', 'example', 'alt', 'internal'])
/** The same by length, so that a domain's last label can be compared in place. */
const SPECIAL_USE_BY_LENGTH: string[][] = []
for (const tld of SPECIAL_USE_TLDS) (SPECIAL_USE_BY_LENGTH[tld.length] ??= []).push(tld)

export interface ParsedAddress {
  local: string
  /** Lower-case Unicode form of the domain (UTS #46 processed, NFC). */
  domain: string
  /** The domain in ASCII (punycode for IDN labels). */
  asciiDomain: string
  localIsAscii: boolean
}

export type SyntaxResult =
  | { ok: true; address: ParsedAddress }
  | SyntaxFailure
export interface SyntaxFailure {
  ok: false
  rule: SyntaxRule
  at?: CharAt
}

const fail = (rule: SyntaxRule, at?: CharAt): SyntaxFailure => (at ? { ok: false, rule, at } : { ok: false, rule })

// RFC 5322 atext, as a lookup table: letters, digits and !#$%&'*+-/=?^_`{|}~
const ATEXT = new Uint8Array(128)
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&\'*+-/=?^_`{|}~') ATEXT[c.charCodeAt(0)] = 1
// Letters, digits and hyphen: the only ASCII a host name may hold besides its dots.
const LDH = new Uint8Array(128)
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-') LDH[c.charCodeAt(0)] = 1
// The same in lower case only: what a domain already in its final form holds besides its dots.
const LOWER_LDH = new Uint8Array(128)
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789-') LOWER_LDH[c.charCodeAt(0)] = 1

/**
 * Characters IDNA 2008 lets into a label: letters, marks and digits, plus the few punctuation
 * marks it allows in context (middle dots, Greek keraia, Hebrew geresh, katakana middle dot).
 * Node's UTS #46 processing also passes symbols such as U+2010 that mail systems refuse.
 */
const IDN_LABEL_CHAR = /^[\p{L}\p{M}\p{N}\u00b7\u0375\u05f3\u05f4\u30fb.-]$/u

/**
 * Parses input that has already been trimmed. Never throws; returns the first rule broken.
 * Every loop is linear in the input and no regular expression here can backtrack.
 */
export function parseAddress(s: string, { legacyDots = false } = {}): SyntaxResult {
  if (s.length === 0) return fail('empty')
  if (s.length > INPUT_MAX_LENGTH) return fail('too-long')
  if (!isPrintableAscii(s)) {
    const invisible = findInvisible(s)
    if (invisible) return fail('invisible-character', invisible)
    const space = findWhitespace(s)
    if (space) return fail('whitespace', space)
  }

  const at = s.lastIndexOf('@')
  if (at < 0) return fail('missing-at')
  if (s.indexOf('@') !== at) {
    // A quoted local part is the only place a second @ could be legal, and we refuse those.
    return codeUnit(s, 0) === 0x22 ? fail('quoted-local-part') : fail('multiple-at', describeCodePoint(s, s.indexOf('@')))
  }
  const local = s.slice(0, at)
  const rawDomain = s.slice(at + 1)

  const localResult = checkLocal(local, legacyDots)
  if (localResult) return localResult

  const domainResult = parseAddressDomain(rawDomain)
  if (!domainResult.ok) return domainResult

  const localIsAscii = isAscii(local)
  const normalizedLocal = localIsAscii ? local : local.normalize('NFC')
  if (utf8Length(normalizedLocal) > LOCAL_PART_MAX_OCTETS) return fail('local-too-long')
  if (utf8Length(normalizedLocal) + 1 + domainResult.asciiDomain.length > ADDRESS_MAX_OCTETS) return fail('address-too-long')

  return {
    ok: true,
    address: { local: normalizedLocal, domain: domainResult.domain, asciiDomain: domainResult.asciiDomain, localIsAscii },
  }
}

/** @param legacyDots tolerate ".." and a dot before the @, as old Japanese carrier addresses have. */
function checkLocal(local: string, legacyDots: boolean): SyntaxFailure | null {
  if (local.length === 0) return fail('empty-local-part')
  const first = codeUnit(local, 0)
  if (first === 0x22) return fail('quoted-local-part')
  for (let i = 0, n = local.length; i < n; i++) {
    const c = codeUnit(local, i)
    if (c === 0x2e) {
      if (i === 0) return fail('local-leading-dot')
      if (legacyDots) continue
      if (i === local.length - 1) return fail('local-trailing-dot')
      if (codeUnit(local, i - 1) === 0x2e) return fail('local-consecutive-dots')
    } else if (c < 128 && ATEXT[c] !== 1) {
      return fail('invalid-local-character', describeCodePoint(local, i))
    }
  }
  // A combining mark cannot start the local part: it would attach to the character before it.
  if (first > 127 && /^\p{M}/u.test(local)) return fail('invalid-local-character', describeCodePoint(local, 0))
  return null
}

type DomainResult = { ok: true; domain: string; asciiDomain: string } | SyntaxFailure

/**
 * The domains of addresses come again and again (a partner's, gmail.com), typed the same way:
 * one that is not already plain (capitals, IDN, full-width dots) goes through IDNA once and its
 * result is kept, frozen, for the most recent ones. Not in parseDomain itself: the registry and
 * the lists parse a million distinct domains, which a cache would only slow down.
 */
const DOMAINS = new Map<string, DomainResult>()
const DOMAINS_MAX = 5_000

function parseAddressDomain(raw: string): DomainResult {
  if (isPlainDomain(raw)) return { ok: true, domain: raw, asciiDomain: raw }
  const hit = DOMAINS.get(raw)
  if (hit) return hit
  return remember(DOMAINS, raw, Object.freeze(parseDomain(raw)), DOMAINS_MAX)
}

/**
 * Normalises and checks a domain on its own. Exported because the partner registry and the
 * lists use the same rules for the domains they hold.
 */
export function parseDomain(raw: string): DomainResult {
  if (isPlainDomain(raw)) return { ok: true, domain: raw, asciiDomain: raw }
  if (raw.length === 0) return fail('empty-domain')
  if (codeUnit(raw, 0) === 0x5b) return fail('ip-literal')
  let ascii: string
  let unicode: string
  if (isAscii(raw)) {
    for (let i = 0, n = raw.length; i < n; i++) {
      const c = codeUnit(raw, i)
      if (c !== 0x2e && LDH[c] !== 1) return fail('invalid-domain-character', describeCodePoint(raw, i))
    }
    ascii = raw.toLowerCase()
    unicode = ascii
    if (ascii.includes('xn--')) {
      // Punycode typed as such: it must decode to a valid IDN, held to the same characters.
      const check = structural(ascii)
      if (check) return check
      if (domainToASCII(ascii) !== ascii) return fail('invalid-idn')
      unicode = domainToUnicode(ascii)
      const bad = badIdnChar(unicode, raw)
      if (bad) return bad
    }
  } else {
    // domainToASCII would silently drop some invisible characters: refuse them first.
    const hidden = findInvisible(raw)
    if (hidden) return fail('invisible-character', hidden)
    const space = findWhitespace(raw)
    if (space) return fail('whitespace', space)
    for (let i = 0, n = raw.length; i < n; i++) {
      const c = codeUnit(raw, i)
      if (c < 128 && c !== 0x2e && LDH[c] !== 1) return fail('invalid-domain-character', describeCodePoint(raw, i))
    }
    const check = structural(raw)
    if (check) return check
    // UTS #46 processing (lower-casing, NFC, width folding) and punycode, as browsers do it.
    ascii = domainToASCII(raw)
    if (ascii === '') return fail('invalid-idn')
    unicode = domainToUnicode(ascii)
    const bad = badIdnChar(unicode, raw)
    if (bad) return bad
  }
  const check = structural(ascii) ?? labels(ascii)
  if (check) return check
  // UTS #46 (above) is more lenient than IDNA2008, which mail systems apply to U-labels.
  if (ascii.includes('xn--')) {
    const problem = idna2008Problem(ascii)
    if (problem) {
      const index = problem.char ? raw.indexOf(problem.char) : -1
      return fail(problem.rule, problem.char ? (index >= 0 ? describeCodePoint(raw, index) : describeCodePoint(problem.char, 0)) : undefined)
    }
  }
  return { ok: true, domain: unicode, asciiDomain: ascii }
}

/**
 * True for a domain that parseDomain accepts as it is: lower-case ASCII letters, digits and
 * hyphens in labels of 1 to 63, no "??--" label (punycode or reserved: the general path decides),
 * at least two labels, a top-level domain ending in a letter and not reserved. For these the
 * general path's lower-casing, IDN and punycode steps change nothing and its checks all pass;
 * registries and the shipped lists hold little else, a million domains at a time. Anything this
 * does not take, the general path takes or names the rule it breaks.
 */
function isPlainDomain(raw: string): boolean {
  const n = raw.length
  if (n > DOMAIN_MAX_OCTETS) return false
  let start = 0
  // Where the last label starts (String.prototype.lastIndexOf is a runtime call, slow here).
  let tld = 0
  for (let i = 0; i <= n; i++) {
    const c = i === n ? 0x2e : codeUnit(raw, i)
    if (c !== 0x2e) {
      if (c > 0x7f || LOWER_LDH[c] !== 1) return false
      continue
    }
    const len = i - start
    if (len === 0 || len > LABEL_MAX_OCTETS || codeUnit(raw, start) === 0x2d || codeUnit(raw, i - 1) === 0x2d) return false
    if (len >= 4 && codeUnit(raw, start + 2) === 0x2d && codeUnit(raw, start + 3) === 0x2d) return false
    tld = start
    start = i + 1
  }
  if (tld === 0) return false
  const last = codeUnit(raw, n - 1)
  if (last < 0x61 || last > 0x7a) return false
  // The general path sends any name with "xn--" in it through IDNA: so that nothing here depends
  // on what IDNA makes of one, this leaves them all to it.
  if (raw.includes('xn--')) return false
  for (const reserved of SPECIAL_USE_BY_LENGTH[n - tld] ?? []) if (raw.startsWith(reserved, tld)) return false
  return true
}

/**
 * UTS #46 maps compatibility characters, and some map to what no host name may hold (⑴ to
 * "(1)"); punycode can encode anything (xn--ls8h is an emoji): check the Unicode that came out.
 */
function badIdnChar(unicode: string, raw: string): SyntaxFailure | null {
  for (const ch of unicode) {
    const c = codeUnit(ch, 0)
    if (c < 128 ? c !== 0x2e && LDH[c] !== 1 : !IDN_LABEL_CHAR.test(ch)) {
      const index = raw.indexOf(ch)
      return fail('invalid-domain-character', index >= 0 ? describeCodePoint(raw, index) : describeCodePoint(ch, 0))
    }
  }
  return null
}

/** Dots in the wrong place, checked before IDNA so the person gets a plain answer. */
function structural(d: string): SyntaxFailure | null {
  if (codeUnit(d, 0) === 0x2e) return fail('domain-leading-dot')
  if (codeUnit(d, d.length - 1) === 0x2e) return fail('domain-trailing-dot')
  if (d.includes('..')) return fail('domain-consecutive-dots')
  return null
}

function labels(ascii: string): SyntaxFailure | null {
  if (ascii.length > DOMAIN_MAX_OCTETS) return fail('domain-too-long')
  let start = 0
  let count = 0
  let tld = ''
  while (start <= ascii.length) {
    let end = ascii.indexOf('.', start)
    if (end < 0) end = ascii.length
    const len = end - start
    if (len > LABEL_MAX_OCTETS) return fail('domain-label-too-long')
    if (codeUnit(ascii, start) === 0x2d || codeUnit(ascii, end - 1) === 0x2d) return fail('domain-hyphen')
    // RFC 5891 4.2.3.1: "??--" is reserved for A-labels ("xn--").
    if (len >= 4 && codeUnit(ascii, start + 2) === 0x2d && codeUnit(ascii, start + 3) === 0x2d && !ascii.startsWith('xn', start)) {
      return fail('domain-reserved-hyphens')
    }
    count++
    if (end === ascii.length) tld = ascii.slice(start)
    start = end + 1
  }
  if (count < 2) return fail('domain-single-label')
  const last = codeUnit(tld, tld.length - 1)
  // Every top-level domain ends in a letter; all-digit ones would be IP addresses.
  if (last < 0x61 || last > 0x7a) return fail('domain-invalid-tld')
  if (SPECIAL_USE_TLDS.has(tld)) return fail('domain-special-use')
  return null
}
