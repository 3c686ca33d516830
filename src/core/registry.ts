// The partner registry: which companies are partners and at which domains, plus the operator's
// own additions to and exemptions from the shipped lists. It is parsed and checked completely
// before it is used, so a request never sees a half-valid registry.
//
// Registries reach a million domains (bench/scale.ts), so the compiled form holds no object per
// domain, only its slot in a table that points at its partner, and the file is never held as one
// tree: its partner entries are parsed two hundred at a time, and each is checked against its
// schema as it is compiled.
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { parseDomain } from './syntax.js'
import { isPublicSuffix, isPublicSuffixAt, suffixesBeneath } from './public-suffix.js'
import { knownDomains, type BaseLists, type KnownDomains, type ListEntry, type ListKind } from './lists.js'
import { PARTNER_TYPES, resolvePartnerType, type PartnerType } from './partner-types.js'
import { StringTable } from './string-table.js'

const DomainList = z.array(z.string()).default([])

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
const ID_MAX = 100

export const PartnerEntrySchema = z.strictObject({
  id: z.string().regex(ID_PATTERN, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit').max(ID_MAX),
  name: z.string().trim().min(1),
  domains: z.array(z.string()).min(1, 'must list at least one domain'),
  partnerTypes: z.array(z.string()).default([]),
})
type PartnerEntry = z.infer<typeof PartnerEntrySchema>

/**
 * What PartnerEntrySchema gives for a valid entry that is plain data, as JSON.parse makes it;
 * null for anything else, which zod then checks and describes. zod took ~0.5 µs an entry and
 * copied it, a tenth of the load of a million domains; these few tests are the schema's, made
 * directly. test/core/registry.test.ts holds the two to agreement.
 */
export function plainPartnerEntry(entry: unknown): PartnerEntry | null {
  if (typeof entry !== 'object' || entry === null || Object.getPrototypeOf(entry) !== Object.prototype) return null
  // The keys zod's strict check enumerates, an own "__proto__" from JSON.parse included.
  for (const key in entry) if (key !== 'id' && key !== 'name' && key !== 'domains' && key !== 'partnerTypes') return null
  const { id, name, domains, partnerTypes } = entry as Record<string, unknown>
  if (typeof id !== 'string' || id.length > ID_MAX || !ID_PATTERN.test(id) || typeof name !== 'string') return null
  const trimmed = name.trim()
  if (trimmed === '' || !isStringArray(domains) || domains.length === 0) return null
  if (partnerTypes === undefined) return { id, name: trimmed, domains, partnerTypes: [] }
  return isStringArray(partnerTypes) ? { id, name: trimmed, domains, partnerTypes } : null
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false
  return true
}

export const RegistryFileSchema = z.strictObject({
  $schema: z.string().optional(),
  $comment: z.string().optional(),
  partners: z.array(PartnerEntrySchema),
  extraFreeMailDomains: DomainList,
  extraDisposableDomains: DomainList,
  exemptDomains: DomainList,
})
export type RegistryFile = z.infer<typeof RegistryFileSchema>

/**
 * The file less its partner entries, which compileRegistry checks one at a time against
 * PartnerEntrySchema: checking them all at once would build a second copy of the whole file.
 */
const RegistryFileFrame = RegistryFileSchema.extend({ partners: z.array(z.unknown()) })
const FRAME_KEYS = Object.keys(RegistryFileSchema.shape)
/** Shared by every partner whose entry names no types (never changed, like every types array). */
const NO_TYPES: PartnerType[] = []

export interface PartnerRecord {
  id: string
  name: string
  /** Lower-case ASCII (punycode) domains. */
  domains: string[]
  /** Resolved at load from any spelling lookup accepts; empty when the registry does not say. */
  partnerTypes: PartnerType[]
}

export interface CompiledRegistry {
  source: string
  partners: PartnerRecord[]
  /**
   * Partner domain to its partner; to its partners, in registry order, for a domain that group
   * companies share (rare, so only they pay for an array).
   */
  partnerDomains: StringTable<PartnerRecord | PartnerRecord[]>
  /** The operator's own list entries; a domain on both extra lists is disposable. */
  listed: StringTable<ListEntry>
  exempt: StringTable<true>
  domainCount: number
  /** Partner domains as typo (one edit) and look-alike targets; null above PARTNER_INDEX_LIMIT. */
  known: KnownDomains | null
  /** What loads but is probably not what the operator meant (an empty registry, a domain twice,
   *  a domain with public suffixes beneath it), one line each. */
  warnings: string[]
}

/**
 * Above this many partner domains the typo and look-alike indexes of partner domains are not
 * built: their memory and load time grow with the registry, and the portals' registries are far
 * smaller. The well-known mail domains stay protected at any size.
 */
export const PARTNER_INDEX_LIMIT = 20_000

export class RegistryError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`)
    if (problems.length > 20) shown.push(`  … and ${problems.length - 20} more`)
    super(`Partner registry ${source} is not valid:\n${shown.join('\n')}`)
    this.name = 'RegistryError'
  }
}

export const EXTRA_LIST_NAMES: Record<ListKind, string> = {
  disposable: 'registry extraDisposableDomains',
  free: 'registry extraFreeMailDomains',
}

export async function loadRegistryFile(path: string, lists: BaseLists): Promise<CompiledRegistry> {
  return parseRegistryText(await readRegistryFile(path), path, lists)
}

/** The file's text; a file that cannot be read is a RegistryError naming the reason. */
export async function readRegistryFile(path: string): Promise<string> {
  // One decode into one string: readFile(path, 'utf8') decodes piece by piece into a rope, which
  // the first slice of it then copies whole (for 85 MB, ~50 ms and 170 MB more at the peak).
  return (await readRegistryBytes(path)).toString('utf8')
}

/** The file's bytes, for a caller that hashes them too; a file that cannot be read is a RegistryError. */
export async function readRegistryBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (err) {
    throw new RegistryError(path, [`cannot be read (${(err as Error).message})`])
  }
}

export function parseRegistryText(text: string, source: string, lists: BaseLists): CompiledRegistry {
  // Editors on Windows save UTF-8 with a byte order mark, which JSON.parse refuses.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const split = splitPartners(text)
  if (split) {
    const compiled = compileSplit(split, text, lists, source)
    if (compiled) return compiled
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new RegistryError(source, [`is not valid JSON (${(err as Error).message})`])
  }
  return compileRegistry(json, lists, source)
}

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
interface Split {
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
/** Entries parsed at a time: small enough to die young, large enough that each parse call counts for little. */
const PART = 200

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

function splitPartners(text: string): Split | null {
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

/** compileRegistry of a split file, its entries parsed a part at a time; null if the file is not what the split took it for. */
function compileSplit({ open, close, commas }: Split, text: string, lists: BaseLists, source: string): CompiledRegistry | null {
  let frame: unknown
  try {
    frame = JSON.parse(`${text.slice(0, open)}[]${text.slice(close + 1)}`)
  } catch {
    return null
  }
  // An empty list has no comma, and then one part with no entry.
  const count = commas.length + 1
  const compiler = new Compiler(RegistryFileFrame.safeParse(frame), lists, source, count)
  for (let first = 0; first < count; first += PART) {
    const end = Math.min(first + PART, count)
    const from = first === 0 ? open + 1 : commas[first - 1]! + 1
    const to = end === count ? close : commas[end - 1]!
    let part: unknown[]
    try {
      // Valid JSON, so the commas found are exactly those between entries: no count to check.
      part = JSON.parse(`[${text.slice(from, to)}]`) as unknown[]
    } catch {
      return null
    }
    compiler.add(part, first)
  }
  return compiler.finish()
}

function describePath(path: readonly PropertyKey[]): string {
  const out = path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${String(k)}` : String(k))).join('')
  return out || '(top level)'
}

