import t from 'tap'
import { ProblemSchema, VerdictSchema } from '../../src/schemas.js'
import { build, postEmail } from '../support/helpers.js'

t.test('POST /validate-email answers a verdict that matches its schema', async (t) => {
  const app = await build(t)
  const res = await app.inject(postEmail('taro@acme.co.jp'))
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  t.equal(res.headers['content-language'], 'en')
  const body = VerdictSchema.parse(res.json())
  t.match(body, { email: 'taro@acme.co.jp', accepted: true, lang: 'en' })
})

t.test('answers 200 with a verdict whatever the address', async (t) => {
  const app = await build(t)
  for (const email of ['', ' ', '@', 'a'.repeat(5000), '\u0000', '\ud800', 'ｔａｒｏ＠ｇｍａｉｌ．ｃｏｍ', '"x"@[::1]', '<script>@x.com']) {
    const res = await app.inject(postEmail(email))
    t.equal(res.statusCode, 200, JSON.stringify(email).slice(0, 40))
    const v = VerdictSchema.parse(res.json())
    t.equal(v.accepted, false)
  }
})

t.test('POST /validate-email checks the chosen partner type, in any spelling', async (t) => {
  const app = await build(t)
  const ok = await app.inject({ ...postEmail('taro@acme.co.jp'), payload: { email: 'taro@acme.co.jp', partnerType: 'ｼｽﾃﾑｲﾝﾃｸﾞﾚｰﾀ' } })
  t.match(ok.json(), { accepted: true, partnerType: { id: 'system-integrator' } })
  const bad = await app.inject({ ...postEmail('taro@west.acme.co.jp'), payload: { email: 'taro@west.acme.co.jp', partnerType: 'Training' } })
  t.match(bad.json(), { accepted: false, reasons: [{ code: 'PARTNER_TYPE_MISMATCH' }] })
  const none = await app.inject({ ...postEmail('taro@acme.co.jp'), payload: { email: 'taro@acme.co.jp', partnerType: '' } })
  t.match(none.json(), { accepted: true, partnerType: null }, 'an empty choice is no choice')
})

t.test('a partnerType that matches no type is a 400 naming the valid types', async (t) => {
  const app = await build(t)
  const res = await app.inject({ ...postEmail('taro@acme.co.jp'), payload: { email: 'taro@acme.co.jp', partnerType: 'Distributor' } })
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  const body = ProblemSchema.parse(res.json())
  t.match(body, { code: 'UNKNOWN_PARTNER_TYPE', detail: /"Distributor".*Solution Provider \(リセラー\)/ })
  t.equal(body.validTypes?.length, 7)
})

t.test('Accept-Language: ja gives Japanese messages', async (t) => {
  const app = await build(t)
  const res = await app.inject(postEmail('x@gmail.com', { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' }))
  t.equal(res.headers['content-language'], 'ja')
  t.match(res.json(), { lang: 'ja', reasons: [{ code: 'FREE_MAIL', message: /フリーメール/ }] })
})

t.test('POST /validate-email/batch: up to 1,000 verdicts, in order, each as the single endpoint gives it', async (t) => {
  const app = await build(t)
  const emails = ['taro@acme.co.jp', 'ｔａｒｏ＠ａｃｍｅ．ｃｏ．ｊｐ', 'x@gmial.com', 'info@acme.co.jp', 'bad..dots@acme.co.jp']
  const res = await app.inject({ method: 'POST', url: '/validate-email/batch', headers: { 'accept-language': 'ja' }, payload: { emails } })
  t.equal(res.statusCode, 200)
  const { results } = res.json() as { results: unknown[] }
  for (const [i, email] of emails.entries()) {
    const single = await app.inject({ ...postEmail(email, { 'accept-language': 'ja' }) })
    t.same(results[i], single.json(), email)
  }
  const many = await app.inject({ method: 'POST', url: '/validate-email/batch', payload: { emails: Array.from({ length: 1000 }, (_, i) => `u${i}@acme.co.jp`) } })
  t.equal((many.json() as { results: unknown[] }).results.length, 1000)
  for (const [name, payload] of [
    ['too many', { emails: Array.from({ length: 1001 }, () => 'a@b.co') }],
    ['empty', { emails: [] }],
    ['not strings', { emails: [1] }],
    ['unknown partner type', { emails: ['a@b.co'], partnerType: 'Distributor' }],
  ] as const) {
    const bad = await app.inject({ method: 'POST', url: '/validate-email/batch', payload })
    t.equal(bad.statusCode, 400, name)
    t.match(bad.headers['content-type'], /^application\/problem\+json/)
  }
})
