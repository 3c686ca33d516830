// What a check is given besides the address: the shipped lists, the partner registry serving and
// the operator's options. Every core function that answers for a domain takes it.
import type { BaseLists } from './lists.js'
import type { CompiledRegistry } from './registry-schema.js'

export interface CheckOptions {
  /** Accept a non-ASCII local part (RFC 6531 SMTPUTF8). */
  allowSmtputf8: boolean
  /** A role account (info@, eigyo@ …) is a warning, or a reason to refuse. */
  roleAccounts: 'warn' | 'refuse'
}

export interface CheckContext {
  lists: BaseLists
  registry: CompiledRegistry
  options: CheckOptions
}

/** Keeps `value` in a cache of at most `max` entries, the oldest going first. */
export function remember<V>(cache: Map<string, V>, key: string, value: V, max: number): V {
  if (cache.size >= max) cache.delete(cache.keys().next().value!)
  cache.set(key, value)
  return value
}

/** Freezes an object and every object in it: shared by many verdicts, never changed. */
export function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v)
  return Object.freeze(o)
}
