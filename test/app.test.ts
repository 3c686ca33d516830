import t from 'tap'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { RegistryError } from '../src/core/registry-schema.js'
import { postEmail } from './support/helpers.js'

t.test('an invalid registry stops the app from being built, naming the problem', async (t) => {
  const dir = t.testdir({ 'partners.json': JSON.stringify({ partners: [{ id: 'x', name: 'X', domains: ['gmail.com'] }] }) })
  await t.rejects(buildApp(loadConfig({ LOG_LEVEL: 'silent', PARTNERS_FILE: `${dir}/partners.json` })), RegistryError)
  await t.rejects(buildApp(loadConfig({ LOG_LEVEL: 'silent', PARTNERS_FILE: `${dir}/partners.json` })), { message: /gmail\.com.*free-mail list/ })
})

t.test('the shipped sample registry loads', async (t) => {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }))
  t.teardown(() => app.close())
  const res = await app.inject(postEmail('taro@acme.example.co.jp'))
  t.match(res.json(), { accepted: true, partners: [{ id: 'acme' }] })
})
