import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { HealthSchema, ReadinessSchema, RegistryStatusSchema } from '../../src/schemas.js'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { build, logCapture } from '../support/helpers.js'

const post = (email: string) => ({ method: 'POST' as const, url: '/validate-email', headers: { 'content-type': 'application/json' }, payload: { email } })
const registry = (...domains: string[]) => JSON.stringify({ partners: domains.map((d, i) => ({ id: `p${i}`, name: d, domains: [d] })) })

t.test('healthz and readyz answer, and stay out of the access log', async (t) => {
  const logs = logCapture()
  const app = await build(t, { LOG_LEVEL: 'info' }, { logStream: logs.stream })
  const health = await app.inject({ method: 'GET', url: '/healthz' })
  t.same(HealthSchema.parse(health.json()), { status: 'ok' })
  const ready = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200)
  t.match(ReadinessSchema.parse(ready.json()), { status: 'ready', registry: { partners: 4, domains: 6, lastLoad: { trigger: 'start', ok: true } } })
  await app.inject({ method: 'GET', url: '/metrics' })
  t.same(logs.lines(), [])
  app.drain()
  const draining = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(draining.statusCode, 503)
  t.match(draining.json(), { status: 'draining' })
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'still alive while draining')
})

t.test('metrics: requests by route and status, verdicts by reason, the registry', async (t) => {
  const app = await build(t)
  await app.inject(post('taro@acme.co.jp'))
  await app.inject(post('x@gmail.com'))
  await app.inject(post('x@gmail.com'))
  await app.inject({ method: 'GET', url: '/nope' })
  const res = await app.inject({ method: 'GET', url: '/metrics' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/)
  const text = res.body
  t.match(text, /http_requests_total\{method="POST",route="\/validate-email",status="200"\} 3/)
  t.match(text, /http_requests_total\{method="GET",route="unmatched",status="404"\} 1/)
  t.match(text, /http_request_duration_seconds_bucket\{le="0\.005",method="POST",route="\/validate-email",status="200"\} \d/)
  t.match(text, /email_verdicts_total\{result="accepted"\} 1/)
  t.match(text, /email_verdicts_total\{result="refused"\} 2/)
  t.match(text, /email_verdict_reasons_total\{code="FREE_MAIL"\} 2/)
  t.match(text, /email_verdict_reasons_total\{code="DISPOSABLE"\} 0/)
  t.match(text, /partner_registry_partners 4/)
  t.match(text, /partner_registry_domains 6/)
  t.match(text, /partner_registry_last_load_success 1/)
  t.match(text, /partner_registry_last_load_timestamp_seconds \d+/)
  t.match(text, /process_resident_memory_bytes \d+/)
  // Counts are handed over when scraped: a second scrape neither loses nor repeats them.
  await app.inject(post('x@gmail.com'))
  const again = (await app.inject({ method: 'GET', url: '/metrics' })).body
  t.match(again, /http_requests_total\{method="POST",route="\/validate-email",status="200"\} 4/)
  t.match(again, /http_requests_total\{method="GET",route="\/metrics",status="200"\} 1/)
  t.match(again, /email_verdicts_total\{result="accepted"\} 1/)
  t.match(again, /email_verdicts_total\{result="refused"\} 3/)
  t.match(again, /email_verdict_reasons_total\{code="FREE_MAIL"\} 3/)
})

t.test('a reload swaps the registry for the next request; a bad one is reported and changes nothing', async (t) => {
  const dir = t.testdir({ 'p.json': registry('acme.co.jp') })
  const file = join(dir, 'p.json')
  const logs = logCapture()
  const app = await build(t, { PARTNERS_FILE: file, PARTNERS_RELOAD: 'false', LOG_LEVEL: 'info' }, { logStream: logs.stream })
  t.match((await app.inject(post('x@beta.co.jp'))).json(), { reasons: [{ code: 'NOT_PARTNER' }] })

  await writeFile(file, registry('acme.co.jp', 'beta.co.jp'))
  await app.reloadRegistry('test')
  t.match((await app.inject(post('x@beta.co.jp'))).json(), { accepted: true })
  await app.reloadRegistry('SIGHUP')
  t.match((await app.inject({ method: 'GET', url: '/metrics' })).body, /partner_registry_loads_total\{result="unchanged"\} 1/, 'the same file is not swapped again')
  t.match(logs.lines().find((l) => l.msg === 'partner registry reloaded'), { trigger: 'test', partners: 2 })

  await writeFile(file, '{"partners": [')
  await app.reloadRegistry('test')
  t.match((await app.inject(post('x@beta.co.jp'))).json(), { accepted: true }, 'the last good registry serves')
  t.match(logs.lines().find((l) => l.level === 50), { msg: /reload failed; the previous registry keeps serving/, error: /not valid JSON/ })
  const ready = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200, 'still ready: a good registry serves')
  t.match(ready.json(), { registry: { partners: 2, lastLoad: { ok: false, trigger: 'test' } } })
  t.match((await app.inject({ method: 'GET', url: '/registry' })).json(), { source: file, partners: 2, lastLoad: { ok: false, trigger: 'test', error: /not valid JSON/ } }, 'why: at /registry')
  const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body
  t.match(metrics, /partner_registry_last_load_success 0/)
  t.match(metrics, /partner_registry_loads_total\{result="failure"\} 1/)
  t.match(metrics, /partner_registry_loads_total\{result="success"\} 2/, 'the start and the good reload')
  t.match(metrics, /partner_registry_partners 2/)
})

