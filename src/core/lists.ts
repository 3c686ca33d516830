// The free-mail and disposable domain lists, from their sources to the tables the checks read:
// merged by precedence (list-merge.ts), with the typo and look-alike indexes of the domains
// people mean. Pure: src/io/lists.ts reads the sources and hands them over.
import { domainToUnicode } from 'node:url'
import type { PublicSuffixRules } from './public-suffix.js'
import { mergeLists, type ListEntry, type ListSummary, type OrganisationEntry, type SourceList } from './list-merge.js'
import { skeleton, type Prototypes } from './confusables.js'
import { TypoIndex } from './typos.js'

export type { ListEntry, ListKind, ListSource, ListSummary, OrganisationEntry } from './list-merge.js'

export interface KnownDomains {
  /** Did-you-mean targets, up to two edits away. */
  typos: TypoIndex
  /** UTS #39 skeleton to the (ASCII) domain it belongs to, for look-alike detection. */
  skeletons: Map<string, string>
}

export interface BaseLists {
  /** Domain (lower-case ASCII) to its entry. A domain on both lists is kept as disposable. */
  domains: Map<string, ListEntry>
  /** Curated organisation domains, which no free-mail or disposable list entry refuses. */
  organisations: Map<string, OrganisationEntry>
  psl: PublicSuffixRules
  summaries: ListSummary[]
  /** Carriers whose old addresses may hold ".." or ".@" (data/legacy-carriers.json); their subdomains too. */
  legacyCarriers: readonly string[]
  /** UTS #39 confusable prototypes (confusables.txt), for skeletons. */
  prototypes: Prototypes
  /** The well-known consumer mail domains, as typo and look-alike targets. */
  wellKnown: KnownDomains
}

export const CURATED_JAPANESE_LIST = 'curated Japanese consumer mail list'
export const CURATED_SUPPLEMENT = 'curated supplement to the global lists'
export const CURATED_REGIONAL_LIST = 'curated regional consumer mail list'
export const CURATED_ALIAS_LIST = 'curated alias, relay and throwaway list'
export const CURATED_ORGANISATIONS = 'curated organisation domains'

interface CuratedEntry {
  domain: string
}
interface OrganisationFileEntry {
  domain: string
  organisation: string
  reason: string
  source: string
}
export interface CuratedFiles {
  japanese: JapaneseFile
  supplement: SupplementFile
  regional: { domains: CuratedEntry[] }
  alias: { domains: CuratedEntry[] }
  organisations: { domains: OrganisationFileEntry[] }
}
interface JapaneseFile {
  domains: CuratedEntry[]
}
interface SupplementFile {
  free: CuratedEntry[]
}
/** What the lists are built from: the packages and the curated files, as read. */
export interface ListSources {
  psl: PublicSuffixRules
  prototypes: Prototypes
  curated: CuratedFiles
  wellKnown: { domains: string[] }
  /** The packaged lists, by name with version. */
  packages: { kind: 'disposable' | 'free'; list: string; entries: readonly string[] }[]
}

export const domainsOf = (entries: CuratedEntry[]): string[] => entries.map((e) => e.domain)

/** The lists from their sources, merged by precedence (src/core/list-merge.ts). */
export function checkedLists({ psl, curated, packages }: Pick<ListSources, 'psl' | 'curated' | 'packages'>): Pick<BaseLists, 'domains' | 'summaries' | 'organisations'> {
  const { japanese, supplement, regional, alias, organisations } = curated
  const lists: SourceList[] = [
    {
      kind: 'organisation',
      list: CURATED_ORGANISATIONS,
      curated: true,
      entries: domainsOf(organisations.domains),
      reasons: new Map(organisations.domains.map((o) => [o.domain, `${o.organisation}: ${o.reason}`])),
    },
    { kind: 'disposable', list: CURATED_ALIAS_LIST, curated: true, entries: domainsOf(alias.domains) },
    // The curated lists go first so that their entries, the ones Japanese users ask about, name them.
    { kind: 'free', list: CURATED_JAPANESE_LIST, curated: true, entries: domainsOf(japanese.domains) },
    { kind: 'free', list: CURATED_REGIONAL_LIST, curated: true, entries: domainsOf(regional.domains) },
    { kind: 'free', list: CURATED_SUPPLEMENT, curated: true, entries: domainsOf(supplement.free) },
    ...packages.map((p) => ({ ...p, curated: false })),
  ]
  return mergeLists(lists, psl)
}

/** Typo and look-alike indexes over ASCII domains, in order of preference. */
export function knownDomains(domains: readonly string[], maxDistance: 1 | 2, prototypes: Prototypes): KnownDomains {
  const skeletons = new Map<string, string>()
  for (const d of domains) {
    const key = skeleton(domainToUnicode(d), prototypes)
    if (!skeletons.has(key)) skeletons.set(key, d)
  }
  return { typos: new TypoIndex(domains, maxDistance), skeletons }
}
