import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { describeChange, diffLists, update, type ListsLock } from '../../scripts/lists-update.js'

const lock = (lists: Record<string, number>): ListsLock => ({ lists, classes: {} })

t.test('what changed: list versions and counts, domains added, removed and moved between classes', async (t) => {
  const change = diffLists(
    lock({ 'disposable: a@1': 10, 'free: gone@1': 3 }),
    lock({ 'disposable: a@2': 12, 'free: new@1': 1 }),
    new Map([
      ['kept.com', 'free'],
      ['moved.com', 'free'],
      ['removed.com', 'disposable'],
    ]),
    new Map([
      ['kept.com', 'free'],
      ['moved.com', 'disposable'],
      ['added.com', 'free'],
    ]),
  )
  t.same(change.lists, ['- disposable: a@1 (had 10 entries)', '+ disposable: a@2: 12 entries', '- free: gone@1 (had 3 entries)', '+ free: new@1: 1 entries'])
  t.same(change.added, [['added.com', 'free']])
  t.same(change.removed, [['removed.com', 'disposable']])
  t.same(change.moved, [['moved.com', 'free', 'disposable']])
  const text = describeChange(change, true)
  t.match(text, 'Added: 1\n  added.com (free)')
  t.match(text, 'moved.com: free → disposable')
  t.same(diffLists(lock({ x: 1 }), lock({ x: 2 }), null, new Map()).lists, ['~ x: 1 → 2 entries'])
})

t.test('long changes are cut with a count; no snapshot means only the lists are compared', async (t) => {
  const added = Array.from({ length: 25 }, (_, i): [string, string] => [`d${i}.com`, 'disposable'])
  const text = describeChange({ lists: [], added, removed: [], moved: [] }, true)
  t.match(text, 'No list changed its entry count.')
  t.match(text, '… and 5 more')
  t.match(describeChange({ lists: [], added: [], removed: [], moved: [] }, false), 'No earlier snapshot')
})

t.test('update re-merges from the installed packages, writes the lock and reports against the last snapshot', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lists-update-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const [lockFile, snapshot] = [join(dir, 'lock.json'), join(dir, 'snapshot.json')]
  t.match(await update(lockFile, snapshot), /No earlier snapshot[\s\S]*Classes now: \{"disposable":\d+,"free":\d+,"organisation":\d+\}/)
  // A snapshot that had one domain more and one in another class: both are reported.
  const written = JSON.parse(await readFile(snapshot, 'utf8')) as { tables: { entry: { kind: string }; domains: string[] }[] }
  const free = written.tables.find((x) => x.entry.kind === 'free')!
  free.domains.push('dropped-since.com', 'eay.jp')
  // As a snapshot from before organisations were kept: they are then reported as added.
  delete (written as { organisations?: unknown }).organisations
  await writeFile(snapshot, JSON.stringify(written))
  const text = await update(lockFile, snapshot)
  t.match(text, 'No list changed its entry count.')
  t.match(text, 'Removed: 1\n  dropped-since.com (free)')
  t.match(text, 'eay.jp: free → disposable')
  t.match(text, 'bt.com (organisation)')
})
