// The core's own types are what it answers: verdicts and domain reports parse under their schemas.
import t from 'tap'
import { checkEmail } from '../../src/core/check.js'
import { describeDomain } from '../../src/core/domain-report.js'
import { DomainReportSchema, ReasonSchema, VerdictSchema } from '../../src/core/types.js'
import { context } from '../support/helpers.js'

const ctx = await context()

t.test('every verdict parses as a Verdict, in both languages', async (t) => {
  for (const email of ['taro@acme.co.jp', 'taro@gmail.com', 'ｔａｒｏ＠ａｃｍｅ．ｃｏ．ｊｐ', 'not an address', 'info@mailinator.com', ' taro@gmial.com ']) {
    for (const lang of ['ja', 'en'] as const) t.ok(VerdictSchema.safeParse(checkEmail(email, ctx, lang)).success, `${email} (${lang})`)
  }
})

t.test('every domain report parses as a DomainReport', async (t) => {
  for (const domain of ['acme.co.jp', 'gmail.com', 'gm\u0430il.com', 'not a domain', 'co.jp']) t.ok(DomainReportSchema.safeParse(describeDomain(domain, ctx)).success, domain)
})

t.test('a reason with a code the catalogue does not know is refused', async (t) => {
  t.notOk(ReasonSchema.safeParse({ code: 'NO_SUCH_CODE', message: 'x' }).success)
})
