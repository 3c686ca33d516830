// Data that packages ship as files outside their exports: read here, once, and handed to the
// pure core (src/core/public-suffix.ts, src/core/confusables.ts).
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { compilePublicSuffixRules, type PublicSuffixRules } from '../core/public-suffix.js'
import type { Prototypes } from '../core/confusables.js'

const require = createRequire(import.meta.url)
let psl: Promise<PublicSuffixRules> | undefined

/** psl's rule list (psl keeps it out of its package exports), compiled once per process. */
export function loadPublicSuffixRules(): Promise<PublicSuffixRules> {
  psl ??= (async () => {
    const file = join(dirname(require.resolve('psl')), '..', 'data', 'rules.js')
    const mod = (await import(pathToFileURL(file).href)) as { default: string[] }
    return compilePublicSuffixRules(mod.default)
  })()
  return psl
}

/** UTS #39's confusables.txt as unhomoglyph ships it: a character to its prototype. */
export const loadPrototypes = (): Prototypes => require('unhomoglyph/data.json') as Prototypes
