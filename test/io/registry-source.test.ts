import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { writeFile } from 'node:fs/promises'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { loadBaseLists } from '../../src/io/lists.js'
import { RegistryError } from '../../src/core/registry-schema.js'
import { RegistryStore, type LoadResult } from '../../src/io/registry-store.js'
import { registrySource, urlSource } from '../../src/io/registry-source.js'
import { build } from '../support/helpers.js'
import { freePort } from '../support/redis.js'

const lists = await loadBaseLists()
const registry = (...domains: string[]) => JSON.stringify({ partners: domains.map((d, i) => ({ id: `p${i}`, name: d, domains: [d] })) })

type Mode = 'ok' | 'no-validators' | 'chunked' | '500' | 'truncated' | 'truncated-chunked' | 'slow' | 'too-large'

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`

/** A registry publisher on loopback: serves `body` with an ETag and Last-Modified, or misbehaves as `mode` says. */
async function publisher(t: Test, initial: string) {
  const state = { body: initial, mode: 'ok' as Mode, modified: new Date('2026-01-05T00:00:00Z'), requests: [] as IncomingHttpHeaders[], authorization: null as string | null }
  const hanging = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    state.requests.push(req.headers)
    if (state.authorization !== null && req.headers.authorization !== state.authorization) return res.writeHead(401).end()
    const etag = etagOf(state.body)
    const validators = state.mode === 'no-validators' ? {} : { etag, 'last-modified': state.modified.toUTCString() }
    const bytes = Buffer.from(state.body)
    switch (state.mode) {
      case '500':
        return res.writeHead(500).end('oops')
      case 'too-large':
        res.writeHead(200, { 'content-length': 10_000_000 }).flushHeaders()
        return res.destroy()
      case 'truncated':
        res.writeHead(200, { 'content-length': bytes.length, ...validators })
        return res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy())
      case 'truncated-chunked':
        res.writeHead(200, validators)
        return res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy())
      case 'slow':
        hanging.add(res)
        res.writeHead(200, { 'content-length': bytes.length, ...validators })
        return res.write(bytes.subarray(0, bytes.length >> 1))
      case 'chunked':
        res.writeHead(200, validators)
        res.write(bytes.subarray(0, 10))
        return res.end(bytes.subarray(10))
    }
    if (state.mode === 'ok' && req.headers['if-none-match'] === etag) return res.writeHead(304, validators).end()
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length, ...validators }).end(bytes)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => {
    for (const res of hanging) res.destroy()
    server.closeAllConnections()
    server.close()
  })
  const { port } = server.address() as { port: number }
  return { state, url: `http://127.0.0.1:${port}/registry/partners.json?token=secret` }
}

const nextLoad = (app: FastifyInstance) => once(app.registryStore, 'load').then(([r]) => r as LoadResult)
const domains = (app: FastifyInstance) => app.registryStore.current.partnerDomains.keys.slice().sort()

async function metric(app: FastifyInstance, name: string): Promise<string> {
  return (await app.inject({ method: 'GET', url: '/metrics' })).body
    .split('\n')
    .filter((l) => l.startsWith(name))
    .join('\n')
}

t.test('serves the registry from PARTNERS_URL, picks up a change within a poll, and costs a 304 when unchanged', async (t) => {
  const pub = await publisher(t, registry('acme.co.jp'))
  const app = await build(t, { PARTNERS_URL: pub.url, PARTNERS_POLL_SECONDS: '1' })
  t.same(domains(app), ['acme.co.jp'])
  const verdict = (await app.inject({ method: 'POST', url: '/validate-email', payload: { email: 'taro@acme.co.jp' } })).json()
  t.equal(verdict.partner?.id ?? verdict.partners?.[0]?.id, 'p0', 'a partner of the registry fetched')
  // /readyz names no source (#22); GET /registry, behind the API keys, does.
  const ready = { registry: (await app.inject({ method: 'GET', url: '/registry' })).json() }
  t.equal(ready.registry.source, pub.url.replace(/\?.*/, ''), 'the source named without its query (which may hold a token)')

  // Unchanged: the next poll is a conditional GET answered 304, and nothing is loaded.
  const loads: LoadResult[] = []
  app.registryStore.on('load', (r) => loads.push(r))
  const [changed] = await once(app.registryStore, 'poll')
  t.equal(changed, false)
  const last = pub.state.requests.at(-1)!
  t.match(last, { 'if-none-match': /^"[0-9a-f]+"$/, 'if-modified-since': pub.state.modified.toUTCString() })
  t.same(loads, [], 'a 304 loads nothing')
  t.match(await metric(app, 'partner_registry_loads_total'), /result="success"} 1[\s\S]*result="unchanged"} 0/, 'only the load at start')

  // Changed: picked up by the next poll.
  pub.state.body = registry('acme.co.jp', 'beta.co.jp')
  const load = await nextLoad(app)
  t.match(load, { ok: true, unchanged: false, trigger: 'url poll' })
  t.same(domains(app), ['acme.co.jp', 'beta.co.jp'])
  t.match(await metric(app, 'partner_registry_loads_total'), /result="success"} 2/)
})

