import t from 'tap'
import { createEmailCheckClient } from '../../openapi/client.js'
import { build } from '../support/helpers.js'

const KEY = 'portal-key-0123456789abcdef'

t.test('the typed client checks an address, describes a domain, and sees the problems', async (t) => {
  const app = await build(t, { API_KEYS: KEY })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const client = createEmailCheckClient(url, KEY)

  const { data, response } = await client.POST('/validate-email', {
    body: { email: 'ｔａｒｏ＠acme.co.jp', partnerType: 'SIer' },
    params: { header: { 'accept-language': 'ja' } },
  })
  t.equal(response.status, 200)
  t.equal(data?.accepted, false)
  t.equal(data?.suggestion, 'taro@acme.co.jp')
  t.equal(data?.reasons[0]?.code, 'FULLWIDTH_CHARACTERS')

  const domain = await client.GET('/domains/{domain}', { params: { path: { domain: 'west.acme.co.jp' } } })
  t.equal(domain.data?.classification, 'partner')
  t.same(domain.data?.partners.map((p) => p.id), ['acme-west', 'acme'])

  const unknown = await client.GET('/partner-types/lookup', { params: { query: { name: 'no such type' } } })
  t.equal(unknown.response.status, 404)
  t.equal(unknown.error?.code, 'PARTNER_TYPE_NOT_FOUND')

  const keyless = await createEmailCheckClient(url).GET('/partner-types')
  t.equal(keyless.response.status, 401)
  t.equal(keyless.error?.code, 'UNAUTHORIZED')
})
