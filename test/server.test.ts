// The service as operators run it: a real process, real signals, a real file system.
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { until } from './support/helpers.js'
import { failedStart, load, send, startServer, steady, type Outcome } from './support/process.js'

const registry = (...domains: string[]) => JSON.stringify({ partners: domains.map((d, i) => ({ id: `p${i}`, name: d, domains: [d] })) })
const isReload = (l: Record<string, unknown>) => l.msg === 'partner registry reloaded'
const isFailure = (l: Record<string, unknown>) => typeof l.msg === 'string' && l.msg.startsWith('partner registry reload failed')
const accepted = async (url: string, email: string) => JSON.parse((await send(url, '/validate-email', { email })).body ?? '{}').accepted as boolean

t.test('the registry reloads while requests flow, with no failed request', async (t) => {
  // A mounted ConfigMap, as kubelet lays it out: partners.json -> ..data/partners.json -> ..v1/
  const dir = t.testdir({ '..v1': { 'partners.json': registry('acme.co.jp') } })
  await symlink('..v1', join(dir, '..data'))
  await symlink('..data/partners.json', join(dir, 'partners.json'))
  // The folder's own changes are seen at once; a write inside ..vN/ only by the poll.
  const server = await startServer(t, { PARTNERS_FILE: join(dir, 'partners.json'), PARTNERS_POLL_SECONDS: '1', RATE_LIMIT_PER_MINUTE: '0' })
  const traffic = load(server.url, { email: 'taro@acme.co.jp' })

  const step = async (what: string, change: () => Promise<void>, expect: (l: Record<string, unknown>) => boolean) => {
    const from = server.lines.length
    await change()
    const line = await server.waitFor(expect, from)
    t.pass(`${what}: ${String(line.msg)}`)
    return line
  }
  const swap = async (version: string, content: string) => {
    await mkdir(join(dir, version))
    await writeFile(join(dir, version, 'partners.json'), content)
    await symlink(version, join(dir, '..data_tmp'))
    await rename(join(dir, '..data_tmp'), join(dir, '..data'))
  }

  await step('ConfigMap update (symlink swap)', () => swap('..v2', registry('acme.co.jp', 'beta.co.jp')), isReload)
  t.equal(await accepted(server.url, 'x@beta.co.jp'), true, 'the new partner is accepted')

  const full = registry('acme.co.jp', 'beta.co.jp', 'gamma.co.jp')
  await step('a file cut off mid-write', () => writeFile(join(dir, '..v2', 'partners.json'), full.slice(0, full.length / 2)), isFailure)
  t.equal(await accepted(server.url, 'x@beta.co.jp'), true, 'the last good registry serves')
  await step('the write completed', () => writeFile(join(dir, '..v2', 'partners.json'), full), (l) => isReload(l) && l.partners === 3)
  t.equal(await accepted(server.url, 'x@gamma.co.jp'), true)

  await step('an invalid registry', () => swap('..v3', registry('acme.co.jp', 'gmail.com')), isFailure)
  await step('the file deleted', () => rm(join(dir, 'partners.json')), isFailure)
  await step('a folder in its place', () => mkdir(join(dir, 'partners.json')), isFailure)
  t.equal(await accepted(server.url, 'x@gamma.co.jp'), true, 'through all of it, the last good registry serves')
  const ready = JSON.parse((await send(server.url, '/readyz')).body ?? '{}') as { status: string; registry: { partners: number; lastLoad: { ok: boolean } } }
  t.match(ready, { status: 'ready', registry: { partners: 3, lastLoad: { ok: false } } }, 'readyz reports the failed reload')
  t.match((await send(server.url, '/metrics')).body, /partner_registry_last_load_success 0/)

  await step('a good file back', async () => {
    await rm(join(dir, 'partners.json'), { recursive: true })
    await writeFile(join(dir, 'partners.json'), registry('acme.co.jp', 'delta.co.jp'))
  }, isReload)
  t.equal(await accepted(server.url, 'x@delta.co.jp'), true)
  t.equal(await accepted(server.url, 'x@gamma.co.jp'), false)

  const outcomes = await traffic.stop()
  t.ok(outcomes.length > 0, `${outcomes.length} requests during the reloads`)
  t.same(outcomes.filter((o) => o.status !== 200), [], 'no failed request')
  server.child.kill('SIGTERM')
  t.equal(await server.exited, 0)
})

t.test('SIGHUP reloads the registry', async (t) => {
  const dir = t.testdir({ 'p.json': registry('acme.co.jp') })
  const server = await startServer(t, { PARTNERS_FILE: join(dir, 'p.json'), PARTNERS_RELOAD: 'false' })
  await writeFile(join(dir, 'p.json'), registry('acme.co.jp', 'beta.co.jp'))
  t.equal(await accepted(server.url, 'x@beta.co.jp'), false, 'no watch: nothing changes by itself')
  const from = server.lines.length
  server.child.kill('SIGHUP')
  t.match(await server.waitFor(isReload, from), { trigger: 'SIGHUP', partners: 2 })
  const v = await send(server.url, '/validate-email', { email: 'x@beta.co.jp' })
  t.match(JSON.parse(v.body ?? '{}'), { accepted: true }, 'the partner added before SIGHUP is accepted')
  server.child.kill('SIGINT')
  t.equal(await server.exited, 0, 'SIGINT closes it cleanly too')
})

