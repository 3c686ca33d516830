// The partner registry file's shape, and what it compiles to: which companies are partners and
// at which domains, plus the operator's own additions to and exemptions from the shipped lists.
import { z } from 'zod'
import type { KnownDomains, ListEntry, ListKind } from './lists.js'
import type { PartnerType } from './partner-types.js'
import type { StringTable } from './string-table.js'

const DomainList = z.array(z.string()).default([])

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
const ID_MAX = 100

export const PartnerEntrySchema = z.strictObject({
  id: z.string().regex(ID_PATTERN, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit').max(ID_MAX),
  name: z.string().trim().min(1),
  domains: z.array(z.string()).min(1, 'must list at least one domain'),
  partnerTypes: z.array(z.string()).default([]),
})
export type PartnerEntry = z.infer<typeof PartnerEntrySchema>

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
export const RegistryFileFrame = RegistryFileSchema.extend({ partners: z.array(z.unknown()) })
export const FRAME_KEYS = Object.keys(RegistryFileSchema.shape)
/** Shared by every partner whose entry names no types (never changed, like every types array). */
export const NO_TYPES: PartnerType[] = []

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
