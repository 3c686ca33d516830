// The partner registry: which companies are partners and at which domains, plus the operator's
// own additions to and exemptions from the shipped lists. It is parsed and checked completely
// before it is used, so a request never sees a half-valid registry.
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { parseDomain } from './syntax.js'
import { isPublicSuffix } from './public-suffix.js'
import { knownDomains, type BaseLists, type KnownDomains, type ListEntry, type ListKind } from './lists.js'
import { PARTNER_TYPES, resolvePartnerType, type PartnerType } from './partner-types.js'

const DomainList = z.array(z.string()).default([])

export const PartnerEntrySchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit')
    .max(100),
  name: z.string().trim().min(1),
  domains: z.array(z.string()).min(1, 'must list at least one domain'),
  partnerTypes: z.array(z.string()).default([]),
})

export const RegistryFileSchema = z.strictObject({
  $schema: z.string().optional(),
  $comment: z.string().optional(),
  partners: z.array(PartnerEntrySchema),
  extraFreeMailDomains: DomainList,
  extraDisposableDomains: DomainList,
  exemptDomains: DomainList,
})
export type RegistryFile = z.infer<typeof RegistryFileSchema>

export interface PartnerRecord {
  id: string
  name: string
  /** Lower-case ASCII (punycode) domains. */
  domains: string[]
  /** Resolved at load from any spelling lookup accepts; empty when the registry does not say. */
  partnerTypes: PartnerType[]
}

interface RegistryEntry {
  exempt?: true
  list?: ListEntry
  partners?: PartnerRecord[]
}

export interface CompiledRegistry {
  source: string
  partners: PartnerRecord[]
  index: Map<string, RegistryEntry>
  domainCount: number
  /** Partner domains as typo (one edit) and look-alike targets; null above PARTNER_INDEX_LIMIT. */
  known: KnownDomains | null
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
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    throw new RegistryError(path, [`cannot be read (${(err as Error).message})`])
  }
}

export function parseRegistryText(text: string, source: string, lists: BaseLists): CompiledRegistry {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new RegistryError(source, [`is not valid JSON (${(err as Error).message})`])
  }
  return compileRegistry(json, lists, source)
}

