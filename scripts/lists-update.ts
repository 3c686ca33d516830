// `npm run lists:update`: after `npm update` of the list packages (or an edit of data/), merges
// the lists again, writes the snapshot and data/lists.lock.json, and prints what changed: the
// packages' versions, each class's count, and the domains added, removed or moved between classes.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildBaseLists, LISTS_SNAPSHOT, writeListsSnapshot } from '../src/io/lists.js'
import { DATA_DIR } from '../src/paths.js'

export const LOCK_FILE = join(DATA_DIR, 'lists.lock.json')

/** What the merge gave, as recorded in data/lists.lock.json. */
export interface ListsLock {
  lists: Record<string, number>
  classes: Record<string, number>
}

/** Domain to the class it gets ('free', 'disposable' or 'organisation'). */
export type Classes = ReadonlyMap<string, string>

export interface ListsChange {
  lists: string[]
  added: [string, string][]
  removed: [string, string][]
  moved: [string, string, string][]
}

export function diffLists(beforeLock: ListsLock | null, afterLock: ListsLock, before: Classes | null, after: Classes): ListsChange {
  const lists: string[] = []
  const names = new Set([...Object.keys(beforeLock?.lists ?? {}), ...Object.keys(afterLock.lists)])
  for (const name of [...names].sort()) {
    const [was, is] = [beforeLock?.lists[name], afterLock.lists[name]]
    if (was !== is) lists.push(was === undefined ? `+ ${name}: ${is} entries` : is === undefined ? `- ${name} (had ${was} entries)` : `~ ${name}: ${was} → ${is} entries`)
  }
  const added: ListsChange['added'] = []
  const removed: ListsChange['removed'] = []
  const moved: ListsChange['moved'] = []
  if (before) {
    for (const [d, cls] of after) {
      const was = before.get(d)
      if (was === undefined) added.push([d, cls])
      else if (was !== cls) moved.push([d, was, cls])
    }
    for (const [d, cls] of before) if (!after.has(d)) removed.push([d, cls])
  }
  return { lists, added, removed, moved }
}

const SHOWN = 20

export function describeChange(change: ListsChange, hadSnapshot: boolean): string {
  const out: string[] = []
  out.push(change.lists.length ? 'Lists changed:' : 'No list changed its entry count.', ...change.lists.map((l) => `  ${l}`))
  if (!hadSnapshot) {
    out.push('No earlier snapshot to compare domains with (run `npm run build` first to keep one).')
    return out.join('\n')
  }
  const part = (title: string, rows: string[]): void => {
    out.push(`${title}: ${rows.length}`, ...rows.slice(0, SHOWN).map((r) => `  ${r}`))
    if (rows.length > SHOWN) out.push(`  … and ${rows.length - SHOWN} more`)
  }
  part('Added', change.added.map(([d, c]) => `${d} (${c})`))
  part('Removed', change.removed.map(([d, c]) => `${d} (${c})`))
  part('Moved between classes', change.moved.map(([d, was, is]) => `${d}: ${was} → ${is}`))
  return out.join('\n')
}

/** The classes in a snapshot file of any key, or null when there is none to read. */
async function snapshotClasses(file: string): Promise<Map<string, string> | null> {
  try {
    const s = JSON.parse(await readFile(file, 'utf8')) as { tables: { entry: { kind: string }; domains: string[] }[]; organisations?: [string, unknown][] }
    const classes = new Map<string, string>()
    for (const { entry, domains } of s.tables) for (const d of domains) classes.set(d, entry.kind)
    for (const [d] of s.organisations ?? []) classes.set(d, 'organisation')
    return classes
  } catch {
    return null
  }
}

/** Re-merges, writes the snapshot and the lock, and says what changed. */
export async function update(lockFile = LOCK_FILE, snapshotFile = LISTS_SNAPSHOT): Promise<string> {
  const before = await snapshotClasses(snapshotFile)
  const beforeLock = await readFile(lockFile, 'utf8').then((t) => JSON.parse(t) as ListsLock, () => null)
  await writeListsSnapshot(snapshotFile)
  const lists = await buildBaseLists(snapshotFile)
  const after = (await snapshotClasses(snapshotFile))!
  const classes: Record<string, number> = {}
  for (const cls of after.values()) classes[cls] = (classes[cls] ?? 0) + 1
  const lock: ListsLock = { lists: Object.fromEntries(lists.summaries.map((s) => [`${s.kind}: ${s.list}`, s.entries])), classes }
  await writeFile(lockFile, `${JSON.stringify(lock, null, 2)}\n`)
  return `${describeChange(diffLists(beforeLock, lock, before, after), before !== null)}\nClasses now: ${JSON.stringify(classes)}\nWrote ${lockFile} and ${snapshotFile}`
}

/* c8 ignore start -- the command-line entry; update() is what the test exercises */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(`${await update()}\n`)
/* c8 ignore stop */
