// The partner registry, parsed and checked completely before it is used, so that a request never
// sees a half-valid registry.
//
// Registries reach a million domains (bench/scale.ts), so the compiled form holds no object per
// domain, only its slot in a table that points at its partner, and the file is never held as one
// tree: its partner entries are parsed two hundred at a time, and each is checked against its
// schema as it is compiled.
import type { z } from 'zod'
import { splitPartners, type Split } from './json-splitter.js'
import { knownDomains, type BaseLists, type ListEntry, type ListKind } from './lists.js'
import { resolvePartnerType, PARTNER_TYPES, type PartnerType } from './partner-types.js'
import { isPublicSuffix, suffixesBeneath } from './public-suffix.js'
import { buildShippedTable, listedAt, SHIPPED_TABLE_FROM } from './registry.js'
import {
  EXTRA_LIST_NAMES,
  FRAME_KEYS,
  NO_TYPES,
  PARTNER_INDEX_LIMIT,
  PartnerEntrySchema,
  plainPartnerEntry,
  RegistryError,
  RegistryFileFrame,
  type CompiledRegistry,
  type PartnerEntry,
  type PartnerRecord,
} from './registry-schema.js'
import { StringTable } from './string-table.js'
import { parseDomain } from './syntax.js'

/** Entries parsed at a time: small enough to die young, large enough that each parse call counts for little. */
const PART = 200

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
    if (registry.domainCount <= PARTNER_INDEX_LIMIT) registry.known = knownDomains(registry.partnerDomains.keys, 1, this.#lists.prototypes)
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