t.test('a production start on the sample registry says so at start and in readyz', async (t) => {
  const logs = logCapture()
  const app = await buildApp(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', PARTNER_FILE: '/etc/partners.json' }), { logStream: logs.stream })
  t.teardown(() => app.close())
  const ready = ReadinessSchema.parse((await app.inject({ method: 'GET', url: '/readyz' })).json())
  t.match(ready.registry, { sample: true, warning: /PARTNERS_FILE is not set: the fictitious SAMPLE registry is serving/ })
  t.match(logs.lines(), [
    { level: 40, warning: /^PARTNER_FILE is not a setting of this service; did you mean PARTNERS_FILE\?/ },
    { level: 40, msg: /^!!! PARTNERS_FILE is not set: the fictitious SAMPLE registry is serving/ },
  ])
  const trying = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }, { interactive: true }))
  t.teardown(() => trying.close())
  const quiet = (await trying.inject({ method: 'GET', url: '/readyz' })).json()
  t.equal(quiet.registry.sample, true)
  t.notOk('warning' in quiet.registry, 'a person trying it out at a terminal is not shouted at')
})

t.test('registry warnings are logged at start and after a reload', async (t) => {
  const dir = t.testdir({ 'p.json': JSON.stringify({ partners: [] }) })
  const logs = logCapture()
  const app = await build(t, { LOG_LEVEL: 'info', PARTNERS_FILE: join(dir, 'p.json'), PARTNERS_RELOAD: 'false' }, { logStream: logs.stream })
  t.match(logs.lines(), [{ level: 40, msg: 'partner registry: check this entry', warning: /lists no partners/ }])
  t.equal(app.registryStore.current.warnings.length, 1)
  await writeFile(join(dir, 'p.json'), JSON.stringify({ partners: [{ id: 'a', name: 'A', domains: ['a.co.jp', 'A.CO.JP'] }] }))
  await app.reloadRegistry('test')
  t.match(logs.lines().slice(1), [{ msg: 'partner registry reloaded' }, { level: 40, warning: /"A\.CO\.JP" is the same domain as an earlier entry/ }])
})

t.test('a registry domain with public suffixes beneath it is named in a warning at start and at reload', async (t) => {
  const dir = t.testdir({ 'p.json': registry('linode.com') })
  const file = join(dir, 'p.json')
  const logs = logCapture()
  const app = await build(t, { PARTNERS_FILE: file, PARTNERS_RELOAD: 'false', LOG_LEVEL: 'info' }, { logStream: logs.stream })
  const warned = () => logs.lines().filter((l) => l.msg === 'partner registry: check this entry')
  t.match(warned(), [{ level: 40, warning: /"linode\.com" has public suffixes beneath it \(.*members\.linode\.com/ }])
  t.match((await app.inject(post('root@li1-2.members.linode.com'))).json(), { accepted: false, reasons: [{ code: 'NOT_PARTNER' }] })
  await writeFile(file, registry('acme.co.jp', 'amazonaws.com'))
  await app.reloadRegistry('test')
  t.match(warned().slice(1), [{ warning: /"amazonaws\.com" has public suffixes beneath it/ }])
})

t.test('readyz tells a stranger no path, partner id or file content; /registry tells a key holder', async (t) => {
  const dir = t.testdir({ 'p.json': JSON.stringify({ partners: [{ id: 'secret-partner-id', name: 'Secret KK', domains: ['secret-partner.co.jp', 'linode.com'] }] }) })
  const file = join(dir, 'p.json')
  const app = await build(t, { PARTNERS_FILE: file, PARTNERS_RELOAD: 'false', API_KEYS: 'k-1234567890abcdef' })
  // A bad edit whose parse error would quote the file, with a partner id in it.
  await writeFile(file, '{"partners": [{"id": "secret-partner-id", "name": "Secret KK", "domains": ["secret-partner.co.jp"]}, {"id": ')
  await app.reloadRegistry('test')
  const ready = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200)
  const body = ready.body
  t.match(ReadinessSchema.parse(ready.json()), { status: 'ready', registry: { partners: 1, lastLoad: { ok: false } } })
  for (const secret of [dir, 'p.json', 'secret-partner', 'Secret KK', 'linode', 'JSON']) t.notMatch(body, secret, `readyz does not say ${secret}`)
  t.equal((await app.inject({ method: 'GET', url: '/registry' })).statusCode, 401, 'the details need a key')
  const status = RegistryStatusSchema.parse((await app.inject({ method: 'GET', url: '/registry', headers: { authorization: 'Bearer k-1234567890abcdef' } })).json())
  t.equal(status.source, file)
  t.match(status.lastLoad, { ok: false, error: /not valid JSON/ })
  t.match(status.warnings, [/"linode\.com" has public suffixes beneath it/], 'the serving registry\'s load warnings')
})
