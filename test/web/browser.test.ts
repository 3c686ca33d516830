// Swagger UI in a real browser: headless Chromium (Debian's package) driven by playwright-core.
// In CI the test fails when Chromium cannot start; on a developer machine without it, it skips.
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { PACKAGE_ROOT } from '../../src/paths.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts')
const skip = !existsSync(CHROMIUM) && !process.env.CI ? `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` : false

t.test('Swagger UI: try POST /validate-email with a Japanese example and see the verdict', { skip }, async (t) => {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }))
  t.teardown(() => app.close())
  const url = await app.listen({ host: '127.0.0.1', port: 0 })

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  t.teardown(() => browser.close())
  const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } })
  await page.goto(`${url}/docs/`)

  const operation = page.locator('#operations-validation-validateEmail')
  await operation.locator('.opblock-summary').click()
  await operation.getByRole('button', { name: 'Try it out' }).click()
  await operation.locator('.opblock-section-request-body select.examples-select-element').selectOption('fullwidth')
  await operation.locator('tr[data-param-name="accept-language"] input').fill('ja')
  await operation.getByRole('button', { name: 'Execute' }).click()

  const live = operation.locator('.live-responses-table')
  await live.locator('.response-col_status', { hasText: '200' }).waitFor()
  const body = await live.locator('.response-col_description pre').first().innerText()
  t.match(body, /"code": "FULLWIDTH_CHARACTERS"/)
  t.match(body, /全角の英数字・記号（ｔａｒｏ＠/, 'the Japanese message names what was typed')
  t.match(body, /"suggestion": "taro@acme\.example\.co\.jp"/)

  await mkdir(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, 'swagger-ui.png'), fullPage: false })
})
