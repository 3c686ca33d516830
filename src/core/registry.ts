// Classifies a domain against the shipped lists and a compiled partner registry
// (src/core/registry-compiler.ts): listed, a partner's, exempt.
import type { BaseLists, ListEntry } from './lists.js'
import { isPublicSuffixAt } from './public-suffix.js'
import type { CompiledRegistry, PartnerRecord } from './registry-schema.js'
import { StringTable } from './string-table.js'

export interface ListMatch extends ListEntry {
  /** The listed domain that matched: the address's domain or one of its parents. */
  entry: string
}

export interface PartnerMatch {
  partner: PartnerRecord
  matchedDomain: string
}

export interface DomainClassification {
  listed: ListMatch | null
  /** Most specific match first; a domain may belong to several group companies. */
  partners: PartnerMatch[]
  /** The domain or a parent is exempt from the lists. */
  exempt: boolean
}

/**
 * Classifies a lower-case ASCII domain by walking it and its parents (rose.ocn.ne.jp, ocn.ne.jp,
 * ne.jp): ISPs hand out per-user subdomains and throwaway services use them too. No list entry
 * is a public suffix, so the walk cannot match one; a partner is matched only below every public
 * suffix of the domain, private ones included (github.io, members.linode.com). An exempt domain takes itself and its
 * parents off the lists, but not a more specific listed subdomain. Disposable beats free mail.
 */
export function classifyDomain(domain: string, lists: BaseLists, registry: CompiledRegistry): DomainClassification {
  let partners: PartnerMatch[] | null = null
  // Where the levels not yet known to be below no public suffix start (most domains match no
  // partner, and pay nothing for the check).
  let unchecked = 0
  walk: for (let start = 0; start >= 0; start = parentStart(domain, start)) {
    const at = registry.partnerDomains.get(domain, start)
    if (at === undefined) continue
    // A partner's domain above a public suffix (linode.com above members.linode.com) does not
    // own the names under the suffix: they are its customers'. The match must sit below none.
    for (let level = unchecked; level < start; level = parentStart(domain, level)) {
      if (isPublicSuffixAt(lists.psl, domain, level)) break walk
    }
    unchecked = start
    const matchedDomain = domain.slice(start)
    partners ??= []
    if (Array.isArray(at)) for (const partner of at) partners.push({ partner, matchedDomain })
    else partners.push({ partner: at, matchedDomain })
  }
  const exemptStart = exemptAt(domain, registry)
  return { listed: listedAt(domain, lists, registry, exemptStart), partners: partners ?? [], exempt: exemptStart >= 0 }
}

/** Where the most specific exempt level of a domain starts, or -1. */
function exemptAt(domain: string, registry: CompiledRegistry): number {
  // Most registries exempt nothing, and a million partner domains are checked against the lists.
  if (registry.exempt.size === 0) return -1
  for (let start = 0; start >= 0; start = parentStart(domain, start)) if (registry.exempt.has(domain, start)) return start
  return -1
}

/** The list entry of a domain or its parents below the exempt level, if any; disposable first. */
export function listedAt(domain: string, lists: BaseLists, registry: CompiledRegistry, exemptStart = exemptAt(domain, registry)): ListMatch | null {
  const own = registry.listed.size > 0
  // The shipped lists' table when there is one (looked up once, not at every level): the same answers.
  const table = SHIPPED.get(lists)
  let free: ListMatch | null = null
  for (let start = 0; start >= 0 && start !== exemptStart; start = parentStart(domain, start)) {
    const extra = own ? registry.listed.get(domain, start) : undefined
    const entry = table ? table.get(domain, start) : lists.domains.get(domain.slice(start))
    if (extra?.kind === 'disposable' || entry?.kind === 'disposable') return { ...(extra?.kind === 'disposable' ? extra : entry!), entry: domain.slice(start) }
    if (!free && (extra || entry)) free = { ...(extra ?? entry!), entry: domain.slice(start) }
  }
  return free
}

/**
 * Where the parent of domain.slice(start) starts; -1 when it would be a single label, which is
 * a public suffix, and so neither on a list nor a partner's: a walk ends at the second level.
 */
function parentStart(domain: string, start: number): number {
  const dot = domain.indexOf('.', start)
  return dot < 0 || domain.indexOf('.', dot + 1) < 0 ? -1 : dot + 1
}

/**
 * The shipped lists as a StringTable, for registries of at least SHIPPED_TABLE_FROM partner
 * entries, each of whose domains is looked up in them. Building it takes tens of milliseconds,
 * more than a small registry's whole load, so smaller registries use the lists' own Map.
 */
const SHIPPED = new WeakMap<BaseLists, StringTable<ListEntry>>()
export const SHIPPED_TABLE_FROM = 10_000

export function buildShippedTable(lists: BaseLists): void {
  if (SHIPPED.has(lists)) return
  const table = new StringTable<ListEntry>(lists.domains.size, { filtered: true })
  for (const [d, entry] of lists.domains) table.add(d, entry)
  SHIPPED.set(lists, table)
}