function describePath(path: readonly PropertyKey[], input: unknown): string {
  const out = path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${String(k)}` : String(k))).join('')
  if (!out) return '(top level)'
  // Name a partner by its id as well as its position: the id is what an operator greps for.
  const id = path[0] === 'partners' && typeof path[1] === 'number' ? (input as RegistryFile).partners[path[1]]?.id : undefined
  return typeof id === 'string' ? out.replace(']', `] (id "${id}")`) : out
}

export function compileRegistry(input: unknown, lists: BaseLists, source: string): CompiledRegistry {
  const parsed = RegistryFileSchema.safeParse(input)
  if (!parsed.success) {
    throw new RegistryError(
      source,
      parsed.error.issues.map((i) => `${describePath(i.path, input)}: ${i.message}`),
    )
  }
  const file = parsed.data
  const problems: string[] = []
  const index = new Map<string, RegistryEntry>()
  const entryFor = (d: string): RegistryEntry => {
    let e = index.get(d)
    if (!e) index.set(d, (e = {}))
    return e
  }
  // `where` is a function: a registry of a million domains should not build a million labels
  // for the problems it does not have.
  const domainOf = (raw: string, where: () => string): string | null => {
    const r = parseDomain(raw)
    if (!r.ok) {
      problems.push(`${where()}: "${raw}" is not a valid domain (${r.rule})`)
      return null
    }
    if (isPublicSuffix(lists.psl, r.asciiDomain)) {
      problems.push(`${where()}: "${raw}" is a public suffix, which would match every domain under it; name the registrable domain instead`)
      return null
    }
    return r.asciiDomain
  }

  file.exemptDomains.forEach((raw, i) => {
    const d = domainOf(raw, () => `exemptDomains[${i}]`)
    if (d) entryFor(d).exempt = true
  })
  const addExtra = (kind: ListKind, domains: string[], field: string): void => {
    const list: ListEntry = { kind, list: EXTRA_LIST_NAMES[kind] }
    domains.forEach((raw, i) => {
      const d = domainOf(raw, () => `${field}[${i}]`)
      if (!d) return
      const e = entryFor(d)
      if (!e.list || kind === 'disposable') e.list = list
    })
  }
  addExtra('disposable', file.extraDisposableDomains, 'extraDisposableDomains')
  addExtra('free', file.extraFreeMailDomains, 'extraFreeMailDomains')

  const ids = new Set<string>()
  const partners: PartnerRecord[] = []
  // A large registry spells the same few type names again and again: resolve each spelling once.
  const typeNames = new Map<string, ReturnType<typeof resolvePartnerType>>()
  const draft: CompiledRegistry = { source, partners, index, domainCount: 0, known: null }
  // Partners that hold the same types share one array of them.
  const typeLists = new Map<string, PartnerType[]>()
  file.partners.forEach((p, i) => {
    const where = (): string => `partners[${i}] (id "${p.id}")`
    if (ids.has(p.id)) problems.push(`${where()}: the id is used by an earlier partner too`)
    ids.add(p.id)
    const types: PartnerType[] = []
    const record: PartnerRecord = { id: p.id, name: p.name, domains: [], partnerTypes: types }
    p.partnerTypes.forEach((name, j) => {
      let resolved = typeNames.get(name)
      if (resolved === undefined) typeNames.set(name, (resolved = resolvePartnerType(name)))
      if (!resolved) {
        problems.push(`${where()}.partnerTypes[${j}]: "${name}" is not a partner type; use one of ${PARTNER_TYPES.map((t) => `"${t.en}"`).join(', ')}`)
      } else if (!types.includes(resolved.type)) {
        types.push(resolved.type)
      }
    })
    const typesKey = types.map((t) => t.id).join()
    record.partnerTypes = typeLists.get(typesKey) ?? (typeLists.set(typesKey, types), types)
    p.domains.forEach((raw, j) => {
      const d = domainOf(raw, () => `${where()}.domains[${j}]`)
      if (!d || record.domains.includes(d)) return
      const listed = classifyDomain(d, lists, draft).listed
      if (listed) {
        problems.push(
          `${where()}.domains[${j}]: "${raw}" is on the ${listed.kind === 'free' ? 'free-mail' : 'disposable'} list (${listed.list}: ${listed.entry}); add it to exemptDomains if it really is the partner's own domain`,
        )
        return
      }
      record.domains.push(d)
      const e = entryFor(d)
      ;(e.partners ??= []).push(record)
      draft.domainCount++
    })
    partners.push(record)
  })
  if (problems.length) throw new RegistryError(source, problems)
  if (draft.domainCount <= PARTNER_INDEX_LIMIT) draft.known = knownDomains([...new Set(partners.flatMap((p) => p.domains))], 1)
  return draft
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
 * is a public suffix, so the walk cannot match one. An exempt domain takes itself and its
 * parents off the lists, but not a more specific listed subdomain. Disposable beats free mail.
 */
export function classifyDomain(domain: string, lists: BaseLists, registry: CompiledRegistry): DomainClassification {
  let disposable: ListMatch | null = null
  let free: ListMatch | null = null
  let partners: PartnerMatch[] | null = null
  let exempt = false
  let d = domain
  for (;;) {
    const r = registry.index.get(d)
    if (r) {
      if (r.exempt) exempt = true
      if (r.partners) for (const partner of r.partners) (partners ??= []).push({ partner, matchedDomain: d })
    }
    if (!exempt) {
      const own = r?.list
      const shipped = lists.domains.get(d)
      if (own?.kind === 'disposable' || shipped?.kind === 'disposable') {
        disposable ??= { ...(own?.kind === 'disposable' ? own : shipped!), entry: d }
      } else if (own || shipped) {
        free ??= { ...(own ?? shipped!), entry: d }
      }
    }
    const dot = d.indexOf('.')
    if (dot < 0) break
    d = d.slice(dot + 1)
  }
  return { listed: disposable ?? free, partners: partners ?? [], exempt }
}
