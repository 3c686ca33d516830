// What the registry tests share: the shipped lists, a partner entry, and the problems a load reports.
import { classifyDomain } from '../../src/core/registry.js'
import { compileRegistry, parseRegistryText } from '../../src/core/registry-compiler.js'
import { RegistryError, type CompiledRegistry } from '../../src/core/registry-schema.js'
import { loadBaseLists } from '../../src/io/lists.js'

export const lists = await loadBaseLists()
export const partner = (domains: string[], extra: object = {}) => ({ id: 'p1', name: 'P1', domains, partnerTypes: [], ...extra })
/** The problems of a load, or [] when it loads. */
export function problemsOfLoad(load: () => unknown): string[] {
  try {
    load()
  } catch (err) {
    if (err instanceof RegistryError) return err.problems
    throw err
  }
  return []
}
export const problemsOf = (input: unknown): string[] => problemsOfLoad(() => compileRegistry(input, lists, 'test.json'))
export const textProblems = (text: string): string[] => problemsOfLoad(() => parseRegistryText(text, 'test.json', lists))
/** What a verdict sees of a domain: the list entry, the partners' ids and where they matched. */
export const classified = (domain: string, r: CompiledRegistry) => {
  const c = classifyDomain(domain, lists, r)
  return { listed: c.listed && `${c.listed.kind} ${c.listed.entry} (${c.listed.list})`, exempt: c.exempt, partners: c.partners.map((m) => `${m.partner.id}@${m.matchedDomain}`) }
}