t.test('SIGTERM under load: readiness goes false, every request is answered, the process exits', async (t) => {
  const server = await startServer(t, { SHUTDOWN_DELAY_SECONDS: '1', SHUTDOWN_TIMEOUT_SECONDS: '5', RATE_LIMIT_PER_MINUTE: '0' })
  const traffic = load(server.url, { email: 'taro@acme.example.co.jp' }, { workers: 8 })
  // Let the load get going: wait for the access lines of the first requests.
  await server.waitFor((l) => l.msg === 'request completed', 50)
  server.child.kill('SIGTERM')
  await server.waitFor((l) => l.msg === 'draining')
  t.equal((await send(server.url, '/readyz')).status, 503, 'not ready while draining')
  const outcomes = await traffic.stop()
  const code = await server.exited
  t.equal(code, 0)
  t.ok(outcomes.length >= 50, `${outcomes.length} requests`)
  t.same(outcomes.filter((o) => o.status !== 200), [], 'none dropped or refused')
  t.ok(outcomes.some((o) => o.connection === 'close'), 'the clients were told to go elsewhere')
  t.ok(server.lines.some((l) => l.msg === 'closed'))
})

t.test('five rolling SIGTERMs under 50 keep-alive clients, default settings: no request lost', async (t) => {
  for (let round = 1; round <= 5; round++) {
    // Default shutdown settings; the rate limit off only because 50 clients on one address exceed it.
    const server = await startServer(t, { RATE_LIMIT_PER_MINUTE: '0' })
    // Each client loops on its keep-alive connection, and on a new one when told "Connection:
    // close", until refused: then the load balancer sends it to another replica. Any other
    // failure is a request lost.
    const traffic = steady<Outcome>(50, 50_000, async (agent, outcomes) => {
      const o = await send(server.url, '/validate-email', { email: 'taro@acme.example.co.jp' }, agent)
      outcomes.push(o)
      return !o.error
    })
    // Soon after the start, as in a rolling restart: clients still arriving, others under way.
    await until(() => traffic.outcomes.length >= 200, 'the first 200 answers')
    server.child.kill('SIGTERM')
    const outcomes = await traffic.stop()
    t.equal(await server.exited, 0, `round ${round}: exits cleanly`)
    const lost = outcomes.filter((o) => o.status !== 200 && o.error !== 'ECONNREFUSED')
    t.same(lost.slice(0, 5), [], `round ${round}: ${lost.length} of ${outcomes.length} requests lost`)
  }
})

t.test('SIGTERM stops it even when nothing reads its log output any more', async (t) => {
  const server = await startServer(t, { SHUTDOWN_TIMEOUT_SECONDS: '5' })
  // The log reader goes away (a broken pipe): the server's next lines cannot be written.
  server.child.stdout!.destroy()
  t.equal((await send(server.url, '/healthz')).status, 200, 'it still answers')
  server.child.kill('SIGTERM')
  // Stuck here, before the fix: the exit flush retried the write to the closed pipe forever.
  t.equal(await server.exited, 0)
})

t.test('a run of requests leaves none of its addresses in the logs', async (t) => {
  const server = await startServer(t, { LOG_LEVEL: 'trace' })
  const addresses = [
    'taro.yamada@acme.example.co.jp',
    'hanako.suzuki@gmail.com',
    'ｊｉｒｏ＠ａｃｍｅ．ｅｘａｍｐｌｅ．ｃｏ．ｊｐ',
    'saburo@さくらソフト.example.jp',
    'shiro..x@acme.example.co.jp',
    '五郎@acme.example.co.jp',
    'rokuro@mailinator.com',
  ]
  for (const email of addresses) t.equal((await send(server.url, '/validate-email', { email })).status, 200)
  await send(server.url, '/validate-email', '{"email": "nanao@acme.example.co.jp"')
  await send(server.url, '/partner-types/lookup?name=hachiro@acme.example.co.jp')
  server.child.kill('SIGTERM')
  await server.exited
  const logged = server.output()
  t.ok(logged.includes('request completed'), 'the requests were logged')
  for (const local of ['taro.yamada', 'hanako.suzuki', 'ｊｉｒｏ', 'jiro@', 'saburo', 'shiro..x', '五郎', 'rokuro', 'nanao', 'hachiro']) {
    t.notOk(logged.includes(local), `${local} appears nowhere in the logs`)
  }
})

t.test('a bad configuration or registry stops it at start, saying what is wrong', async (t) => {
  const config = await failedStart({ PORT: 'abc', RATE_LIMIT_PER_MINUTE: '-1' })
  t.equal(config.code, 1)
  t.match(config.stderr, /cannot start: Invalid configuration:\n {2}- PORT: .*\n {2}- RATE_LIMIT_PER_MINUTE: RATE_LIMIT_PER_MINUTE must be at least 0/)
  const dir = t.testdir({ 'p.json': JSON.stringify({ partners: [{ id: 'x', name: 'X', domains: ['docomo.ne.jp'] }] }) })
  const reg = await failedStart({ PARTNERS_FILE: join(dir, 'p.json') })
  t.equal(reg.code, 1)
  t.match(reg.stderr, /partners\[0\] \(id "x"\)\.domains\[0\]: "docomo\.ne\.jp" is on the free-mail list/)

  // An address not on this machine (TEST-NET-1): binding fails without a packet sent.
  const host = await failedStart({ HOST: '192.0.2.1' })
  t.equal(host.code, 1)
  t.match(host.stderr, /cannot start: HOST: 192\.0\.2\.1 is not an address of this machine; set HOST to one of its addresses, or 0\.0\.0\.0 for all/)
})
