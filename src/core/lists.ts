// The free-mail and disposable domain lists the service ships with. They come from packages
// and a curated data file, not from configuration, so they are built once per process and
// shared by every app and registry.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { DATA_DIR } from '../paths.js'
import { parseDomain } from './syntax.js'
import { isPublicSuffix, loadPublicSuffixRules, type PublicSuffixRules } from './public-suffix.js'
import { skeleton } from './confusables.js'
import { TypoIndex } from './typos.js'
import { domainToUnicode } from 'node:url'

export type ListKind = 'disposable' | 'free'

/** Which list an entry came from, for provenance in verdicts and for the helpdesk. */
export interface ListEntry {
  kind: ListKind
  list: string
}

export interface ListSummary {
  kind: ListKind
  list: string
  entries: number
  /** Entries left out because they are not valid domains or are public suffixes. */
  skipped: string[]
}

export interface KnownDomains {
  /** Did-you-mean targets, up to two edits away. */
  typos: TypoIndex
  /** UTS #39 skeleton to the (ASCII) domain it belongs to, for look-alike detection. */
  skeletons: Map<string, string>
}

export interface BaseLists {
  /** Domain (lower-case ASCII) to its entry. A domain on both lists is kept as disposable. */
  domains: Map<string, ListEntry>
  psl: PublicSuffixRules
  summaries: ListSummary[]
  /** The well-known consumer mail domains, as typo and look-alike targets. */
  wellKnown: KnownDomains
}

export const CURATED_JAPANESE_LIST = 'curated Japanese consumer mail list'
export const CURATED_SUPPLEMENT = 'curated supplement to the global lists'
export const CURATED_JAPANESE_FILE = join(DATA_DIR, 'japanese-free-mail.json')
export const CURATED_SUPPLEMENT_FILE = join(DATA_DIR, 'global-supplement.json')
export const WELL_KNOWN_FILE = join(DATA_DIR, 'well-known-mail-domains.json')

interface CuratedEntry {
  domain: string
}
interface JapaneseFile {
  domains: CuratedEntry[]
}
interface SupplementFile {
  free: CuratedEntry[]
  disposable: CuratedEntry[]
}
const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T

let loaded: Promise<BaseLists> | undefined

export function loadBaseLists(): Promise<BaseLists> {
  loaded ??= buildBaseLists()
  return loaded
}

async function buildBaseLists(): Promise<BaseLists> {
  const require = createRequire(import.meta.url)
  const version = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version
  const psl = await loadPublicSuffixRules()
  const japanese = await readJson<JapaneseFile>(CURATED_JAPANESE_FILE)
  const supplement = await readJson<SupplementFile>(CURATED_SUPPLEMENT_FILE)
  const wellKnown = await readJson<{ domains: string[] }>(WELL_KNOWN_FILE)
  const domainsOf = (entries: CuratedEntry[]): string[] => entries.map((e) => e.domain)
  const disposableName = `disposable-email-domains@${version('disposable-email-domains')}`
  const providersName = `email-providers@${version('email-providers')}`

  const domains = new Map<string, ListEntry>()
  const summaries: ListSummary[] = []
  const add = (kind: ListKind, list: string, entries: readonly string[]): void => {
    const summary: ListSummary = { kind, list, entries: 0, skipped: [] }
    const entry: ListEntry = { kind, list }
    for (const raw of entries) {
      const parsed = parseDomain(raw)
      const problem = !parsed.ok ? parsed.rule : isPublicSuffix(psl, parsed.asciiDomain) ? 'public suffix' : null
      if (problem || !parsed.ok) {
        // The packages hold a few entries that are not domains or are public suffixes; they are
        // left out and counted. test/data.test.ts keeps our own list free of them.
        summary.skipped.push(raw)
        continue
      }
      const existing = domains.get(parsed.asciiDomain)
      // "Check disposable first": free-mail lists also hold throwaway services.
      if (!existing || (existing.kind === 'free' && kind === 'disposable')) domains.set(parsed.asciiDomain, entry)
      summary.entries++
    }
    summaries.push(summary)
  }
  add('disposable', disposableName, require('disposable-email-domains') as string[])
  add('disposable', `${disposableName} (wildcard)`, require('disposable-email-domains/wildcard.json') as string[])
  add('disposable', CURATED_SUPPLEMENT, domainsOf(supplement.disposable))
  // The curated lists go first so that their entries, the ones Japanese users ask about, name them.
  add('free', CURATED_JAPANESE_LIST, domainsOf(japanese.domains))
  add('free', CURATED_SUPPLEMENT, domainsOf(supplement.free))
  add('free', providersName, require('email-providers/all.json') as string[])
  const targets = [...new Set([...wellKnown.domains, ...domainsOf(japanese.domains)])]
  return { domains, psl, summaries, wellKnown: knownDomains(targets, 2) }
}

/** Typo and look-alike indexes over ASCII domains, in order of preference. */
export function knownDomains(domains: readonly string[], maxDistance: 1 | 2): KnownDomains {
  const skeletons = new Map<string, string>()
  for (const d of domains) {
    const key = skeleton(domainToUnicode(d))
    if (!skeletons.has(key)) skeletons.set(key, d)
  }
  return { typos: new TypoIndex(domains, maxDistance), skeletons }
}
