// The HTTP contract beyond the core's types: requests, problems, and what every route declares.
import t from 'tap'
import { API_PROBLEMS, BATCH_MAX, BatchBodySchema, COMMON_PROBLEMS, PartnerTypeLookupQuerySchema, PROBLEM_MEDIA_TYPE, problemResponse, ValidateEmailBodySchema } from '../src/schemas.js'

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
