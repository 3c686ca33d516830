// Is a domain a public suffix (co.jp, ne.jp, github.io)? A list entry or partner domain that
// is one would match every address under it, so none may be.
//
// psl is the authority, but psl.get costs ~4 µs a call here (it punycodes and parses every
// time), and a 1,000,000-domain registry or the 120,000 disposable domains would take seconds
// to check. psl keeps its rule table out of its package exports, so src/io/packaged-data.ts reads
// the very rules file psl ships, and this file applies the PSL algorithm (https://publicsuffix.org/list/)
// to them. test/core/public-suffix.test.ts holds the two to agreement against psl.get.
import { domainToASCII } from 'node:url'
import { hashOf } from './string-table.js'

export interface PublicSuffixRules {
  rules: Set<string>
  wildcards: Set<string>
  exceptions: Set<string>
  /** The delegated top-level domains (the single-label rules, all in the ICANN section), shortest first. */
  tlds: Set<string>
  /**
   * Rules of the list's private section (what companies such as github.io or a throwaway
   * service registered for their customers' subdomains), as written, "*." included. psl ships
   * the sections in order without their markers; the ICANN section ends with the last
   * top-level domain, and the private section holds none.
   */
  privateRules: Set<string>
  /**
   * One bit set at the hash of each rule and wildcard name (`names`) and of each wildcard's
   * (`wildcards`): a domain whose two bits are clear is no public suffix. That answers nearly
   * every domain of a million-domain registry from 64 KB that stay in cache, where the sets cost
   * three lookups and a slice a domain (a tenth of its load).
   */
  filter: { names: Int32Array; wildcards: Int32Array }
}

const NAME_BITS = 1 << 19
const WILDCARD_BITS = 1 << 12

function setBit(bits: Int32Array, size: number, name: string): void {
  const h = hashOf(name, 0) & (size - 1)
  bits[h >>> 5]! |= 1 << (h & 31)
}

function hasBit(bits: Int32Array, size: number, s: string, start: number): boolean {
  const h = hashOf(s, start) & (size - 1)
  return (bits[h >>> 5]! & (1 << (h & 31))) !== 0
}

/** The rules of the list as psl ships them (`!` exceptions, `*.` wildcards, in the list's order), compiled. */
export function compilePublicSuffixRules(list: readonly string[]): PublicSuffixRules {
  const rules = new Set<string>()
  const wildcards = new Set<string>()
  const exceptions = new Set<string>()
  const names: string[] = []
  let lastTld = -1
  list.forEach((raw, i) => {
    const name = raw.replace(/^\*\./, '')
    if (!name.includes('.') && !raw.startsWith('!')) {
      names.push(domainToASCII(name))
      lastTld = i
    }
  })
  // Shortest first, then in code-point order: the order a near top-level domain is chosen in.
  const tlds = new Set(names.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)))
  const privateRules = new Set(list.slice(lastTld + 1).map((raw) => (raw.startsWith('*.') ? `*.${domainToASCII(raw.slice(2))}` : domainToASCII(raw.replace(/^!/, '')))))
  for (const raw of list) {
    if (raw.startsWith('*.')) wildcards.add(domainToASCII(raw.slice(2)))
    else if (raw.startsWith('!')) exceptions.add(domainToASCII(raw.slice(1)))
    else rules.add(domainToASCII(raw))
  }
  const filter = { names: new Int32Array(NAME_BITS / 32), wildcards: new Int32Array(WILDCARD_BITS / 32) }
  for (const name of [...rules, ...wildcards]) setBit(filter.names, NAME_BITS, name)
  for (const name of wildcards) setBit(filter.wildcards, WILDCARD_BITS, name)
  return { rules, wildcards, exceptions, tlds, privateRules, filter }
}

/**
 * For a lower-case ASCII domain. Any single label is a suffix (the PSL's implicit "*" rule).
 * Like psl, the name a wildcard rule hangs from (kobe.jp for *.kobe.jp) counts as a suffix too.
 */
export function isPublicSuffix(psl: PublicSuffixRules, domain: string): boolean {
  return isPublicSuffixAt(psl, domain, 0)
}

/** isPublicSuffix of domain.slice(start), slicing only when the filter cannot say no. */
export function isPublicSuffixAt(psl: PublicSuffixRules, domain: string, start: number): boolean {
  const dot = domain.indexOf('.', start)
  if (dot < 0) return true
  if (!hasBit(psl.filter.names, NAME_BITS, domain, start) && !hasBit(psl.filter.wildcards, WILDCARD_BITS, domain, dot + 1)) return false
  const name = start === 0 ? domain : domain.slice(start)
  if (psl.exceptions.has(name)) return false
  if (psl.rules.has(name) || psl.wildcards.has(name)) return true
  return psl.wildcards.has(domain.slice(dot + 1))
}

/**
 * The public suffixes beneath a domain (members.linode.com beneath linode.com), each rule once
 * (a wildcard as its "*." form); [] for nearly every domain. Only domains that are no suffix
 * themselves are indexed: a suffix is never a partner's domain.
 */
export function suffixesBeneath(psl: PublicSuffixRules, domain: string): readonly string[] {
  let index = BENEATH.get(psl)
  if (!index) {
    index = new Map()
    const add = (ancestor: string, rule: string): void => {
      const known = index!.get(ancestor)
      if (known) known.push(rule)
      else index!.set(ancestor, [rule])
    }
    const rules: [string, string][] = [...[...psl.rules].map((r): [string, string] => [r, r]), ...[...psl.wildcards].map((w): [string, string] => [w, `*.${w}`])]
    for (const [name, rule] of rules) {
      for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
        const ancestor = name.slice(dot + 1)
        if (!isPublicSuffix(psl, ancestor)) add(ancestor, rule)
      }
    }
    BENEATH.set(psl, index)
  }
  return index.get(domain) ?? NONE
}
const BENEATH = new WeakMap<PublicSuffixRules, Map<string, string[]>>()
const NONE: readonly string[] = []

/**
 * A public suffix of the list's ICANN section (co.jp, com), which no list entry may be: it would
 * match every registrant under it. One of the private section (a service's own domain, under
 * which its customers get names) is still a domain a list may name.
 */
export function isIcannSuffix(psl: PublicSuffixRules, domain: string): boolean {
  if (!isPublicSuffix(psl, domain)) return false
  const dot = domain.indexOf('.')
  return dot < 0 || !(psl.privateRules.has(domain) || psl.privateRules.has(`*.${domain.slice(dot + 1)}`))
}

/** Whether the last label of a lower-case ASCII domain is a delegated top-level domain. */
export function hasDelegatedTld(psl: PublicSuffixRules, domain: string): boolean {
  return psl.tlds.has(domain.slice(domain.lastIndexOf('.') + 1))
}
