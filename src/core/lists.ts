// The free-mail and disposable domain lists the service ships with. They come from packages
// and a curated data file, not from configuration, so they are built once per process and
// shared by every app and registry.
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, extname, join } from 'node:path'
import { DATA_DIR } from '../paths.js'
import { parseDomain } from './syntax.js'
import { isIcannSuffix, loadPublicSuffixRules, type PublicSuffixRules } from './public-suffix.js'
import { skeleton } from './confusables.js'
import { TypoIndex } from './typos.js'
import { domainToUnicode, fileURLToPath } from 'node:url'

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
let loaded: Promise<BaseLists> | undefined

export function loadBaseLists(): Promise<BaseLists> {
  loaded ??= buildBaseLists(LISTS_SNAPSHOT)
  return loaded
}

/**
 * The packaged lists, checked and merged, as `npm run build` leaves them beside this module
 * (`writeListsSnapshot`): checking 130,000 packaged entries at every start took a third of a
 * cold start. It is used only when it was made from the same packages, curated files and
 * checking code; otherwise, or when it is missing or unreadable, the lists are built from the
 * packages as before.
 */
export const LISTS_SNAPSHOT = fileURLToPath(new URL('./lists.snapshot.json', import.meta.url))

interface ListsSnapshot {
  key: string
  summaries: ListSummary[]
  /** Each list that names entries in the merged table, and the domains it names there. */
  tables: { entry: ListEntry; domains: string[] }[]
}

/** What the lists are built from: the packages, the curated files and the code that checks them. */
interface ListSources {
  key: string
  psl: PublicSuffixRules
  japanese: JapaneseFile
  supplement: SupplementFile
  wellKnown: { domains: string[] }
  disposableName: string
  providersName: string
}

async function listSources(): Promise<ListSources> {
  const require = createRequire(import.meta.url)
  const version = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version
  const texts = await Promise.all([CURATED_JAPANESE_FILE, CURATED_SUPPLEMENT_FILE, WELL_KNOWN_FILE].map((f) => readFile(f, 'utf8')))
  // The code whose rules decide which entries are kept (and Node's own, for its IDN conversion).
  const code = await checkingCode(import.meta.url)
  const disposableName = `disposable-email-domains@${version('disposable-email-domains')}`
  const providersName = `email-providers@${version('email-providers')}`
  const psl = await loadPublicSuffixRules()
  const rules = [[...psl.rules], [...psl.wildcards], [...psl.exceptions]]
  const key = createHash('sha256')
    .update(JSON.stringify([process.version, disposableName, providersName, rules, ...texts, ...code]))
    .digest('hex')
  const [japanese, supplement, wellKnown] = texts.map((t) => JSON.parse(t) as unknown) as [JapaneseFile, SupplementFile, { domains: string[] }]
  return { key, psl, japanese, supplement, wellKnown, disposableName, providersName }
}

/**
 * The text of the code that decides which list entries are kept, in whatever form it runs: the
 * module at `moduleUrl` and its siblings as files (sources, tsc output), or, in the bundle, the
 * chunk this code is in, which `npm run build` shares between the server and the snapshot
 * writer. A chunk names the chunks it imports by their content's hash, so its own text changes
 * with any of theirs.
 */
export async function checkingCode(moduleUrl: string): Promise<string[]> {
  const self = fileURLToPath(moduleUrl)
  const ext = extname(self)
  if (basename(self) !== `lists${ext}`) return [await readFile(self, 'utf8')]
  return Promise.all(['./lists', './syntax', './public-suffix', './text'].map((m) => readFile(fileURLToPath(new URL(`${m}${ext}`, moduleUrl)), 'utf8')))
}

async function readSnapshot(file: string, key: string): Promise<ListsSnapshot | null> {
  try {
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as ListsSnapshot
    return snapshot.key === key ? snapshot : null
  } catch {
    return null
  }
}

/** Writes the snapshot `loadBaseLists` reads (run by `npm run build`). */
export async function writeListsSnapshot(file: string = LISTS_SNAPSHOT): Promise<void> {
  const sources = await listSources()
  const { domains, summaries } = checkedLists(sources)
  const tables = new Map<ListEntry, string[]>()
  for (const [d, entry] of domains) {
    const table = tables.get(entry)
    if (table) table.push(d)
    else tables.set(entry, [d])
  }
  const snapshot: ListsSnapshot = { key: sources.key, summaries, tables: [...tables].map(([entry, ds]) => ({ entry, domains: ds })) }
  await writeFile(file, JSON.stringify(snapshot))
}

export async function buildBaseLists(snapshotFile: string): Promise<BaseLists> {
  const sources = await listSources()
  const snapshot = await readSnapshot(snapshotFile, sources.key)
  let lists: Pick<BaseLists, 'domains' | 'summaries'>
  if (snapshot) {
    const domains = new Map<string, ListEntry>()
    for (const { entry, domains: ds } of snapshot.tables) for (const d of ds) domains.set(d, entry)
    lists = { domains, summaries: snapshot.summaries }
  } else {
    lists = checkedLists(sources)
  }
  const targets = [...new Set([...sources.wellKnown.domains, ...domainsOf(sources.japanese.domains)])]
  return { ...lists, psl: sources.psl, wellKnown: knownDomains(targets, 2) }
}

const domainsOf = (entries: CuratedEntry[]): string[] => entries.map((e) => e.domain)

/** The lists from their sources, each entry checked as a domain and against the public suffixes. */
function checkedLists({ psl, japanese, supplement, disposableName, providersName }: ListSources): Pick<BaseLists, 'domains' | 'summaries'> {
  const require = createRequire(import.meta.url)
  const domains = new Map<string, ListEntry>()
  const summaries: ListSummary[] = []
  const add = (kind: ListKind, list: string, entries: readonly string[]): void => {
    const summary: ListSummary = { kind, list, entries: 0, skipped: [] }
    const entry: ListEntry = { kind, list }
    for (const raw of entries) {
      const parsed = parseDomain(raw)
      const problem = !parsed.ok ? parsed.rule : isIcannSuffix(psl, parsed.asciiDomain) ? 'public suffix' : null
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
  return { domains, summaries }
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
