// The free-mail and disposable domain lists the service ships with. They come from packages
// and a curated data file, not from configuration, so they are built once per process and
// shared by every app and registry.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, extname, join } from 'node:path'
import { DATA_DIR } from '../paths.js'
import { loadPublicSuffixRules, type PublicSuffixRules } from './public-suffix.js'
import { mergeLists, type ListEntry, type ListSummary, type OrganisationEntry, type SourceList } from './list-merge.js'
import { skeleton } from './confusables.js'
import { TypoIndex } from './typos.js'
import { domainToUnicode, fileURLToPath } from 'node:url'

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
  /** The well-known consumer mail domains, as typo and look-alike targets. */
  wellKnown: KnownDomains
}

export const CURATED_JAPANESE_LIST = 'curated Japanese consumer mail list'
export const CURATED_SUPPLEMENT = 'curated supplement to the global lists'
export const CURATED_JAPANESE_FILE = join(DATA_DIR, 'japanese-free-mail.json')
export const CURATED_SUPPLEMENT_FILE = join(DATA_DIR, 'global-supplement.json')
export const WELL_KNOWN_FILE = join(DATA_DIR, 'well-known-mail-domains.json')
export const CURATED_REGIONAL_LIST = 'curated regional consumer mail list'
export const CURATED_ALIAS_LIST = 'curated alias, relay and throwaway list'
export const CURATED_ORGANISATIONS = 'curated organisation domains'
export const CURATED_REGIONAL_FILE = join(DATA_DIR, 'regional-free-mail.json')
export const CURATED_ALIAS_FILE = join(DATA_DIR, 'alias-and-throwaway.json')
export const CURATED_ORGANISATIONS_FILE = join(DATA_DIR, 'organisations.json')
/** The packaged lists merged, in the order that breaks ties between lists of the same rank. */
export const DISPOSABLE_PACKAGES = ['disposable-email-domains', 'disposable-email-domains-js', 'mailchecker', 'burner-email-providers'] as const
export const FREE_PACKAGES = ['email-providers'] as const

interface CuratedEntry {
  domain: string
}
interface OrganisationFileEntry {
  domain: string
  organisation: string
  reason: string
  source: string
}
interface CuratedFiles {
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
  organisations: [string, OrganisationEntry][]
  /** Each list that names entries in the merged table, and the domains it names there. */
  tables: { entry: ListEntry; domains: string[] }[]
}

/** What the lists are built from: the packages, the curated files and the code that checks them. */
export interface ListSources {
  key: string
  psl: PublicSuffixRules
  curated: CuratedFiles
  wellKnown: { domains: string[] }
  /** The packaged lists, by name with version. */
  packages: { kind: 'disposable' | 'free'; list: string; entries: readonly string[] }[]
}

const CURATED_FILES = [CURATED_JAPANESE_FILE, CURATED_SUPPLEMENT_FILE, CURATED_REGIONAL_FILE, CURATED_ALIAS_FILE, CURATED_ORGANISATIONS_FILE, WELL_KNOWN_FILE]

/** The packaged lists as installed: each package's own way of shipping its list. */
export function packagedLists(): ListSources['packages'] {
  const require = createRequire(import.meta.url)
  const version = (pkg: string): string => `${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`
  const burner = readFileSync(require.resolve('burner-email-providers/emails.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)
  return [
    { kind: 'disposable', list: version('disposable-email-domains'), entries: require('disposable-email-domains') as string[] },
    { kind: 'disposable', list: `${version('disposable-email-domains')} (wildcard)`, entries: require('disposable-email-domains/wildcard.json') as string[] },
    { kind: 'disposable', list: version('disposable-email-domains-js'), entries: require('disposable-email-domains-js/dist/dict/disposable_email_blocklist.json') as string[] },
    { kind: 'disposable', list: version('mailchecker'), entries: [...(require('mailchecker') as { blacklist(): Set<string> }).blacklist()] },
    { kind: 'disposable', list: version('burner-email-providers'), entries: burner },
    { kind: 'free', list: version('email-providers'), entries: require('email-providers/all.json') as string[] },
  ]
}

async function listSources(): Promise<ListSources> {
  const texts = await Promise.all(CURATED_FILES.map((f) => readFile(f, 'utf8')))
  // The code whose rules decide which entries are kept (and Node's own, for its IDN conversion).
  const code = await checkingCode(import.meta.url)
  const packages = packagedLists()
  const psl = await loadPublicSuffixRules()
  const rules = [[...psl.rules], [...psl.wildcards], [...psl.exceptions]]
  const key = createHash('sha256')
    .update(JSON.stringify([process.version, packages.map((p) => p.list), rules, ...texts, ...code]))
    .digest('hex')
  const [japanese, supplement, regional, alias, organisations, wellKnown] = texts.map((t) => JSON.parse(t) as unknown) as [
    JapaneseFile,
    SupplementFile,
    CuratedFiles['regional'],
    CuratedFiles['alias'],
    CuratedFiles['organisations'],
    { domains: string[] },
  ]
  return { key, psl, curated: { japanese, supplement, regional, alias, organisations }, wellKnown, packages }
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
  return Promise.all(['./lists', './list-merge', './syntax', './public-suffix', './text'].map((m) => readFile(fileURLToPath(new URL(`${m}${ext}`, moduleUrl)), 'utf8')))
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
  const { domains, summaries, organisations } = checkedLists(sources)
  const tables = new Map<ListEntry, string[]>()
  for (const [d, entry] of domains) {
    const table = tables.get(entry)
    if (table) table.push(d)
    else tables.set(entry, [d])
  }
  const snapshot: ListsSnapshot = { key: sources.key, summaries, organisations: [...organisations], tables: [...tables].map(([entry, ds]) => ({ entry, domains: ds })) }
  await writeFile(file, JSON.stringify(snapshot))
}

export async function buildBaseLists(snapshotFile: string): Promise<BaseLists> {
  const sources = await listSources()
  const snapshot = await readSnapshot(snapshotFile, sources.key)
  let lists: Pick<BaseLists, 'domains' | 'summaries' | 'organisations'>
  if (snapshot) {
    const domains = new Map<string, ListEntry>()
    for (const { entry, domains: ds } of snapshot.tables) for (const d of ds) domains.set(d, entry)
    lists = { domains, summaries: snapshot.summaries, organisations: new Map(snapshot.organisations) }
  } else {
    lists = checkedLists(sources)
  }
  const targets = [...new Set([...sources.wellKnown.domains, ...domainsOf(sources.curated.japanese.domains)])]
  return { ...lists, psl: sources.psl, wellKnown: knownDomains(targets, 2) }
}

const domainsOf = (entries: CuratedEntry[]): string[] => entries.map((e) => e.domain)

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
export function knownDomains(domains: readonly string[], maxDistance: 1 | 2): KnownDomains {
  const skeletons = new Map<string, string>()
  for (const d of domains) {
    const key = skeleton(domainToUnicode(d))
    if (!skeletons.has(key)) skeletons.set(key, d)
  }
  return { typos: new TypoIndex(domains, maxDistance), skeletons }
}
