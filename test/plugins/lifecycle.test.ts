import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'

t.test('once shutdown begins, requests are still answered, with the connection closed after', async (t) => {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', PARTNERS_FILE: '' }))
  // Hold the shutdown open, after the service's own preClose hook has run, to send a request.
  let inClose!: () => void
  let release!: () => void
  const closing = new Promise<void>((r) => (inClose = r))
  const held = new Promise<void>((r) => (release = r))
  app.addHook('preClose', async () => {
    inClose()
    await held
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const closed = app.close()
  await closing
  const res = await fetch(`${url}/validate-email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"taro@acme.example.co.jp"}' })
  const ready = await fetch(`${url}/readyz`)
  release()
  await closed
  t.equal(res.status, 200)
  t.equal(res.headers.get('connection'), 'close')
  t.match(await res.json(), { accepted: true })
  t.equal(ready.status, 503, 'readiness is false while draining')
  t.match(await ready.json(), { status: 'draining' })
})
