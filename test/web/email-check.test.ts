// The <email-check> widget, /demo and /helpdesk in a real browser: headless Chromium (Debian's
// package) driven by playwright-core. The page's clock is Playwright's fake one, so that "no
// request while composing" and "one request after typing" are decided by the widget's timers,
// not by how fast this machine types. In CI the test fails when Chromium cannot start; on a
// developer machine without it, it skips.
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import t, { type Test } from 'tap'
import { SAMPLE_PARTNERS_FILE } from '../../src/config.js'
import { PACKAGE_ROOT } from '../../src/paths.js'
import { build } from '../support/helpers.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts')
const skip = !existsSync(CHROMIUM) && !process.env.CI ? `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` : false
// The service's shipped sample registry: what /demo shows out of the box.
const SAMPLE = { PARTNERS_FILE: SAMPLE_PARTNERS_FILE, PARTNERS_RELOAD: 'false' }

let browser: Browser | undefined
async function launch(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  return browser
}
t.teardown(() => browser?.close())

/** A page on `url` with a fake clock and a record of the addresses the widget sent, in order. */
async function open(t: Test, url: string): Promise<Page> {
  const context = await (await launch()).newContext({ viewport: { width: 1200, height: 1000 }, locale: 'ja-JP' })
  t.teardown(() => context.close())
  const page = await context.newPage()
  await page.clock.install()
  // In the page (a string: this program is type-checked without the DOM's types).
  await page.addInitScript({
    content: `window.sent = []; const real = window.fetch;
      window.fetch = (input, init) => { if (String(input).endsWith('/validate-email')) window.sent.push(JSON.parse(init.body).email); return real(input, init) }`,
  })
  await page.goto(url)
  await page.waitForFunction("customElements.get('email-check') !== undefined || !document.querySelector('email-check')")
  return page
}

const sent = (page: Page) => page.evaluate<string[]>('window.sent.slice()')
type Field = { validity: { valid: boolean }; validationMessage: string }
const valid = (input: Locator) => input.evaluate((i) => (i as unknown as Field).validity.valid)
const focused = (el: Locator) => el.evaluate((e) => e === (e.ownerDocument as unknown as { activeElement: unknown }).activeElement)
const visibleRows = (page: Page) => page.locator('#types tr:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))

async function screenshot(page: Page, name: string) {
  await mkdir(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true })
}

async function serve(t: Test, env: Record<string, string> = {}, port = 0) {
  const app = await build(t, { ...SAMPLE, ...env })
  return app.listen({ host: '127.0.0.1', port })
}

t.test('/demo: a free-mail typo gets a Japanese message and a button with the fix; taking it, the free-mail address cannot be submitted', { skip }, async (t) => {
  const page = await open(t, `${await serve(t)}/demo`)
  const email = page.getByRole('textbox', { name: /メールアドレス/ })
  const status = page.locator('email-check [role=status]')
  t.equal(await status.getAttribute('aria-live'), 'polite')

  await email.pressSequentially('taro@gmail.con')
  t.same(await sent(page), [], 'nothing is sent while the person is still typing')
  await page.clock.runFor(500)
  t.same(await sent(page), ['taro@gmail.con'], 'one request, for the address as typed, once the typing stopped')

  const fix = page.getByRole('button', { name: /taro@gmail\.com/ })
  await fix.waitFor()
  t.match(await status.innerText(), /gmail\.con は gmail\.com の入力間違い/, 'the message is the service’s, in Japanese')
  t.equal(await valid(email), false, 'a refused address is invalid for the form')
  await screenshot(page, 'demo-typo-ja.png')

  await fix.click()
  t.equal(await email.inputValue(), 'taro@gmail.com', 'the suggestion is now in the field')
  await status.getByText(/フリーメール/).waitFor()
  t.equal(await valid(email), false, 'gmail.com is free mail: still invalid')
  t.match(await email.evaluate((i) => (i as unknown as Field).validationMessage), /フリーメール/, 'the form’s own bubble says why')

  await page.getByRole('textbox', { name: /パートナー企業名/ }).fill('ACME株式会社')
  await page.getByRole('combobox', { name: /パートナータイプ/ }).selectOption({ label: 'システムインテグレーター' })
  await page.getByRole('button', { name: '次のステップ' }).click()
  t.equal(await page.locator('#done').isHidden(), true, 'the form is not submitted with a refused address')

  // The control: at a partner's address the same form goes through.
  await email.fill('taro@acme.example.co.jp')
  await page.clock.runFor(500)
  await status.getByText(/ACME株式会社/).waitFor()
  t.equal(await valid(email), true)
  await page.getByRole('button', { name: '次のステップ' }).click()
  await page.locator('#done').waitFor()
  t.ok(await page.locator('#done').isVisible(), 'a partner’s address submits')
})

