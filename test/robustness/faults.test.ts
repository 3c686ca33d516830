// Faults with the real server, while good and malformed requests flow side by side. What
// test/server.test.ts already covers (a ConfigMap swap, a file cut off mid-write, deleted, a
// folder in its place, SIGTERM under good load) is taken further here rather than repeated: the
// registry file emptied, blank, the wrong JSON, a symlink loop or pointing nowhere, and each
// fault while malformed requests arrive too — with /readyz and /metrics checked after every
// fault and every recovery; and SIGTERM while good, malformed and stalled clients are connected.
//
// In every case: no failed request that was not the client's fault (good requests get 200,
// malformed ones a 4xx problem, none a 5xx or a dropped connection), and no crash.
import { mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { load, send, startServer, type LogLine } from '../support/process.js'
import { abuse, call, head, metric, raw, within } from '../support/http.js'

const registry = (...domains: string[]) => JSON.stringify({ partners: domains.map((d, i) => ({ id: `p${i}`, name: d, domains: [d] })) })
const isReload = (l: LogLine) => l.msg === 'partner registry reloaded'
const isFailure = (l: LogLine) => typeof l.msg === 'string' && l.msg.startsWith('partner registry reload failed')
const accepted = async (url: string, email: string) => (JSON.parse((await send(url, '/validate-email', { email })).body ?? '{}') as { accepted?: boolean }).accepted

interface Ready {
  status: string
  registry: { partners: number; lastLoad: { ok: boolean; error?: string; trigger: string } }
}
const readyz = async (url: string) => {
  const r = await send(url, '/readyz')
  return { status: r.status, body: JSON.parse(r.body ?? '{}') as Ready }
}

t.test('registry faults while good and malformed requests flow', async (t) => {
  const dir = t.testdir({ 'partners.json': registry('acme.co.jp', 'beta.co.jp') })
  const file = join(dir, 'partners.json')
  const server = await startServer(t, {
    PARTNERS_FILE: file,
    PARTNERS_POLL_SECONDS: '1',
    RATE_LIMIT_PER_MINUTE: '0',
    DNS_SERVERS: '127.0.0.1:9',
  })
  const url = server.url
  const good = load(url, { email: 'taro@acme.co.jp' }, { workers: 2 })
  const bad = abuse(url, { workers: 2 })

  const clear = () => rm(file, { recursive: true, force: true })
  const faults: [string, () => Promise<unknown>][] = [
    ['the file emptied', () => truncate(file, 0)],
    ['the file blank (white space only)', () => writeFile(file, ' \n\t\n')],
    ['the file cut off inside a string', async () => {
      const full = registry('acme.co.jp', 'beta.co.jp', 'cut.co.jp')
      await writeFile(file, full.slice(0, full.indexOf('cut.co') + 3))
    }],
    ['JSON that is no registry', () => writeFile(file, '[{"partners": []}]')],
    ['a registry with no partners key', () => writeFile(file, '{"partner": []}')],
    ['binary garbage', () => writeFile(file, Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x00, 0x22, 0xc3]))],
    ['the file deleted', clear],
    ['a folder in its place', async () => {
      await clear()
      await mkdir(file)
    }],
    ['a symlink to itself', async () => {
      await clear()
      await symlink('partners.json', file)
    }],
    ['a symlink to nowhere', async () => {
      await clear()
      await symlink('gone/partners.json', file)
    }],
  ]

  let restored = 0
  for (const [what, fault] of faults) {
    // The fault: the last good registry keeps serving, and both probes say the reload failed.
    let from = server.lines.length
    await fault()
    const line = await within(server.waitFor((l) => isFailure(l) || isReload(l), from), 30_000, what)
    const reason = (String(line.error).split('\n').slice(1).join(' ').trim() || String(line.error)).replace(/[^\x20-\x7e]/g, '?')
    t.ok(isFailure(line), `${what}: the reload failed (${reason})`)
    const ready = await readyz(url)
    t.match(ready, { status: 200, body: { status: 'ready', registry: { lastLoad: { ok: false } } } }, `${what}: /readyz stays ready and reports the failed reload`)
    const status = JSON.parse((await send(url, '/registry')).body ?? '{}') as Ready['registry']
    t.match(status, { lastLoad: { ok: false, error: String } }, `${what}: /registry says why`)
    t.equal(await metric(url, 'partner_registry_last_load_success'), 0, `${what}: partner_registry_last_load_success 0`)
    t.equal(await accepted(url, 'x@beta.co.jp'), true, `${what}: the last good registry serves`)

    // The recovery: a good registry (a new one each time, so that it is a change) is loaded.
    from = server.lines.length
    const domain = `restored-${++restored}.co.jp`
    await clear()
    await writeFile(file, registry('acme.co.jp', 'beta.co.jp', domain))
    await within(server.waitFor(isReload, from), 30_000, `${what}, then a good file`)
    t.equal(await metric(url, 'partner_registry_last_load_success'), 1, `${what}, then a good file: partner_registry_last_load_success 1`)
    t.match((await readyz(url)).body, { registry: { lastLoad: { ok: true } } }, `${what}, then a good file: /readyz reports it`)
    t.equal(await accepted(url, `x@${domain}`), true, `${what}, then a good file: it serves`)
  }

  const [goodOutcomes, badOutcomes] = await Promise.all([good.stop(), bad.stop()])
  t.ok(goodOutcomes.length > 100, `${goodOutcomes.length} good requests during the faults`)
  t.same(goodOutcomes.filter((o) => o.status !== 200).slice(0, 5), [], 'every good request got 200')
  t.ok(badOutcomes.length > 100, `${badOutcomes.length} malformed requests during the faults`)
  t.same(badOutcomes.filter((o) => o.problem).slice(0, 5), [], 'every malformed request got a 4xx problem, none a 5xx or no answer')
  t.equal(server.child.exitCode, null, 'no crash')
  server.child.kill('SIGTERM')
  t.equal(await server.exited, 0, 'and it shuts down cleanly')
})

