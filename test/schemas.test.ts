// The HTTP contract beyond the core's types: requests, problems, and what every route declares.
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import t from 'tap'
import {
  API_PROBLEMS,
  BATCH_MAX,
  BatchBodySchema,
  COMMON_PROBLEMS,
  PartnerTypeLookupQuerySchema,
  plainValidateEmailBody,
  PROBLEM_MEDIA_TYPE,
  problemResponse,
  ValidateEmailBodySchema,
} from '../src/schemas.js'
import { seed } from './support/seed.js'

t.test('a request body is checked as the contract says', async (t) => {
  t.ok(ValidateEmailBodySchema.safeParse({ email: 'a@b.jp' }).success)
  t.notOk(ValidateEmailBodySchema.safeParse({ email: 1 }).success)
  t.notOk(ValidateEmailBodySchema.safeParse({ email: 'a@b.jp', partnerType: 'x'.repeat(201) }).success)
  t.notOk(BatchBodySchema.safeParse({ emails: [] }).success)
  t.ok(BatchBodySchema.safeParse({ emails: Array(BATCH_MAX).fill('a@b.jp') }).success)
  t.notOk(BatchBodySchema.safeParse({ emails: Array(BATCH_MAX + 1).fill('a@b.jp') }).success)
  t.notOk(PartnerTypeLookupQuerySchema.safeParse({ name: '　 ' }).success, 'a blank name')
})

t.test('error responses are problem+json, and every API route can give 401, 429 and 500', async (t) => {
  t.same(Object.keys(problemResponse('x').content), [PROBLEM_MEDIA_TYPE])
  t.same(Object.keys(API_PROBLEMS).sort(), ['401', '429', '500'])
  t.same(Object.keys(COMMON_PROBLEMS), ['500'])
})

t.test('the fast check of a sign-up body answers as the schema does, and takes every plain valid body', async (t) => {
  const value = fc.oneof(fc.string(), fc.string({ minLength: 195, maxLength: 205 }), fc.boolean(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }))
  const body = fc.oneof(
    fc.record({ email: value, partnerType: value, checkDeliverability: value }, { requiredKeys: [] }),
    fc.record({ email: fc.string(), partnerType: fc.string({ maxLength: 210 }), checkDeliverability: fc.boolean() }, { requiredKeys: ['email'] }),
    fc.dictionary(fc.constantFrom('email', 'partnerType', 'checkDeliverability', 'other', '__proto__', 'constructor'), value),
    value,
  )
  fc.assert(
    fc.property(body, (input) => {
      // As Fastify's parser makes it: JSON text parsed, own "__proto__" keys and all.
      const data: unknown = JSON.parse(JSON.stringify(input) ?? 'null')
      const fast = plainValidateEmailBody(data)
      const zod = ValidateEmailBodySchema.safeParse(data)
      if (fast !== null) return zod.success && isDeepStrictEqual(fast, zod.data)
      const plain = typeof data === 'object' && data !== null && !Array.isArray(data) && Object.keys(data).every((k) => ['email', 'partnerType', 'checkDeliverability'].includes(k))
      return !(zod.success && plain)
    }),
    { numRuns: 3000, seed },
  )
  t.pass('3000 bodies')
})