t.test('/demo: Enter pressed before the check is done waits for the verdict: a refused address is held back, a partner’s goes through', { skip }, async (t) => {
  const page = await open(t, `${await serve(t)}/demo`)
  await page.getByRole('textbox', { name: /パートナー企業名/ }).fill('ACME株式会社')
  await page.getByRole('combobox', { name: /パートナータイプ/ }).selectOption({ label: 'システムインテグレーター' })
  const email = page.getByRole('textbox', { name: /メールアドレス/ })

  await email.fill('taro@mailinator.com')
  await email.press('Enter')
  await page.locator('email-check [role=status][data-state=refused]').waitFor()
  t.same(await sent(page), ['taro@mailinator.com'], 'checked at once, without waiting for the pause')
  t.equal(await page.locator('#done').isHidden(), true, 'the disposable address was not submitted')
  t.equal(await valid(email), false)

  await email.fill('taro@acme.example.co.jp')
  await email.press('Enter')
  await page.locator('#done').waitFor()
  t.same((await sent(page)).at(-1), 'taro@acme.example.co.jp')
  t.equal(await valid(email), true, 'submitted once the verdict accepted it')
})

t.test('/demo: full-width input through the IME sends nothing while composing, then offers the half-width address, which names the partner', { skip }, async (t) => {
  const page = await open(t, `${await serve(t)}/demo`)
  const email = page.getByRole('textbox', { name: /メールアドレス/ })
  await email.focus()
  const cdp = await page.context().newCDPSession(page)
  const typed = 'ｔａｒｏ＠ａｃｍｅ．ｅｘａｍｐｌｅ．ｃｏ．ｊｐ'
  for (let n = 1; n <= typed.length; n++) {
    await cdp.send('Input.imeSetComposition', { text: typed.slice(0, n), selectionStart: n, selectionEnd: n })
  }
  t.equal(await email.inputValue(), typed, 'the composition is in the field')
  await page.clock.runFor(2000)
  t.same(await sent(page), [], 'no request while the composition is open, however long it lasts')

  await cdp.send('Input.insertText', { text: typed })
  await page.clock.runFor(500)
  t.same(await sent(page), [typed], 'one request once the composition is committed')
  const status = page.locator('email-check [role=status]')
  const half = page.getByRole('button', { name: /taro@acme\.example\.co\.jp/ })
  await half.waitFor()
  t.match(await status.innerText(), /全角/)
  await screenshot(page, 'demo-ime-fullwidth.png')

  // Keyboard only: from the field, Tab reaches the suggestion and Enter takes it.
  await email.focus()
  await page.keyboard.press('Tab')
  t.equal(await focused(half), true, 'the suggestion is the next stop after the field')
  await page.keyboard.press('Enter')
  t.equal(await email.inputValue(), 'taro@acme.example.co.jp')
  await status.getByText(/ACME株式会社 のパートナー登録があるドメインです/).waitFor()
  t.equal(await valid(email), true)

  // The partner type chosen travels with the check: a type the partner does not hold is refused.
  await page.getByRole('combobox', { name: /パートナータイプ/ }).selectOption({ label: 'Training' })
  await status.getByText(/選択されたパートナータイプ/).waitFor()
  t.equal(await valid(email), false, 'a partner-type mismatch is refused')
  t.same((await sent(page)).at(-1), 'taro@acme.example.co.jp')
  await screenshot(page, 'demo-partner-type-mismatch.png')
})

t.test('/demo?lang=en is in English, and the widget speaks English', { skip }, async (t) => {
  const page = await open(t, `${await serve(t)}/demo?lang=en`)
  t.equal(await page.locator('html').getAttribute('lang'), 'en')
  const email = page.getByRole('textbox', { name: /Email/ })
  await email.pressSequentially('taro@gmail.con')
  await page.clock.runFor(500)
  const status = page.locator('email-check [role=status]')
  await page.getByRole('button', { name: 'Use taro@gmail.com' }).waitFor()
  const text = await status.innerText()
  t.match(text, /probably a typo of gmail\.com/)
  t.notMatch(text, /[\u3040-\u30ff]/, 'no Japanese in the English page’s messages')
  await screenshot(page, 'demo-typo-en.png')
})

