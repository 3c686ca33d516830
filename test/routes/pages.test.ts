import t from 'tap'
import { PARTNER_TYPES } from '../../src/core/partner-types.js'
import { build } from '../support/helpers.js'

const SECRET = 'portal-key-0123456789abcdef'
const PUB = 'pk-demo-page-0123456789abcdef'

t.test('the widget and the console script are JavaScript modules a browser may keep and revalidate', async (t) => {
  const app = await build(t)
  for (const [url, marker] of [
    ['/widget/email-check.js', "customElements.define('email-check'"],
    ['/widget/helpdesk.js', '/domains/'],
  ] as const) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.equal(res.headers['content-type'], 'text/javascript; charset=utf-8')
    t.equal(res.headers['cache-control'], 'public, max-age=3600')
    t.match(res.body, marker)
    const etag = res.headers.etag as string
    t.match(etag, /^"[\w-]{27}"$/)
    const again = await app.inject({ url, headers: { 'if-none-match': etag } })
    t.equal(again.statusCode, 304, 'unchanged: not sent again')
    t.equal(again.body, '')
    t.equal((await app.inject({ url, headers: { 'if-none-match': '"stale"' } })).statusCode, 200)
  }
})

t.test('/demo is a Japanese sign-up page on the widget; ?lang=en is English', async (t) => {
  const app = await build(t)
  const ja = await app.inject({ url: '/demo' })
  t.equal(ja.statusCode, 200)
  t.equal(ja.headers['content-type'], 'text/html; charset=utf-8')
  t.equal(ja.headers['cache-control'], 'no-cache')
  t.equal(ja.headers['content-security-policy'], "frame-ancestors 'none'", 'not to be framed by another site')
  t.equal(ja.headers['x-content-type-options'], 'nosniff')
  t.match(ja.body, '<html lang="ja">')
  t.match(ja.body, '<script type="module" src="/widget/email-check.js"></script>')
  t.match(ja.body, /<email-check>\s*<label for="email">メールアドレス/, 'the email input’s label names it メールアドレス')
  t.match(ja.body, '<input id="email" name="email" type="email"')
  for (const type of PARTNER_TYPES) t.match(ja.body, `<option value="${type.en}">${type.ja}</option>`, `partner type ${type.id} in Japanese`)
  t.notMatch(ja.body, '<email-check data-key', 'no public key is configured: none is given to the widget')
  t.match(ja.body, '&#60;email-check data-key=&#34;pk_…&#34;', 'the embedding example is shown as text, escaped')

  const en = await app.inject({ url: '/demo?lang=en' })
  t.equal(en.statusCode, 200)
  t.match(en.body, '<html lang="en">')
  t.match(en.body, /<label for="email">Email address/)
  for (const type of PARTNER_TYPES) t.match(en.body, `<option value="${type.en}">${type.en}</option>`)
  t.notMatch(en.body, 'メールアドレス<span')
})

t.test('a page in a language it does not have is a 400 problem', async (t) => {
  const app = await build(t)
  for (const url of ['/demo?lang=fr', '/helpdesk?lang=xx']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 400, url)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { code: 'VALIDATION_FAILED' })
  }
})

t.test('/demo gives its widget the public key bound to the page’s own origin, and no other', async (t) => {
  const app = await build(t, { API_KEYS: SECRET, PUBLIC_KEYS: `${PUB}=http://portal.test:3000` })
  const own = await app.inject({ url: '/demo', headers: { host: 'portal.test:3000' } })
  t.equal(own.statusCode, 200, 'the page needs no key')
  t.match(own.body, `<email-check data-key="${PUB}">`)
  const other = await app.inject({ url: '/demo', headers: { host: 'elsewhere.test' } })
  t.notMatch(other.body, '<email-check data-key')
  t.notMatch(own.body, SECRET, 'never the secret key')
})

t.test('/helpdesk: a search box and the partner-type table; a key field when the API wants keys', async (t) => {
  const open = await build(t)
  const page = await open.inject({ url: '/helpdesk' })
  t.equal(page.statusCode, 200)
  t.equal(page.headers['content-type'], 'text/html; charset=utf-8')
  t.match(page.body, '<html lang="ja">')
  t.match(page.body, '<input id="q" type="search"')
  t.match(page.body, '<script type="module" src="/widget/helpdesk.js"></script>')
  for (const type of PARTNER_TYPES) t.match(page.body, `<tr data-id="${type.id}"><td>${type.ja}</td><td>${type.en}</td>`)
  t.notMatch(page.body, 'id="api-key"')
  t.match((await open.inject({ url: '/helpdesk?lang=en' })).body, /<html lang="en">[\s\S]*Helpdesk console/)

  const keyed = await build(t, { API_KEYS: SECRET })
  const behind = await keyed.inject({ url: '/helpdesk' })
  t.equal(behind.statusCode, 200, 'the page itself holds no data: it loads without a key')
  t.match(behind.body, '<input id="api-key" type="password"')
  t.equal((await keyed.inject({ url: '/widget/helpdesk.js' })).statusCode, 200)
  t.equal((await keyed.inject({ url: '/domains/gmail.com' })).statusCode, 401, 'what it calls stays behind the keys')
})

t.test('the pages are not part of the API document', async (t) => {
  const app = await build(t)
  const doc = (await app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, unknown> }
  t.same(Object.keys(doc.paths).filter((p) => /demo|helpdesk|widget/.test(p)), [])
})