/** Where a partner entry's problem is: its position, and its id, which is what an operator greps for. */
function partnerLabel(i: number, entry: unknown, path: readonly PropertyKey[] = []): string {
  const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined
  const at = describePath(['partners', i, ...path])
  return typeof id === 'string' ? at.replace(']', `] (id "${id}")`) : at
}

/** Names a few of the suffixes: amazonaws.com has hundreds beneath it. */
function suffixWarning(where: string, raw: string, beneath: readonly string[]): string {
  const named = beneath.slice(0, 5).join(', ') + (beneath.length > 5 ? ` and ${beneath.length - 5} more` : '')
  return `${where}: "${raw}" has public suffixes beneath it (${named}); addresses under them belong to the provider's customers and are not matched to this partner`
}

/** A domain the registry cannot hold, and why (the start of a problem, after where it is). */
class DomainProblem {
  constructor(readonly text: string) {}
}

/** The registry form of a domain (lower-case ASCII), or why it cannot be one. */
function registryDomain(raw: string, lists: BaseLists): string | DomainProblem {
  const r = parseDomain(raw)
  if (!r.ok) return new DomainProblem(`"${raw}" is not a valid domain (${r.rule})`)
  if (isPublicSuffix(lists.psl, r.asciiDomain)) {
    return new DomainProblem(`"${raw}" is a public suffix, which would match every domain under it; name the registrable domain instead`)
  }
  return r.asciiDomain
}

