import { readFile } from 'node:fs/promises'
import { Validator } from '@seriousme/openapi-schema-validator'
import type { InjectOptions } from 'fastify'
import type { OpenAPIV3_1 } from 'openapi-types'
import t from 'tap'
import { REASON_CODES } from '../../src/core/messages.js'
import { PARTNER_TYPE_IDS } from '../../src/core/partner-types.js'
import { VerdictSchema } from '../../src/schemas.js'
import { generateOpenApi, generateTypes, OPENAPI_FILE, TYPES_FILE } from '../../scripts/openapi.js'
import { build } from '../support/helpers.js'

const committed = await readFile(OPENAPI_FILE, 'utf8')
const doc = JSON.parse(committed) as OpenAPIV3_1.Document
type Method = 'get' | 'post'
const op = (path: string, method: Method) => doc.paths?.[path]?.[method] as OpenAPIV3_1.OperationObject

t.test('the committed document is what the code generates (npm run openapi)', async (t) => {
  t.equal(await generateOpenApi(), committed)
  t.equal(await generateOpenApi(), committed, 'the same bytes every time')
})

t.test('the committed TypeScript types are the committed document’s (npm run openapi)', async (t) => {
  t.equal(await generateTypes(committed), await readFile(TYPES_FILE, 'utf8'))
})

t.test('the document is valid OpenAPI 3.1', async (t) => {
  const result = await new Validator().validate(structuredClone(doc))
  t.same(result.errors, undefined)
  t.equal(result.valid, true)
  t.equal(doc.openapi, '3.1.0')
})

t.test('the live document and Swagger UI are served', async (t) => {
  const app = await build(t, { PARTNERS_FILE: '' })
  const res = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.equal(res.statusCode, 200)
  t.same(res.json(), doc)
  const ui = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(ui.statusCode, 200)
  t.match(ui.headers['content-type'], /text\/html/)
  t.match(ui.body, /swagger-ui/i)
})

t.test('the document does not depend on the configured registry', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.same(res.json(), doc)
})

t.test('reason codes and partner types are enums with their meanings', async (t) => {
  const schemas = doc.components?.schemas ?? {}
  t.same(schemas.ReasonCode?.enum, [...REASON_CODES])
  for (const code of REASON_CODES) t.match(schemas.ReasonCode?.description, new RegExp(`\`${code}\`: \\w`), code)
  t.same(schemas.PartnerTypeId?.enum, [...PARTNER_TYPE_IDS])
})

t.test('every field of the verdict and the problem has a description', async (t) => {
  for (const name of Object.keys(doc.components?.schemas ?? {})) {
    const props = (doc.components?.schemas?.[name]?.properties ?? {}) as Record<string, { description?: string; $ref?: string }>
    for (const [field, schema] of Object.entries(props)) {
      const described = schema.description ?? (schema.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop()!]?.description : undefined)
      t.ok(described, `${name}.${field}`)
    }
  }
})

