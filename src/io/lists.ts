// Reads the lists the service ships with (packages and curated data files) and builds them once
// per process: they come from the installation, not from configuration, so every app and
// registry shares them. What is kept and how is decided in src/core/lists.ts.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkedLists, domainsOf, knownDomains, type BaseLists, type CuratedFiles, type ListEntry, type ListSources, type ListSummary, type OrganisationEntry } from '../core/lists.js'
import { DATA_DIR } from '../paths.js'
import { loadPublicSuffixRules, loadPrototypes } from './packaged-data.js'

export const CURATED_JAPANESE_FILE = join(DATA_DIR, 'japanese-free-mail.json')
export const CURATED_SUPPLEMENT_FILE = join(DATA_DIR, 'global-supplement.json')
const WELL_KNOWN_FILE = join(DATA_DIR, 'well-known-mail-domains.json')
export const CURATED_REGIONAL_FILE = join(DATA_DIR, 'regional-free-mail.json')
export const CURATED_ALIAS_FILE = join(DATA_DIR, 'alias-and-throwaway.json')
export const CURATED_ORGANISATIONS_FILE = join(DATA_DIR, 'organisations.json')
const LEGACY_CARRIERS_FILE = join(DATA_DIR, 'legacy-carriers.json')
/** The packaged lists merged, in the order that breaks ties between lists of the same rank. */
export const DISPOSABLE_PACKAGES = ['disposable-email-domains', 'disposable-email-domains-js', 'mailchecker', 'burner-email-providers'] as const
export const FREE_PACKAGES = ['email-providers'] as const

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

const CURATED_FILES = [CURATED_JAPANESE_FILE, CURATED_SUPPLEMENT_FILE, CURATED_REGIONAL_FILE, CURATED_ALIAS_FILE, CURATED_ORGANISATIONS_FILE, WELL_KNOWN_FILE]

/**
 * The packaged lists as installed: each package's own way of shipping its list. A list's entries
 * are read when first asked for: the snapshot's key needs only the versions, so a start with a
 * fresh snapshot (every production start) reads none of them (~130 ms of a cold start here).
 */
export function packagedLists(): ListSources['packages'] {
  const require = createRequire(import.meta.url)
  const version = (pkg: string): string => `${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`
  const lazy = (kind: 'disposable' | 'free', list: string, read: () => string[]): ListSources['packages'][number] => {
    let entries: string[] | undefined
    return {
      kind,
      list,
      get entries() {
        return (entries ??= read())
      },
    }
  }
  const burner = (): string[] => readFileSync(require.resolve('burner-email-providers/emails.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)
  return [
    lazy('disposable', version('disposable-email-domains'), () => require('disposable-email-domains') as string[]),
    lazy('disposable', `${version('disposable-email-domains')} (wildcard)`, () => require('disposable-email-domains/wildcard.json') as string[]),
    lazy('disposable', version('disposable-email-domains-js'), () => require('disposable-email-domains-js/dist/dict/disposable_email_blocklist.json') as string[]),
    lazy('disposable', version('mailchecker'), () => [...(require('mailchecker') as { blacklist(): Set<string> }).blacklist()]),
    lazy('disposable', version('burner-email-providers'), burner),
    lazy('free', version('email-providers'), () => require('email-providers/all.json') as string[]),
  ]
}

async function listSources(): Promise<ListSources & { key: string }> {
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
    CuratedFiles['japanese'],
    CuratedFiles['supplement'],
    CuratedFiles['regional'],
    CuratedFiles['alias'],
    CuratedFiles['organisations'],
    { domains: string[] },
  ]
  return { key, psl, prototypes: loadPrototypes(), curated: { japanese, supplement, regional, alias, organisations }, wellKnown, packages }
}

/**
 * The text of the code that decides which list entries are kept, in whatever form it runs: the
 * module at `moduleUrl` and the core modules beside it as files (sources, tsc output), or, in the bundle, the
 * chunk this code is in, which `npm run build` shares between the server and the snapshot
 * writer. A chunk names the chunks it imports by their content's hash, so its own text changes
 * with any of theirs.
 */
export async function checkingCode(moduleUrl: string): Promise<string[]> {
  const self = fileURLToPath(moduleUrl)
  const ext = extname(self)
  if (basename(self) !== `lists${ext}`) return [await readFile(self, 'utf8')]
  return Promise.all(['./lists', '../core/lists', '../core/list-merge', '../core/syntax', '../core/idna', '../core/public-suffix', '../core/string-table', '../core/text'].map((m) => readFile(fileURLToPath(new URL(`${m}${ext}`, moduleUrl)), 'utf8')))
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
  const legacy = JSON.parse(await readFile(LEGACY_CARRIERS_FILE, 'utf8')) as { domains: { domain: string }[] }
  return { ...lists, legacyCarriers: domainsOf(legacy.domains), psl: sources.psl, prototypes: sources.prototypes, wellKnown: knownDomains(targets, 2, sources.prototypes) }
}