type Frame = { success: true; data: z.infer<typeof RegistryFileFrame> } | { success: false; error: z.ZodError }

export function compileRegistry(input: unknown, lists: BaseLists, source: string): CompiledRegistry {
  const frame: Frame = RegistryFileFrame.safeParse(input)
  const entries = frame.success ? frame.data.partners : partnersOf(input)
  const compiler = new Compiler(frame, lists, source, entries.length)
  compiler.add(entries, 0)
  return compiler.finish()
}

/** compileRegistry in steps, so that a large file's partner entries can come in parts. */
class Compiler {
  readonly #frame: Frame
  readonly #lists: BaseLists
  readonly #registry: CompiledRegistry
  /**
   * Problems with the file's shape, as one whole-file parse would list them: in the order of the
   * schema's keys, the partner entries in their place. When there are any, they are the only
   * problems reported, as the other checks assume the shape.
   */
  readonly #shape: string[] = []
  readonly #problems: string[] = []
  readonly #ids: StringTable<true>
  /**
   * A large registry spells the same few lists of type names again and again: each is resolved
   * once (keyed by its one name, or by all of them), and partners that hold the same types share
   * one array of them (keyed by their ids).
   */
  readonly #byName = new Map<string, PartnerType[]>()
  readonly #byNames = new Map<string, PartnerType[]>()
  readonly #byTypes = new Map<string, PartnerType[]>()
  readonly #domains: string[] = []
  /** Per part: its entries as plainPartnerEntry takes them, and its partner domains with their partners. */
  readonly #plain: (PartnerEntry | null)[] = []
  readonly #added: string[] = []
  readonly #owners: PartnerRecord[] = []