t.test('each operation has examples, Japanese input among them, and they are true', async (t) => {
  const post = op('/validate-email', 'post')
  type Examples = Record<string, OpenAPIV3_1.ExampleObject>
  const request = ((post.requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json']?.examples ?? {}) as Examples
  const responses = ((post.responses?.['200'] as OpenAPIV3_1.ResponseObject).content?.['application/json']?.examples ?? {}) as Examples
  t.ok(Object.keys(request).length >= 5)
  t.same(Object.keys(responses), Object.keys(request), 'a response example for each request example')
  t.ok(Object.values(request).some((e) => /[\u3040-\u30ff\uff01-\uff5e]/.test(JSON.stringify(e.value))), 'Japanese input among them')
  const app = await build(t, { PARTNERS_FILE: '' })
  for (const [name, example] of Object.entries(request)) {
    const verdict = responses[name]?.value as { lang: string }
    VerdictSchema.parse(verdict)
    const res = await app.inject({ method: 'POST', url: '/validate-email', headers: { 'accept-language': verdict.lang }, payload: example.value as object })
    t.same(res.json(), verdict, `example ${name} is what the service answers`)
  }
  for (const [path, method] of [['/partner-types', 'get'], ['/partner-types/lookup', 'get'], ['/partner-types/{id}', 'get']] as const) {
    const ok = (op(path, method).responses?.['200'] as OpenAPIV3_1.ResponseObject).content?.['application/json']
    t.ok(Object.keys(ok?.examples ?? {}).length > 0, `${path} has response examples`)
  }
})

t.test('every route is documented with every status it gives, and no status it cannot give', async (t) => {
  const app = await build(t, { BODY_LIMIT: '1024' })
  // The same service with API keys and a tiny rate limit, for the 401 and 429 answers.
  const locked = await build(t, { API_KEYS: 'k'.repeat(32), RATE_LIMIT_PER_MINUTE: '1', PROTECT_DOCS_AND_METRICS: 'true' })
  const json = { 'content-type': 'application/json' }
  const key = { 'x-api-key': 'k'.repeat(32) }
  type Probe = [string, Method, InjectOptions, ('locked' | 'drained')?]
  const api: Probe[] = [
    ['/validate-email', 'post', { method: 'POST', url: '/validate-email', headers: json, payload: '{"email":"taro@acme.co.jp"}' }],
    ['/partner-types', 'get', { method: 'GET', url: '/partner-types' }],
    ['/partner-types/lookup', 'get', { method: 'GET', url: '/partner-types/lookup?name=SIer' }],
    ['/partner-types/{id}', 'get', { method: 'GET', url: '/partner-types/training' }],
    ['/validate-email/batch', 'post', { method: 'POST', url: '/validate-email/batch', headers: json, payload: '{"emails":["taro@acme.co.jp"]}' }],
    ['/validate-email/stream', 'post', { method: 'POST', url: '/validate-email/stream', headers: { 'content-type': 'application/x-ndjson' }, payload: '{"email":"taro@acme.co.jp"}\n' }],
    ['/domains/{domain}', 'get', { method: 'GET', url: '/domains/docomo.ne.jp' }],
    ['/registry', 'get', { method: 'GET', url: '/registry' }],
  ]
  const probes: Probe[] = [
    ...api,
    ['/validate-email', 'post', { method: 'POST', url: '/validate-email', headers: json, payload: '{"email":' }],
    ['/validate-email', 'post', { method: 'POST', url: '/validate-email', headers: json, payload: '{"email":1}' }],
    ['/validate-email', 'post', { method: 'POST', url: '/validate-email', headers: json, payload: '{"email":"a@b.co","partnerType":"x"}' }],
    ['/validate-email', 'post', { method: 'POST', url: '/validate-email', headers: json, payload: JSON.stringify({ email: 'a'.repeat(2000) }) }],
    ['/validate-email', 'post', { method: 'POST', url: '/validate-email', headers: { 'content-type': 'text/plain' }, payload: 'a@b.co' }],
    ['/partner-types/lookup', 'get', { method: 'GET', url: '/partner-types/lookup?name=' }],
    ['/partner-types/lookup', 'get', { method: 'GET', url: '/partner-types/lookup?name=Distributor' }],
    ['/partner-types/{id}', 'get', { method: 'GET', url: '/partner-types/nope' }],
    ['/validate-email/batch', 'post', { method: 'POST', url: '/validate-email/batch', headers: json, payload: '{"emails":[]}' }],
    ['/validate-email/batch', 'post', { method: 'POST', url: '/validate-email/batch', headers: json, payload: JSON.stringify({ emails: ['a'.repeat(600_000)] }) }],
    ['/validate-email/batch', 'post', { method: 'POST', url: '/validate-email/batch', headers: { 'content-type': 'text/plain' }, payload: 'x' }],
    ['/validate-email/stream', 'post', { method: 'POST', url: '/validate-email/stream', headers: json, payload: '{"email":"taro@acme.co.jp"}' }],
    ['/domains/{domain}', 'get', { method: 'GET', url: `/domains/${'a'.repeat(301)}` }],
    ['/healthz', 'get', { method: 'GET', url: '/healthz' }],
    ['/readyz', 'get', { method: 'GET', url: '/readyz' }],
    ['/metrics', 'get', { method: 'GET', url: '/metrics' }],
    // Without a key, then with a key twice: 401, 200, 429.
    // Each route from an address of its own: refused requests count against the address.
    ...api.flatMap(([p, m, req], i): Probe[] => [
      [p, m, { ...req, remoteAddress: `192.0.2.${i + 1}` }, 'locked'],
      [p, m, { ...req, remoteAddress: `192.0.2.${i + 1}`, headers: { ...req.headers, ...key } }, 'locked'],
      [p, m, { ...req, remoteAddress: `192.0.2.${i + 1}`, headers: { ...req.headers, ...key } }, 'locked'],
    ]),
    ['/metrics', 'get', { method: 'GET', url: '/metrics' }, 'locked'],
    ['/readyz', 'get', { method: 'GET', url: '/readyz' }, 'drained'],
  ]
  const seen = new Map<string, Set<string>>()
  for (const [path, method, req, variant] of probes) {
    if (variant === 'drained') app.drain()
    const res = await (variant === 'locked' ? locked : app).inject(req)
    const response = op(path, method)?.responses?.[String(res.statusCode)] as OpenAPIV3_1.ResponseObject | undefined
    t.ok(response, `${method} ${path} → ${res.statusCode} is documented`)
    const media = String(res.headers['content-type']).split(';')[0]!
    t.ok(response?.content?.[media], `${method} ${path} → ${res.statusCode} ${media} is documented`)
    const key = `${method} ${path}`
    seen.set(key, (seen.get(key) ?? new Set()).add(String(res.statusCode)))
  }
  const documented = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    (['get', 'post'] as const).filter((m) => item?.[m]).map((m) => [path, m, Object.keys(item![m]!.responses ?? {})] as const),
  )
  t.same(documented.map(([p, m]) => `${m} ${p}`).sort(), [...seen.keys()].sort(), 'every route is documented, and only those')
  for (const [path, method, statuses] of documented) {
    // 500 is exercised by the error-handler test.
    for (const status of statuses.filter((s) => s !== '500')) {
      t.ok(seen.get(`${method} ${path}`)?.has(status), `${method} ${path} can really answer ${status}`)
    }
  }
})

t.test('Swagger UI: every response described, Japanese first, the limits where they apply', async (t) => {
  const doc = (await import('../../openapi/openapi.json', { with: { type: 'json' } })).default as unknown as OpenAPIV3_1.Document
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, o] of Object.entries(item ?? {}) as [string, OpenAPIV3_1.OperationObject][]) {
      for (const [status, r] of Object.entries(o.responses ?? {})) t.not((r as OpenAPIV3_1.ResponseObject).description, 'Default Response', `${method} ${path} ${status} is described`)
      const lang = o.parameters?.find((p) => 'name' in p && p.name === 'accept-language') as OpenAPIV3_1.ParameterObject | undefined
      if (lang) t.same(Object.keys(lang.examples ?? {}), ['ja', 'en'], `${path}: the Accept-Language examples set the header, ja first`)
      if (path.startsWith('/validate') || path.startsWith('/partner-types') || path.startsWith('/domains')) t.match(o.description, /[\u3040-\u30ff]/, `${method} ${path}: Japanese in the description`)
    }
  }
  const batch = doc.paths!['/validate-email/batch']!.post!
  t.match(batch.description, /512 KiB/)
  t.match((batch.responses!['413'] as OpenAPIV3_1.ResponseObject).description, /batch’s own limit: 512 KiB/)
  const verdicts = Object.values((doc.paths!['/validate-email']!.post!.responses!['200'] as OpenAPIV3_1.ResponseObject).content!['application/json']!.examples!) as OpenAPIV3_1.ExampleObject[]
  t.ok(verdicts.filter((e) => (e.value as { lang: string }).lang === 'ja').length > verdicts.length / 2, 'the verdict examples are mostly Japanese')
  const unauthorized = (doc.paths!['/validate-email']!.post!.responses!['401'] as OpenAPIV3_1.ResponseObject).content!['application/problem+json']!.examples! as Record<string, OpenAPIV3_1.ExampleObject>
  t.match(unauthorized.UNAUTHORIZED_ja?.value, { title: 'API キーが必要です' })
})