t.test('/demo: when the service cannot be reached the form stays usable, with a quiet note', { skip }, async (t) => {
  const page = await open(t, `${await serve(t)}/demo`)
  await page.route('**/validate-email', (route) => route.abort('connectionrefused'))
  const email = page.getByRole('textbox', { name: /メールアドレス/ })
  await email.pressSequentially('taro@gmail.con')
  await page.clock.runFor(500)
  await page.locator('email-check [role=status][data-state=unavailable]').waitFor()
  t.match(await page.locator('email-check [role=status]').innerText(), /このままお進みいただけます/)
  t.equal(await valid(email), true, 'fail open: the address is not held against the person')
})

/** A port free on loopback now, for a test whose configuration must name its own origin. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

t.test('/demo behind API keys: the widget presents the public key bound to the page’s origin', { skip }, async (t) => {
  const port = await freePort()
  const url = await serve(t, { API_KEYS: 'secret-key-0123456789abcdef', PUBLIC_KEYS: `pk-demo-0123456789abcdef=http://127.0.0.1:${port}` }, port)
  const page = await open(t, `${url}/demo`)
  await page.getByRole('textbox', { name: /メールアドレス/ }).pressSequentially('taro@acme.example.co.jp')
  await page.clock.runFor(500)
  await page.locator('email-check [role=status][data-state=accepted]').waitFor()
  t.match(await page.locator('email-check [role=status]').innerText(), /ACME株式会社/)
})

t.test('/helpdesk: a disposable domain shows its class and the list; a partner’s subdomain shows the partner and its types in both languages', { skip }, async (t) => {
  const page = await open(t, `${await serve(t)}/helpdesk`)
  const search = page.getByRole('searchbox', { name: /ドメインまたはメールアドレス/ })
  const result = page.locator('#result')

  await search.fill('mailinator.com')
  await search.press('Enter')
  await result.locator('[data-class=disposable]').waitFor()
  const disposable = await result.innerText()
  t.match(disposable, /使い捨てメール/)
  t.match(disposable, /判定した一覧\s+disposable-email-domains@\S+/)
  t.match(disposable, /一致したエントリ\s+mailinator\.com/)
  await screenshot(page, 'helpdesk-disposable.png')

  await search.fill('hanako@dev.sakura-soft.example.jp')
  await search.press('Enter')
  await result.locator('[data-class=partner]').waitFor()
  const partner = await result.innerText()
  t.match(partner, /さくらソフト株式会社/)
  t.match(partner, /独立系ソフトウェアベンダー \/ Independent Software Vendor/)
  t.match(partner, /sakura-soft\.example\.jp のサブドメインとして一致/)
  await screenshot(page, 'helpdesk-partner-subdomain.png')

  await search.fill('gmail.con')
  await search.press('Enter')
  await result.getByText('gmail.com の入力間違いと思われます。').waitFor()

  // The partner-type table: a name as typed (no final long-vowel mark), then a typo the service resolves.
  const types = page.getByRole('searchbox', { name: /パートナータイプを検索/ })
  await types.fill('システムインテグレータ')
  t.same(await visibleRows(page), ['system-integrator'])
  await types.fill('Resellr')
  await page.locator('#type-result', { hasText: 'リセラー' }).waitFor()
  t.same(await visibleRows(page), ['solution-provider'])
  await screenshot(page, 'helpdesk-types.png')
})

t.test('/helpdesk behind API keys asks for a key and sends it', { skip }, async (t) => {
  const page = await open(t, `${await serve(t, { API_KEYS: 'secret-key-0123456789abcdef' })}/helpdesk?lang=en`)
  const search = page.getByRole('searchbox', { name: /Domain or email address/ })
  await search.fill('gmail.com')
  await search.press('Enter')
  await page.locator('#result', { hasText: 'An API key is needed' }).waitFor()
  await page.getByLabel(/API key/).fill('secret-key-0123456789abcdef')
  await search.press('Enter')
  await page.locator('#result [data-class=free-mail]').waitFor()
  t.match(await page.locator('#result').innerText(), /Free mail/)
})
