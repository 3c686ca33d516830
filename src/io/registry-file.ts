// Reads a partner registry file from disk and compiles it (src/core/registry-compiler.ts).
import { readFile } from 'node:fs/promises'
import type { BaseLists } from '../core/lists.js'
import { parseRegistryText } from '../core/registry-compiler.js'
import { RegistryError, type CompiledRegistry } from '../core/registry-schema.js'

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
