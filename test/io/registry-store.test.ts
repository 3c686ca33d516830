import { once } from 'node:events'
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { loadBaseLists } from '../../src/io/lists.js'
import { RegistryError } from '../../src/core/registry-schema.js'
import { RegistryStore, type LoadResult } from '../../src/io/registry-store.js'
import { within } from '../support/process.js'

const lists = await loadBaseLists()
const registry = (...domains: string[]) => JSON.stringify({ partners: domains.map((d, i) => ({ id: `p${i}`, name: d, domains: [d] })) })

/** The next load the store reports (each change event leads to one). */
const nextLoad = (store: RegistryStore) => within(once(store, 'load'), 20_000, 'a registry load').then(([r]) => r as LoadResult)

t.test('opens a valid registry, refuses an invalid one', async (t) => {
  const dir = t.testdir({ 'ok.json': registry('acme.co.jp'), 'bad.json': '{' })
  const store = await RegistryStore.open(join(dir, 'ok.json'), lists)
  t.equal(store.current.partners.length, 1)
  t.match(store.lastLoad, { trigger: 'start', ok: true })
  await t.rejects(RegistryStore.open(join(dir, 'bad.json'), lists), RegistryError)
})

t.test('reload swaps in a good registry, keeps the last good one on failure', async (t) => {
  const dir = t.testdir({ 'p.json': registry('acme.co.jp') })
  const file = join(dir, 'p.json')
  const store = await RegistryStore.open(file, lists)
  const first = store.current

  await store.reload('test')
  t.match(store.lastLoad, { ok: true, unchanged: true }, 'the same content is not swapped')
  t.equal(store.current, first)

  await writeFile(file, registry('acme.co.jp', 'beta.co.jp'))
  await store.reload('test')
  t.match(store.lastLoad, { ok: true, unchanged: false })
  t.equal(store.current.partners.length, 2)
  const second = store.current

  for (const [what, change] of [
    ['cut off mid-write', () => writeFile(file, registry('acme.co.jp', 'gamma.co.jp').slice(0, 40))],
    ['invalid content', () => writeFile(file, JSON.stringify({ partners: [{ id: 'x', name: 'x', domains: ['gmail.com'] }] }))],
    ['deleted', () => rm(file)],
    ['replaced by a folder', () => mkdir(file)],
  ] as const) {
    await change()
    await store.reload('test')
    t.match(store.lastLoad, { ok: false, error: /Partner registry .* is not valid/ }, what)
    t.equal(store.current, second, `${what}: the last good registry keeps serving`)
  }
  await store.close()
})

t.test('concurrent reloads coalesce into a final one that sees the last write', async (t) => {
  const dir = t.testdir({ 'p.json': registry('acme.co.jp') })
  const file = join(dir, 'p.json')
  const store = await RegistryStore.open(file, lists)
  await writeFile(file, registry('a.co.jp', 'b.co.jp'))
  const loads: LoadResult[] = []
  store.on('load', (r) => loads.push(r))
  await Promise.all([store.reload('one'), store.reload('two'), store.reload('three')])
  t.equal(store.current.partners.length, 2)
  t.ok(loads.length <= 2, `${loads.length} loads for three calls`)
})

t.test('notices a file written in place', async (t) => {
  const dir = t.testdir({ 'p.json': registry('acme.co.jp') })
  const file = join(dir, 'p.json')
  const store = await RegistryStore.open(file, lists)
  t.teardown(() => store.close())
  store.watch({ events: true, pollSeconds: 0 })
  const loaded = nextLoad(store)
  await writeFile(file, registry('acme.co.jp', 'beta.co.jp'))
  t.match(await loaded, { ok: true, trigger: 'file change' })
  t.equal(store.current.partners.length, 2)
})

t.test('notices a Kubernetes ConfigMap update: the ..data symlink swapped', async (t) => {
  // The layout kubelet makes: partners.json -> ..data/partners.json, ..data -> ..<timestamp>
  const dir = t.testdir({ '..2026_01': { 'partners.json': registry('acme.co.jp') } })
  await symlink('..2026_01', join(dir, '..data'))
  await symlink('..data/partners.json', join(dir, 'partners.json'))
  const store = await RegistryStore.open(join(dir, 'partners.json'), lists)
  t.teardown(() => store.close())
  store.watch({ events: true, pollSeconds: 0 })

  const loaded = nextLoad(store)
  await mkdir(join(dir, '..2026_02'))
  await writeFile(join(dir, '..2026_02', 'partners.json'), registry('acme.co.jp', 'beta.co.jp'))
  await symlink('..2026_02', join(dir, '..data_tmp'))
  await rename(join(dir, '..data_tmp'), join(dir, '..data'))
  await rm(join(dir, '..2026_01'), { recursive: true })
  t.match(await loaded, { ok: true })
  t.equal(store.current.partners.length, 2)
})

t.test('the poll notices a change the watch does not report', async (t) => {
  const dir = t.testdir({ 'p.json': registry('acme.co.jp') })
  const file = join(dir, 'p.json')
  const store = await RegistryStore.open(file, lists)
  // No watch: only the poll can see the change (and the poll alone keeps no process alive).
  const keepAlive = setInterval(() => {}, 1000)
  t.teardown(() => {
    clearInterval(keepAlive)
    return store.close()
  })
  store.watch({ events: false, pollSeconds: 1 })
  const loaded = nextLoad(store)
  await writeFile(file, registry('acme.co.jp', 'beta.co.jp'))
  t.match(await loaded, { ok: true })
  const failed = nextLoad(store)
  await rm(file)
  t.match(await failed, { ok: false, trigger: 'file change (poll)', error: /ENOENT/ })
  t.equal(store.current.partners.length, 2)
})

t.test('the poll leaves an unchanged file alone', async (t) => {
  const dir = t.testdir({ 'p.json': registry('acme.co.jp') })
  const store = await RegistryStore.open(join(dir, 'p.json'), lists)
  const keepAlive = setInterval(() => {}, 1000)
  t.teardown(() => {
    clearInterval(keepAlive)
    return store.close()
  })
  store.on('load', () => t.fail('no reload without a change'))
  store.watch({ events: false, pollSeconds: 1 })
  t.same(await within(once(store, 'poll'), 20_000, 'a poll'), [false])
  t.same(await within(once(store, 'poll'), 20_000, 'a poll'), [false])
})

t.test('a folder that is gone before the watch starts leaves only the poll', async (t) => {
  const dir = t.testdir({ sub: { 'p.json': registry('acme.co.jp') } })
  const store = await RegistryStore.open(join(dir, 'sub', 'p.json'), lists)
  await rm(join(dir, 'sub'), { recursive: true })
  const keepAlive = setInterval(() => {}, 1000)
  t.teardown(() => {
    clearInterval(keepAlive)
    return store.close()
  })
  t.doesNotThrow(() => store.watch({ events: true, pollSeconds: 1 }))
  // The folder comes back with a new registry: the poll, all that is left, picks it up.
  const loaded = nextLoad(store)
  await mkdir(join(dir, 'sub'))
  await writeFile(join(dir, 'sub', 'p.json'), registry('acme.co.jp', 'beta.co.jp'))
  t.match(await loaded, { ok: true, trigger: 'file change (poll)' })
  t.equal(store.current.partners.length, 2)
})