  /** @param entries how many partner entries the file holds, for the tables to be sized by */
  constructor(frame: Frame, lists: BaseLists, source: string, entries: number) {
    this.#frame = frame
    this.#lists = lists
    for (const i of this.#frameIssues(false)) this.#shape.push(`${describePath(i.path)}: ${i.message}`)
    this.#ids = new StringTable(entries)
    if (entries >= SHIPPED_TABLE_FROM) buildShippedTable(lists)
    // An entry has a domain at least, most have one or two.
    const partnerDomains = new StringTable<PartnerRecord | PartnerRecord[]>(entries)
    const registry: CompiledRegistry = { source, partners: [], partnerDomains, listed: new StringTable(), exempt: new StringTable(), domainCount: 0, known: null, warnings: [] }
    this.#registry = registry
    if (!frame.success) return
    const file = frame.data
    file.exemptDomains.forEach((raw, i) => {
      const d = this.#domainOf(raw, `exemptDomains[${i}]`)
      if (d) registry.exempt.set(d, true)
    })
    const addExtra = (kind: ListKind, domains: string[], field: string): void => {
      const list: ListEntry = { kind, list: EXTRA_LIST_NAMES[kind], sources: [{ kind, list: EXTRA_LIST_NAMES[kind] }], precedence: 'set by the operator in the partner registry' }
      domains.forEach((raw, i) => {
        const d = this.#domainOf(raw, `${field}[${i}]`)
        if (d && (!registry.listed.has(d) || kind === 'disposable')) registry.listed.set(d, list)
      })
    }
    addExtra('disposable', file.extraDisposableDomains, 'extraDisposableDomains')
    addExtra('free', file.extraFreeMailDomains, 'extraFreeMailDomains')
  }

  /** The frame's issues before the partner entries (false) or after them (true). */
  #frameIssues(after: boolean): z.core.$ZodIssue[] {
    const issues = this.#frame.success ? [] : this.#frame.error.issues
    const partners = FRAME_KEYS.indexOf('partners')
    return issues.filter((i) => (i.path.length === 0 || FRAME_KEYS.indexOf(i.path[0] as string) > partners) === after)
  }

  #domainOf(raw: string, where: string): string | null {
    const d = registryDomain(raw, this.#lists)
    if (typeof d === 'string') return d
    this.#problems.push(`${where}: ${d.text}`)
    return null
  }