t.test('SIGTERM while good, malformed and stalled clients are connected', async (t) => {
  const server = await startServer(t, {
    SHUTDOWN_DELAY_SECONDS: '2',
    SHUTDOWN_TIMEOUT_SECONDS: '5',
    REQUEST_TIMEOUT_MS: '1000',
    RATE_LIMIT_PER_MINUTE: '0',
    DNS_SERVERS: '127.0.0.1:9',
  })
  const url = server.url
  const good = load(url, { email: 'taro@acme.example.co.jp' }, { workers: 4 })
  const bad = abuse(url, { workers: 2 })
  // A client that sends its headers and then its body a byte at a time, never all of it (one
  // byte per 250 ms, 40 at most): REQUEST_TIMEOUT_MS must cut it off, so that it cannot hold
  // the shutdown up until SHUTDOWN_TIMEOUT_SECONDS.
  const stalled = raw(url, head('POST', '/validate-email', [['host', 'x'], ['content-type', 'application/json'], ['content-length', 100]]), {
    body: Array.from({ length: 40 }, (_, i) => (i === 0 ? '{' : ' ')),
    pace: 250,
    hangUpAfterLast: true,
  })

  // Let the traffic get going: wait for the access lines of the first requests.
  await within(server.waitFor((l) => l.msg === 'request completed', 100), 30_000, 'the first requests')
  server.child.kill('SIGTERM')
  await within(server.waitFor((l) => l.msg === 'draining'), 30_000, 'draining')
  t.equal((await readyz(url)).status, 503, 'not ready while draining')
  // A load balancer stops sending once readiness goes: the malformed traffic stops here, the
  // good traffic when it is told Connection: close.
  const badOutcomes = await bad.stop()
  const goodOutcomes = await good.stop()
  const code = await within(server.exited, 30_000, 'exit')
  const slow = await stalled

  t.ok(goodOutcomes.length >= 50, `${goodOutcomes.length} good requests`)
  t.same(goodOutcomes.filter((o) => o.status !== 200).slice(0, 5), [], 'every good request got 200, none dropped')
  t.ok(goodOutcomes.some((o) => o.connection === 'close'), 'the good clients were told to go elsewhere')
  t.ok(badOutcomes.length > 10, `${badOutcomes.length} malformed requests`)
  t.same(badOutcomes.filter((o) => o.problem).slice(0, 5), [], 'every malformed request got a 4xx problem, none a 5xx or no answer')
  t.equal(slow.response?.status, 408, `the stalled client was cut off by the request timeout with a 408 (after ${slow.chunksSent} of 40 bytes; ${slow.response ? `got ${slow.response.status}` : 'got no answer'})`)
  t.equal(code, 0, 'a clean exit: nothing held the shutdown up past SHUTDOWN_TIMEOUT_SECONDS')
  t.ok(server.lines.some((l) => l.msg === 'closed'), 'it logged its close')
  t.match(await call(url, 'GET', '/healthz'), { error: 'ECONNREFUSED' }, 'and it is gone')
})
