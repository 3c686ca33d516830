import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { pathToFileURL } from 'node:url'
import type { BaseLists } from '../../src/core/lists.js'
import { buildBaseLists, checkingCode, packagedLists, writeListsSnapshot } from '../../src/io/lists.js'

const dir = await mkdtemp(join(tmpdir(), 'lists-'))
t.teardown(() => rm(dir, { recursive: true, force: true }))
const snapshot = join(dir, 'lists.snapshot.json')
const table = (l: BaseLists): string[] => [...l.domains].map(([d, e]) => `${d} ${e.kind} ${e.list}`).sort()

const fromPackages = await buildBaseLists(join(dir, 'missing.json'))

t.test('the snapshot gives the very lists that checking the packages gives', async (t) => {
  await writeListsSnapshot(snapshot)
  const fromSnapshot = await buildBaseLists(snapshot)
  t.ok(fromPackages.domains.size > 100_000)
  t.same(table(fromSnapshot), table(fromPackages))
  t.same(fromSnapshot.summaries, fromPackages.summaries)
  t.same(fromSnapshot.wellKnown.skeletons, fromPackages.wellKnown.skeletons)
  t.same([...fromSnapshot.organisations], [...fromPackages.organisations], 'the organisations too')
  // Each entry keeps every source that names it, through the snapshot.
  const sources = (l: BaseLists, d: string) => l.domains.get(d)?.sources.map((s) => s.list.split('@')[0])
  t.same(sources(fromSnapshot, 'eay.jp'), sources(fromPackages, 'eay.jp'))
  t.ok(sources(fromSnapshot, 'eay.jp')!.length >= 3, 'a throwaway domain several lists name keeps them all')
})

t.test('every packaged list is merged, named with its version', async (t) => {
  const names = fromPackages.summaries.map((s) => s.list.split('@')[0])
  for (const p of ['disposable-email-domains', 'disposable-email-domains-js', 'mailchecker', 'burner-email-providers', 'email-providers']) t.ok(names.includes(p), p)
  t.ok(fromPackages.summaries.every((s) => s.entries > 0))
})

t.test('a snapshot is used only when made from the same sources', async (t) => {
  await writeListsSnapshot(snapshot)
  const written = JSON.parse(await readFile(snapshot, 'utf8')) as { key: string; tables: { domains: string[] }[] }
  written.tables[0]!.domains.push('planted.example')
  await writeFile(snapshot, JSON.stringify(written))
  t.ok((await buildBaseLists(snapshot)).domains.has('planted.example'), 'a matching snapshot is what is loaded')
  await writeFile(snapshot, JSON.stringify({ ...written, key: 'made from other packages' }))
  const stale = await buildBaseLists(snapshot)
  t.notOk(stale.domains.has('planted.example'), 'a snapshot of other sources is ignored')
  t.same(table(stale), table(fromPackages))
  await writeFile(snapshot, '{"key": "cut sh')
  t.same(table(await buildBaseLists(snapshot)), table(fromPackages), 'an unreadable snapshot is ignored')
})

t.test('the snapshot is keyed on the checking code, as files or as one bundle chunk', async (t) => {
  // As the sources and tsc lay it out: this module, and the core modules that decide what is kept.
  const files = join(dir, 'files')
  const bundle = join(dir, 'bundle')
  await Promise.all([join(files, 'io'), join(files, 'core'), bundle].map((d) => mkdir(d, { recursive: true })))
  await writeFile(join(files, 'io', 'lists.js'), '// io lists code')
  for (const m of ['lists', 'list-merge', 'syntax', 'idna', 'public-suffix', 'string-table', 'text']) await writeFile(join(files, 'core', `${m}.js`), `// ${m} code`)
  const reader = pathToFileURL(join(files, 'io', 'lists.js')).href
  t.same(await checkingCode(reader), ['// io lists code', '// lists code', '// list-merge code', '// syntax code', '// idna code', '// public-suffix code', '// string-table code', '// text code'])
  await writeFile(join(files, 'core', 'list-merge.js'), '// list-merge code, changed')
  t.match(await checkingCode(reader), ['// io lists code', '// lists code', '// list-merge code, changed'], 'a core module changed: another key')
  // As the bundle lays it out: one chunk holds all of it, with no siblings beside it.
  await writeFile(join(bundle, 'chunk-ABC.js'), '// all the code')
  t.same(await checkingCode(pathToFileURL(join(bundle, 'chunk-ABC.js')).href), ['// all the code'])
  // Laid out as files, a module that is missing is an error, not a silent gap in the key.
  await rm(join(files, 'core', 'text.js'))
  await t.rejects(checkingCode(reader), { code: 'ENOENT' })
})

t.test('a packaged list is read when its entries are first asked for, and once', async (t) => {
  // The snapshot's key needs only the versions: a start from a fresh snapshot reads no list.
  const require = createRequire(import.meta.url)
  const file = require.resolve('email-providers/all.json')
  delete require.cache[file]
  const lists = packagedLists()
  t.notOk(require.cache[file], 'not read for the versions')
  t.ok(lists.every((l) => /@\d+\.\d+\.\d+/.test(l.list)), 'each named with its version')
  const free = lists.find((l) => l.kind === 'free')!
  t.ok(free.entries.length > 1000)
  t.ok(require.cache[file], 'read when asked for')
  t.equal(free.entries, free.entries, 'the same array each time')
})