  /** Partner entries, the first of them at position `offset` of the file's list. */
  add(entries: readonly unknown[], offset: number): void {
    const lists = this.#lists
    const registry = this.#registry
    const problems = this.#problems
    const domains = this.#domains
    // The ids' and the domains' tables are far larger than the cache: their slots are read for a
    // part's entries at once (StringTable.warm), the domains added after the part, in the same order.
    const plain = this.#plain
    const ids = this.#added
    plain.length = 0
    ids.length = 0
    for (let k = 0; k < entries.length; k++) {
      const p = plainPartnerEntry(entries[k])
      plain.push(p)
      if (p) ids.push(p.id)
    }
    this.#ids.warm(ids)
    const added = this.#added
    const owners = this.#owners
    added.length = 0
    owners.length = 0
    for (let k = 0; k < entries.length; k++) {
      const i = offset + k
      const entry = entries[k]
      let p = plain[k]!
      if (!p) {
        const parsed = PartnerEntrySchema.safeParse(entry)
        if (!parsed.success) {
          for (const issue of parsed.error.issues) this.#shape.push(`${partnerLabel(i, entry, issue.path)}: ${issue.message}`)
          continue
        }
        p = parsed.data
      }
      // Only the shape problems will be reported: the rest of the entries need only their shape checked.
      if (this.#shape.length) continue
      if (this.#ids.add(p.id, true) >= 0) problems.push(`${partnerLabel(i, p)}: the id is used by an earlier partner too`)
      const partnerTypes = this.#partnerTypes(p.partnerTypes, i, p)
      domains.length = 0
      for (let j = 0; j < p.domains.length; j++) {
        const raw = p.domains[j]!
        const d = registryDomain(raw, lists)
        if (typeof d !== 'string') {
          problems.push(`${partnerLabel(i, p)}.domains[${j}]: ${d.text}`)
          continue
        }
        if (domains.includes(d)) {
          registry.warnings.push(`${partnerLabel(i, p)}.domains[${j}]: "${raw}" is the same domain as an earlier entry of this partner (domains are case-insensitive); it is counted once`)
          continue
        }
        const on = listedAt(d, lists, registry)
        if (on) {
          problems.push(
            `${partnerLabel(i, p)}.domains[${j}]: "${raw}" is on the ${on.kind === 'free' ? 'free-mail' : 'disposable'} list (${on.list}: ${on.entry}); add it to exemptDomains if it really is the partner's own domain`,
          )
          continue
        }
        domains.push(d)
        const beneath = suffixesBeneath(lists.psl, d)
        if (beneath.length) registry.warnings.push(suffixWarning(`${partnerLabel(i, p)}.domains[${j}]`, raw, beneath))
      }
      const record: PartnerRecord = { id: p.id, name: p.name, domains: exactCopy(domains), partnerTypes }
      for (const d of record.domains) {
        added.push(d)
        owners.push(record)
      }
      registry.domainCount += record.domains.length
      registry.partners.push(record)
    }
    const table = registry.partnerDomains
    const hashes = table.warm(added)
    for (let k = 0; k < added.length; k++) {
      const record = owners[k]!
      const at = table.add(added[k]!, record, hashes[k])
      if (at < 0) continue
      const earlier = table.values[at]!
      table.values[at] = Array.isArray(earlier) ? [...earlier, record] : [earlier, record]
    }
  }

  #partnerTypes(names: string[], i: number, entry: unknown): PartnerType[] {
    if (names.length === 0) return NO_TYPES
    const byNames = names.length === 1 ? this.#byName : this.#byNames
    const key = names.length === 1 ? names[0]! : JSON.stringify(names)
    const known = byNames.get(key)
    if (known) return known
    const types: PartnerType[] = []
    let resolvedAll = true
    names.forEach((name, j) => {
      const resolved = resolvePartnerType(name)
      if (!resolved) {
        resolvedAll = false
        this.#problems.push(`${partnerLabel(i, entry)}.partnerTypes[${j}]: "${name}" is not a partner type; use one of ${PARTNER_TYPES.map((t) => `"${t.en}"`).join(', ')}`)
      } else if (!types.includes(resolved.type)) {
        types.push(resolved.type)
      }
    })
    const typesKey = types.map((t) => t.id).join()
    const shared = this.#byTypes.get(typesKey) ?? (this.#byTypes.set(typesKey, types), types)
    // A list with a name that is no type is reported each time it comes.
    if (resolvedAll) byNames.set(key, shared)
    return shared
  }

  finish(): CompiledRegistry {
    for (const i of this.#frameIssues(true)) this.#shape.push(`${describePath(i.path)}: ${i.message}`)
    const registry = this.#registry
    if (this.#shape.length) throw new RegistryError(registry.source, this.#shape)
    if (this.#problems.length) throw new RegistryError(registry.source, this.#problems)
    if (registry.partners.length === 0) registry.warnings.push('the registry lists no partners: every address will be refused as NOT_PARTNER')
    // The table's keys are the partner domains in registry order, each once.
    if (registry.domainCount <= PARTNER_INDEX_LIMIT) registry.known = knownDomains(registry.partnerDomains.keys, 1)
    return registry
  }
}

/**
 * A copy of exactly the right size (an array grown from empty by push keeps room for 17). Most
 * partners have one to three domains: their arrays are written as literals, which V8 allocates
 * in the old generation once it has seen that they live on (allocation-site pretenuring), where
 * a slice is made young and copied twice by the garbage collector before it gets there.
 */
function exactCopy(xs: string[]): string[] {
  switch (xs.length) {
    case 1:
      return [xs[0]!]
    case 2:
      return [xs[0]!, xs[1]!]
    case 3:
      return [xs[0]!, xs[1]!, xs[2]!]
    default:
      return xs.slice()
  }
}

/** The partner entries of a file whose shape is wrong elsewhere, so that theirs is checked too. */
function partnersOf(input: unknown): readonly unknown[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return []
  const partners = (input as { partners?: unknown }).partners
  return Array.isArray(partners) ? partners : []
}

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
function listedAt(domain: string, lists: BaseLists, registry: CompiledRegistry, exemptStart = exemptAt(domain, registry)): ListMatch | null {
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

function buildShippedTable(lists: BaseLists): void {
  if (SHIPPED.has(lists)) return
  const table = new StringTable<ListEntry>(lists.domains.size, { filtered: true })
  for (const [d, entry] of lists.domains) table.add(d, entry)
  SHIPPED.set(lists, table)
}
