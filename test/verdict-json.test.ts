import t from 'tap'
import { checkEmail } from '../src/core/check.js'
import { withDeliverability } from '../src/core/deliverability.js'
import { PARTNER_TYPES } from '../src/core/partner-types.js'
import { VerdictSchema } from '../src/schemas.js'
import { batchInSlices, batchJson, verdictJson } from '../src/verdict-json.js'
import { context } from './support/helpers.js'

const ctx = await context()
const ADDRESSES = ['taro@acme.example.co.jp', 'taro.yamada@gmail.com', 'ｔａｒｏ＠ａｃｍｅ．ｅｘａｍｐｌｅ．ｃｏ．ｊｐ', ' info@acme.example.co.jp ', 'x@mailinator.com', 'taro..y@docomo.ne.jp', '山田@例え.jp', 'bad', '"\ud800"@x.jp']
const expected = (v: unknown) => JSON.parse(JSON.stringify(VerdictSchema.parse(v))) as unknown

t.test('a verdict is written as JSON.stringify writes it, with the keys in the schema order', async (t) => {
  for (const lang of ['ja', 'en'] as const) {
    for (const email of ADDRESSES) {
      for (const type of [null, PARTNER_TYPES[0]!]) {
        const v = checkEmail(email, ctx, lang, type)
        const written = verdictJson(v)
        t.same(JSON.parse(written), expected(v), `${email} (${lang})`)
        t.same(Object.keys(JSON.parse(written) as object), Object.keys(VerdictSchema.shape))
      }
    }
  }
})

t.test('deliverability results, found or not, are written too', async (t) => {
  const v = checkEmail('taro@acme.example.co.jp', ctx, 'ja')
  for (const result of [
    { status: 'deliverable', detail: 'mx', mailHosts: ['mx.acme.example.co.jp'], cached: false },
    { status: 'no-mail-server', detail: 'no-domain', mailHosts: [], cached: true },
    { status: 'unknown', detail: 'timeout', mailHosts: [], cached: false },
  ] as const) {
    const d = withDeliverability(v, { ...result, mailHosts: [...result.mailHosts] }, 'ja')
    t.same(JSON.parse(verdictJson(d)), expected(d), result.status)
  }
})

t.test('verdicts at one domain share the frozen parts the serialiser writes once', async (t) => {
  const a = checkEmail('taro@gmail.com', ctx, 'ja')
  const b = checkEmail('hanako@gmail.com', ctx, 'ja')
  t.equal(a.reasons[0], b.reasons[0])
  t.ok(Object.isFrozen(a.reasons[0]))
  t.equal(a.partners, b.partners)
  t.not(checkEmail('taro@gmail.com', ctx, 'en').reasons[0], a.reasons[0], 'each language has its own')
  t.same(JSON.parse(verdictJson(b)), expected(b))
})

t.test('a batch is written as its verdicts, in order', async (t) => {
  const results = ADDRESSES.map((e) => checkEmail(e, ctx, 'en'))
  t.same(JSON.parse(batchJson({ results }).toString()), { results: results.map(expected) })
  t.same(JSON.parse(batchJson({ results: [] }).toString()), { results: [] })
})

t.test('a batch written in slices is the same bytes, and is what batchJson then returns', async (t) => {
  const results = ADDRESSES.map((e) => checkEmail(e, ctx, 'ja'))
  const sliced = await batchInSlices(results)
  t.equal(sliced.results, results)
  const written = batchJson(sliced)
  t.ok(Buffer.isBuffer(written), 'as UTF-8 bytes')
  t.equal(written.toString(), batchJson({ results }), 'byte for byte')
  const many = Array.from({ length: 1000 }, (_, i) => results[i % results.length]!)
  t.same(JSON.parse(batchJson(await batchInSlices(many)).toString()), { results: many.map(expected) }, 'a thousand, over many chunks')
  t.same(JSON.parse(batchJson(await batchInSlices([])).toString()), { results: [] }, 'none')
  // Kept by the body object: the results changed afterwards do not show, so the text was written before.
  results.pop()
  t.equal(batchJson(sliced), written)
})
