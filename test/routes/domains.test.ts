import t from 'tap'
import { build } from '../support/helpers.js'

t.test('GET /domains/{domain}: the classification with the list entry behind it', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: `/domains/${encodeURIComponent('rose.ocn.ne.jp')}` })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { classification: 'free-mail', listed: { list: 'curated Japanese consumer mail list', entry: 'ocn.ne.jp' } })
  t.match((await app.inject({ method: 'GET', url: `/domains/${encodeURIComponent('さくら技研.jp')}` })).json(), { classification: 'partner', partners: [{ id: 'sakura' }] })
  t.match((await app.inject({ method: 'GET', url: '/domains/bad_domain' })).json(), { valid: false, classification: 'invalid' })
})
