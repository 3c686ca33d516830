import t from 'tap'
import { PARTNER_TYPES } from '../../src/core/partner-types.js'
import { PartnerTypeListSchema, PartnerTypeSchema } from '../../src/schemas.js'
import { build } from '../support/helpers.js'

t.test('GET /partner-types lists the seven, in order', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/partner-types' })
  t.equal(res.statusCode, 200)
  const body = PartnerTypeListSchema.parse(res.json())
  t.same(body.partnerTypes.map((p) => p.id), PARTNER_TYPES.map((p) => p.id))
  t.match(body.partnerTypes[1], { id: 'solution-provider', en: 'Solution Provider', ja: 'リセラー', aliases: ['Reseller'] })
})

t.test('GET /partner-types/{id} gives one type, or a 404 with the closest', async (t) => {
  const app = await build(t)
  for (const p of PARTNER_TYPES) {
    const res = await app.inject({ method: 'GET', url: `/partner-types/${p.id}` })
    t.same(PartnerTypeSchema.parse(res.json()), { id: p.id, en: p.en, ja: p.ja, aliases: [...p.aliases] })
  }
  const miss = await app.inject({ method: 'GET', url: '/partner-types/system-integrater' })
  t.equal(miss.statusCode, 404)
  t.match(miss.json(), { code: 'PARTNER_TYPE_NOT_FOUND', suggestions: [{ id: 'system-integrator' }] })
})

t.test('GET /partner-types/lookup resolves either language, both ways', async (t) => {
  const app = await build(t)
  const lookup = (name: string) => app.inject({ method: 'GET', url: '/partner-types/lookup', query: { name } })
  for (const p of PARTNER_TYPES) {
    t.match((await lookup(p.en)).json(), { id: p.id, ja: p.ja, match: 'name' }, `${p.en} → ${p.ja}`)
    t.match((await lookup(p.ja)).json(), { id: p.id, en: p.en, match: 'name' }, `${p.ja} → ${p.en}`)
  }
  t.match((await lookup('Alliance Partners / OEM')).json(), { id: 'alliance-partners-oem', query: 'Alliance Partners / OEM' })
  const miss = await lookup('Solution Providers Inc.')
  t.equal(miss.statusCode, 404)
  t.match(miss.headers['content-type'], /^application\/problem\+json/)
  t.match(miss.json(), { code: 'PARTNER_TYPE_NOT_FOUND', suggestions: [{ id: 'solution-provider' }] })
  const empty = await app.inject({ method: 'GET', url: '/partner-types/lookup' })
  t.equal(empty.statusCode, 400)
  t.match(empty.json(), { code: 'VALIDATION_FAILED', errors: [{ path: 'querystring.name' }] })
})

t.test('a blank partner type name is a 400, not a 404 with arbitrary suggestions', async (t) => {
  const app = await build(t)
  for (const name of [' ', '　', '  \t ']) {
    const r = await app.inject({ method: 'GET', url: '/partner-types/lookup', query: { name } })
    t.equal(r.statusCode, 400, JSON.stringify(name))
    t.match(r.json(), { code: 'VALIDATION_FAILED', errors: [{ path: 'querystring.name', message: 'name must not be blank' }] })
  }
})