t.test('keeps the last good registry through a 500, a truncated body, invalid JSON, an invalid registry and a slow body', async (t) => {
  const pub = await publisher(t, registry('acme.co.jp'))
  const app = await build(t, { PARTNERS_URL: pub.url, PARTNERS_RELOAD: 'false', PARTNERS_URL_TIMEOUT_SECONDS: '1' })
  const good = app.registryStore.current
  const cases: [string, () => void, RegExp][] = [
    ['HTTP 500', () => (pub.state.mode = '500'), /HTTP 500/],
    ['truncated at its Content-Length', () => ((pub.state.mode = 'truncated'), (pub.state.body = registry('acme.co.jp', 'evil.co.jp'))), /not received whole/],
    ['truncated without a Content-Length', () => (pub.state.mode = 'truncated-chunked'), /not received whole/],
    ['invalid JSON', () => ((pub.state.mode = 'ok'), (pub.state.body = '{"partners": [')), /not valid JSON/],
    ['an invalid registry', () => (pub.state.body = JSON.stringify({ partners: [{ id: 'x', name: 'x', domains: ['gmail.com'] }] })), /free-mail list/],
    ['a body slower than the timeout', () => ((pub.state.mode = 'slow'), (pub.state.body = registry('acme.co.jp', 'slow.co.jp'))), /within 1 s/],
    ['declared larger than is taken', () => (pub.state.mode = 'too-large'), /cannot be fetched|not received whole/],
  ]
  for (const [what, change, error] of cases) {
    change()
    await app.reloadRegistry('test')
    t.match(app.registryStore.lastLoad, { ok: false, error }, what)
    t.equal(app.registryStore.current, good, `${what}: the last good registry keeps serving`)
  }
  t.match(await metric(app, 'partner_registry_last_load_success'), / 0$/)
  t.match(await metric(app, 'partner_registry_loads_total'), new RegExp(`result="failure"} ${cases.length}`))

  // An invalid registry's validators are not kept: the same body is fetched whole and refused again.
  pub.state.mode = 'ok'
  pub.state.body = JSON.stringify({ partners: [{ id: 'x', name: 'x', domains: ['gmail.com'] }] })
  await app.reloadRegistry('test')
  await app.reloadRegistry('test')
  t.equal(pub.state.requests.at(-1)!['if-none-match'], etagOf(registry('acme.co.jp')), 'asked with the serving registry’s validators')
  t.match(app.registryStore.lastLoad, { ok: false, error: /free-mail list/ })

  // Fixed at the source: served again.
  pub.state.body = registry('acme.co.jp', 'gamma.co.jp')
  await app.reloadRegistry('test')
  t.same(domains(app), ['acme.co.jp', 'gamma.co.jp'])
  t.match(await metric(app, 'partner_registry_last_load_success'), / 1$/)
})

