// Merges the domain lists into one table in which each entry keeps every list that names it and
// says which precedence rule decided its class. Pure: the lists come in as arrays.
import { parseDomain } from './syntax.js'
import { isIcannSuffix, type PublicSuffixRules } from './public-suffix.js'

export type ListKind = 'disposable' | 'free'

/** One list, as it comes into the merge. */
export interface SourceList {
  kind: ListKind | 'organisation'
  /** Name with version (`mailchecker@6.0.21`) or the curated file's title. */
  list: string
  /** Curated by this project (data/), with a source note per entry, or a packaged list. */
  curated: boolean
  entries: readonly string[]
  /** For organisation lists: why each domain is an organisation's, by domain. */
  reasons?: ReadonlyMap<string, string>
}

export interface ListSource {
  kind: ListKind | 'organisation'
  list: string
}

/** Which list an entry came from, for provenance in verdicts and for the helpdesk. */
export interface ListEntry {
  kind: ListKind
  /** The list that decided the class. */
  list: string
  /** Every list that names the domain, the deciding one first. */
  sources: readonly { kind: ListKind; list: string }[]
  /** The precedence rule that decided, in words. */
  precedence: string
}

/** A domain a curated list knows as an organisation's own: never free or disposable mail. */
export interface OrganisationEntry {
  list: string
  reason: string
  /** The free-mail or disposable lists it overrules. */
  overrules: readonly { kind: ListKind; list: string }[]
}

export interface ListSummary {
  kind: ListKind | 'organisation'
  list: string
  entries: number
  /** Entries left out because they are not valid domains or are public suffixes. */
  skipped: string[]
}

export interface MergedLists {
  domains: Map<string, ListEntry>
  organisations: Map<string, OrganisationEntry>
  summaries: ListSummary[]
}

export const PRECEDENCE = {
  single: 'named by one list only',
  agree: 'every list that names it gives the same class',
  curated: 'curated data, each entry with a source, beats a packaged list',
  disposable: 'a disposable list beats a free-mail list',
  organisation: 'a curated organisation domain beats any free-mail or disposable list',
} as const

/** Rank of a list's opinion: the lower wins. */
function rank(s: SourceList): number {
  if (s.kind === 'organisation') return 0
  if (s.curated) return s.kind === 'disposable' ? 1 : 2
  return s.kind === 'disposable' ? 3 : 4
}

/** Each domain checked as a domain and against the ICANN suffixes, then merged by precedence. */
export function mergeLists(lists: readonly SourceList[], psl: PublicSuffixRules): MergedLists {
  const summaries: ListSummary[] = []
  const named = new Map<string, (SourceList & { index: number })[]>()
  lists.forEach((source, index) => {
    const summary: ListSummary = { kind: source.kind, list: source.list, entries: 0, skipped: [] }
    const seen = new Set<string>()
    for (const raw of source.entries) {
      const parsed = parseDomain(raw)
      if (!parsed.ok || isIcannSuffix(psl, parsed.asciiDomain)) {
        // The packages hold a few entries that are not domains or are public suffixes; they are
        // left out and counted. test/data.test.ts keeps our own lists free of them.
        summary.skipped.push(raw)
        continue
      }
      summary.entries++
      if (seen.has(parsed.asciiDomain)) continue
      seen.add(parsed.asciiDomain)
      const by = named.get(parsed.asciiDomain)
      if (by) by.push({ ...source, index })
      else named.set(parsed.asciiDomain, [{ ...source, index }])
    }
    summaries.push(summary)
  })
  // Entries are shared by every domain with the same sources and outcome: a few hundred objects
  // for 150,000 domains.
  const interned = new Map<string, ListEntry>()
  const domains = new Map<string, ListEntry>()
  const organisations = new Map<string, OrganisationEntry>()
  for (const [domain, by] of named) {
    // Stable: among lists of the same rank, the one given first decides.
    const ordered = [...by].sort((a, b) => rank(a) - rank(b) || a.index - b.index)
    const top = ordered[0]!
    // Only the top of the order can be an organisation list: it ranks first.
    const sources = ordered.filter((s) => s.kind !== 'organisation').map(({ kind, list }) => ({ kind: kind as ListKind, list }))
    if (top.kind === 'organisation') {
      organisations.set(domain, { list: top.list, reason: top.reasons?.get(domain) ?? '', overrules: sources })
      continue
    }
    const precedence = precedenceOf(ordered)
    const key = `${top.kind}\0${precedence}\0${sources.map((s) => s.list).join('\0')}`
    let entry = interned.get(key)
    if (!entry) interned.set(key, (entry = { kind: top.kind, list: top.list, sources, precedence }))
    domains.set(domain, entry)
  }
  return { domains, organisations, summaries }
}

function precedenceOf(ordered: readonly SourceList[]): string {
  if (ordered.length === 1) return PRECEDENCE.single
  const top = ordered[0]!
  const others = ordered.slice(1).filter((s) => s.kind !== top.kind)
  if (others.length === 0) return PRECEDENCE.agree
  // Disagreement: disposable over free mail, unless a curated free-mail entry overrules a packaged
  // disposable list (a regional portal that one throwaway list names by mistake).
  return top.kind === 'disposable' ? PRECEDENCE.disposable : PRECEDENCE.curated
}
