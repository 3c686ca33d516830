import t from 'tap'
import { checkEmail } from '../../src/core/check.js'
import { underRestrictedLevel } from '../../src/core/restricted-levels.js'
import { context } from '../support/helpers.js'

const ctx = await context()
const codes = (email: string) => checkEmail(email, ctx, 'en').reasons.map((r) => r.code)

t.test('knows the second levels only registered organisations may hold, at any depth', async (t) => {
  t.ok(underRestrictedLevel('docomo.co.jp'))
  t.ok(underRestrictedLevel('mail.u-tokyo.ac.jp'))
  t.ok(underRestrictedLevel('example.ac.uk'))
  t.notOk(underRestrictedLevel('docomo.ne.jp'))
  t.notOk(underRestrictedLevel('gmail.co'))
  t.notOk(underRestrictedLevel('co.jp.example.com'))
  // A whole label must match: a general-use .jp name that merely ends in the letters is open.
  t.notOk(underRestrictedLevel('eco.jp'))
  t.notOk(underRestrictedLevel('mail.taco.jp'))
  t.notOk(underRestrictedLevel('ngo.kr'))
})

t.test('a domain under a registrant-restricted level is never refused as a typo; an open one still is', async (t) => {
  // docomo.co.jp is two edits of an ending from docomo.ne.jp, the shape a typo has.
  t.notOk(codes('taro@docomo.co.jp').includes('POSSIBLE_TYPO'), 'docomo.co.jp')
  t.notOk(codes('taro@biglobe.or.jp').includes('POSSIBLE_TYPO'), 'biglobe.or.jp')
  t.ok(codes('taro@gmail.cm').includes('POSSIBLE_TYPO'), 'gmail.cm, under an open level, stays a typo')
  t.ok(codes('taro@docomo.ne.jq').includes('POSSIBLE_TYPO'), 'a non-delegated ending near .jp')
})