t.test('a server without validators: the same body is found unchanged by its hash; a chunked body is taken whole', async (t) => {
  const pub = await publisher(t, registry('acme.co.jp'))
  pub.state.mode = 'no-validators'
  const store = await RegistryStore.open(urlSource(new URL(pub.url), { timeoutMs: 5000 }), lists)
  t.teardown(() => store.close())
  const first = store.current
  await store.reload('SIGHUP')
  t.match(store.lastLoad, { ok: true, unchanged: true })
  t.equal(store.current, first)
  t.equal(pub.state.requests.at(-1)!['if-none-match'], undefined)

  pub.state.mode = 'chunked'
  pub.state.body = registry('acme.co.jp', 'chunk.co.jp')
  await store.reload('SIGHUP')
  t.match(store.lastLoad, { ok: true, unchanged: false })
  t.equal(store.current.domainCount, 2)

  // A reload asked for (SIGHUP) and answered 304 is reported, as unchanged.
  pub.state.mode = 'ok'
  await store.reload('SIGHUP')
  await store.reload('SIGHUP')
  t.equal(pub.state.requests.at(-1)!['if-none-match'] !== undefined, true)
  t.match(store.lastLoad, { ok: true, unchanged: true, trigger: 'SIGHUP' })
})

t.test('a body larger than is taken from a URL is refused, with a Content-Length or without', async (t) => {
  const pub = await publisher(t, registry('acme.co.jp', 'beta.co.jp'))
  pub.state.mode = 'chunked'
  await t.rejects(RegistryStore.open(urlSource(new URL(pub.url), { timeoutMs: 5000, maxBytes: 40 }), lists), { message: /more than the 40 bytes/ })
  pub.state.mode = 'ok'
  await t.rejects(RegistryStore.open(urlSource(new URL(pub.url), { timeoutMs: 5000, maxBytes: 40 }), lists), { message: /is \d+ bytes, more than the 40 taken/ })
})

t.test('the Authorization header comes from a file, read for every request', async (t) => {
  const pub = await publisher(t, registry('acme.co.jp'))
  pub.state.authorization = 'Bearer first-token'
  const dir = t.testdir({ authorization: 'Bearer first-token\n' })
  const file = join(dir, 'authorization')
  const app = await build(t, { PARTNERS_URL: pub.url, PARTNERS_RELOAD: 'false', PARTNERS_URL_AUTHORIZATION_FILE: file })
  t.same(domains(app), ['acme.co.jp'])

  // The Secret is rotated on both sides.
  pub.state.authorization = 'Bearer second-token'
  pub.state.body = registry('acme.co.jp', 'rotated.co.jp')
  await app.reloadRegistry('test')
  t.match(app.registryStore.lastLoad, { ok: false, error: /HTTP 401/ })
  await writeFile(file, 'Bearer second-token')
  await app.reloadRegistry('test')
  t.same(domains(app), ['acme.co.jp', 'rotated.co.jp'])

  for (const [content, error] of [
    ['', /must hold one non-empty line/],
    ['Bearer a\nX-Other: b', /must hold one non-empty line/],
    ['Bearer 日本', /cannot be fetched \(.*ByteString/],
  ] as const) {
    await writeFile(file, content)
    await app.reloadRegistry('test')
    t.match(app.registryStore.lastLoad, { ok: false, error })
  }
  await t.rejects(
    RegistryStore.open(urlSource(new URL(pub.url), { timeoutMs: 5000, authorizationFile: join(dir, 'missing') }), lists),
    { message: /Authorization file cannot be read \(ENOENT\)/ },
  )
})

t.test('a registry URL that cannot be fetched at start stops the start, naming it', async (t) => {
  const pub = await publisher(t, registry('acme.co.jp'))
  pub.state.mode = '500'
  await t.rejects(build(t, { PARTNERS_URL: pub.url }), RegistryError)
  const port = await freePort()
  await t.rejects(build(t, { PARTNERS_URL: `http://127.0.0.1:${port}/partners.json` }), {
    message: `Partner registry http://127.0.0.1:${port}/partners.json is not valid:\n  - cannot be fetched (ECONNREFUSED)`,
  })
  // A port fetch refuses to use (as browsers do): its own reason.
  await t.rejects(build(t, { PARTNERS_URL: 'http://127.0.0.1:1/partners.json' }), { message: /cannot be fetched \(bad port\)/ })
})

t.test('without PARTNERS_URL the registry is the file', async (t) => {
  const source = registrySource({ partnersFile: '/x/partners.json', partnersUrl: undefined, partnersUrlAuthorizationFile: undefined, partnersUrlTimeoutMs: 1000 })
  t.match(source, { kind: 'file', name: '/x/partners.json' })
})
