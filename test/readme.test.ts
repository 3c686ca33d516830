import { readFile } from 'node:fs/promises'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { README, render } from '../scripts/readme.js'

const readme = await readFile(README, 'utf8')

t.test('the generated reference sections are up to date (npm run readme)', async (t) => {
  t.equal(readme, render(readme))
  t.notMatch(readme, /undefined/, 'every variable is described')
  t.throws(() => render('# no markers'), { message: /README.md has no <!-- codes:start -->/ })
})

t.test('the quick start is the two commands', async (t) => {
  const block = /## Quick start\s+```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
  t.same(
    block.trim().split('\n').map((l) => l.split('#')[0]?.trim()),
    ['npm ci && npm start', 'npm ci && npm test'],
  )
})

t.test('the example response is what the service answers', async (t) => {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }))
  t.teardown(() => app.close())
  const example = JSON.parse(/```json\n(\{\n {2}"email"[\s\S]*?)```/.exec(readme)?.[1] ?? 'null') as { email: string }
  const res = await app.inject({
    method: 'POST',
    url: '/validate-email',
    headers: { 'content-type': 'application/json', 'accept-language': 'ja' },
    payload: { email: example.email },
  })
  t.same(res.json(), example)
})
