// Which domain a typed one is a slip of: near top-level domains, well-known and partner domains, suffix swaps.
import t from 'tap'
import { checkEmail } from '../../src/core/check.js'
import { describeDomain } from '../../src/core/domain-report.js'
import { hasDelegatedTld, isIcannSuffix } from '../../src/core/public-suffix.js'
import { endingSlip, typoOf } from '../../src/core/typo-rules.js'
import { TypoIndex } from '../../src/core/typos.js'
import { context } from '../support/helpers.js'

const ctx = await context()
const codes = (email: string) => checkEmail(email, ctx, 'en').reasons.map((r) => r.code)

t.test('knows the delegated top-level domains and the private section of the suffix list', async (t) => {
  const psl = ctx.lists.psl
  for (const d of ['a.jp', 'a.com', 'a.tokyo', 'a.xn--q9jyb4c', 'a.ck']) t.ok(hasDelegatedTld(psl, d), d)
  for (const d of ['a.jpp', 'a.cmo', 'a.invalidtld']) t.notOk(hasDelegatedTld(psl, d), d)
  t.ok(isIcannSuffix(psl, 'co.jp'))
  t.ok(isIcannSuffix(psl, 'jp'))
  t.notOk(isIcannSuffix(psl, 'github.io'), 'a private-section suffix')
  t.notOk(isIcannSuffix(psl, 'acme.co.jp'), 'not a suffix at all')
})

t.test('a top-level domain that does not exist is a typo of a near one, else invalid', async (t) => {
  const v = checkEmail('taro@yahoo.co.jpp', ctx, 'en')
  t.match(v, { accepted: false, suggestion: 'taro@yahoo.co.jp' })
  t.ok(v.reasons.some((r) => r.code === 'POSSIBLE_TYPO'))
  t.equal(checkEmail('taro@acme.cmo', ctx, 'en').suggestion, 'taro@acme.com', 'the well-known endings first')
  t.equal(checkEmail('taro@acme.tokyoo', ctx, 'en').suggestion, 'taro@acme.tokyo', 'any delegated one when no well-known one is near')
  const far = checkEmail('taro@acme.qqqqqq', ctx, 'ja')
  t.match(far, { accepted: false, syntaxValid: false, suggestion: null })
  t.match(far.reasons, [{ code: 'INVALID_SYNTAX', rule: 'domain-invalid-tld' }])
  t.match(describeDomain('acme.jpp', ctx), { possibleTypoOf: 'acme.jp' })
})

t.test('a domain in the private section of the suffix list is still checked against the lists', async (t) => {
  // f5.si, a Japanese throwaway service's domain, is a private-section suffix that a list names.
  t.ok(checkEmail('taro@f5.si', ctx, 'en').reasons.some((r) => r.code === 'DISPOSABLE' || r.code === 'FREE_MAIL'))
  t.notOk(checkEmail('taro@com.ar', ctx, 'en').reasons.some((r) => r.code === 'FREE_MAIL'), 'an ICANN suffix named by a list is left out')
})

t.test('a domain a list names is never a typo of another', async (t) => {
  for (const d of ['ymail.com', 'email.com']) {
    const v = checkEmail(`taro@${d}`, ctx, 'en')
    t.notOk(v.reasons.some((r) => r.code === 'POSSIBLE_TYPO'), d)
    t.equal(v.suggestion, null, d)
  }
})

t.test('did-you-mean: one or two edits from a well-known mail domain', async (t) => {
  const cases: [string, string][] = [
    ['taro@gmsil.com', 'taro@gmail.com'],
    ['taro@gmail.con', 'taro@gmail.com'],
    ['taro@gmajl.com', 'taro@gmail.com'],
    ['taro@yahoo.co.jo', 'taro@yahoo.co.jp'],
    ['taro@yahoo.co.jpn', 'taro@yahoo.co.jp'],
    ['taro@docomo.ne.jpp', 'taro@docomo.ne.jp'],
    ['taro@docomo.ne.pj', 'taro@docomo.ne.jp'],
    ['taro@hotmail.co.jpp', 'taro@hotmail.co.jp'],
    ['taro@ezweb.ne.jq', 'taro@ezweb.ne.jp'],
    ['taro@softbnak.ne.jp', 'taro@softbank.ne.jp'],
  ]
  for (const [email, meant] of cases) {
    const v = checkEmail(email, ctx, 'en')
    t.equal(v.suggestion, meant, email)
    t.equal(v.reasons[0]?.code, 'POSSIBLE_TYPO', email)
    t.equal(v.accepted, false)
    // The domain meant is personal mail itself: one message says so and gives one instruction.
    const d = meant.split('@')[1]!.replaceAll('.', '\\.')
    t.match(v.reasons[0]?.message, new RegExp(`is probably a typo of ${d}\\. ${d} is a free, personal mail service, which cannot be used for a partner account: please register with your work email address\\.$`), email)
    t.notMatch(v.reasons.slice(1).map((r) => r.message).join(' '), /please|Please/, 'no second instruction')
  }
})

t.test('did-you-mean for a short target: only a swap of neighbours or another ending', async (t) => {
  t.equal(checkEmail('x@ua.com', ctx, 'en').suggestion, 'x@au.com')
  t.equal(checkEmail('x@au.co', ctx, 'en').suggestion, 'x@au.com')
  t.equal(checkEmail('x@aux.com', ctx, 'en').suggestion, null)
  // One edit from a short partner domain, neither an ending nor a swap.
  const short = await context({ partners: [{ id: 'abc', name: 'ABC', domains: ['abc.com'], partnerTypes: [] }] })
  t.equal(checkEmail('x@abd.com', short, 'en').suggestion, null)
  t.equal(checkEmail('x@bac.com', short, 'en').suggestion, 'x@abc.com')
})

t.test("did-you-mean: a mistyped partner domain, and the partner's name under another suffix", async (t) => {
  t.equal(checkEmail('taro@acme.co.jq', ctx, 'en').suggestion, 'taro@acme.co.jp')
  // Only a registered company may hold acmr.co.jp (JPRS): never a typo to refuse.
  t.equal(checkEmail('taro@acmr.co.jp', ctx, 'en').suggestion, null)
  t.equal(checkEmail('taro@acme.ne.jp', ctx, 'en').suggestion, 'taro@acme.co.jp', 'co.jp for ne.jp')
  t.equal(checkEmail('taro@acme.com', ctx, 'en').suggestion, 'taro@acme.co.jp')
  t.same(codes('taro@acme.ne.jp'), ['POSSIBLE_TYPO', 'NOT_PARTNER'])
})

t.test('did-you-mean never corrects a known domain, nor a far one', async (t) => {
  for (const email of ['x@gmail.com', 'x@ocn.ne.jp', 'x@odn.ne.jp', 'x@acme.co.jp', 'x@west.acme.co.jp', 'x@nifty.com', 'x@mailinator.com', 'x@yahoo.com']) {
    const v = checkEmail(email, ctx, 'en')
    t.equal(v.suggestion, null, email)
    t.notOk(v.reasons.some((r) => r.code === 'POSSIBLE_TYPO'), email)
  }
  // Listed (a list knows them) or under co.jp (a registered company's): never someone's slip.
  for (const email of ['x@gmial.com', 'x@yaho.co.jp', 'x@docomo.co.jp', 'x@hotmial.co.jp']) {
    t.notOk(checkEmail(email, ctx, 'en').reasons.some((r) => r.code === 'POSSIBLE_TYPO'), email)
  }
  for (const email of ['x@unknown-company.co.jp', 'x@toyota.co.jp', 'x@ai.com', 'x@email.com', 'x@ymail.com', 'x@yahoo.co.uk', 'x@outlook.de']) {
    t.equal(checkEmail(email, ctx, 'en').suggestion, null, email)
  }
})

t.test('listed free mail one slip of the ending from a well-known provider of the same name is also a typo', async (t) => {
  // gmail.co is named as free mail by a list (people send there by mistake); it is still a slip.
  t.equal(ctx.lists.domains.get('gmail.co')?.kind, 'free', 'the premise: a list names it')
  const v = checkEmail('taro@gmail.co', ctx, 'en')
  t.same(v.reasons.map((r) => r.code).sort(), ['FREE_MAIL', 'POSSIBLE_TYPO'])
  t.equal(v.suggestion, 'taro@gmail.com')
  // Another name, a well-known domain itself, or an ending two slips away: never.
  for (const email of ['x@ymail.com', 'x@yahoo.co.jp', 'x@hotmail.co.jp', 'x@yahoo.cn', 'x@outlook.jp', 'x@gmial.com']) {
    t.notOk(codes(email).includes('POSSIBLE_TYPO'), email)
  }
  // With other well-known domains (a fresh registry object: the facts are cached per registry).
  const knowing = (targets: string[]) => ({ ...ctx, registry: { ...ctx.registry }, lists: { ...ctx.lists, wellKnown: { ...ctx.lists.wellKnown, typos: new TypoIndex(targets, 2) } } })
  t.notOk(checkEmail('x@gmail.co', knowing(['gmail.com', 'gmail.co']), 'en').reasons.some((r) => r.code === 'POSSIBLE_TYPO'), 'well known itself')
  t.notOk(checkEmail('x@gmail.co', knowing(['gmail.cop']), 'en').reasons.some((r) => r.code === 'POSSIBLE_TYPO'), 'the near domain is not free mail')
})

t.test('TypoIndex: nearest target, preference on ties, short names allow one edit', async (t) => {
  const index = new TypoIndex(['gmail.com', 'gmx.com', 'mail.com', 'au.com'], 2)
  t.same(index.closest('gmial.com'), { target: 'gmail.com', distance: 1 })
  t.same(index.closest('gmail.comm'), { target: 'gmail.com', distance: 1 })
  t.equal(index.closest('xx.com'), null, 'two edits from au.com is too far for a short name')
  t.same(index.closest('ua.com'), { target: 'au.com', distance: 1 })
  t.not(index.closest('gmail.com')?.target, 'gmail.com', 'a target is not its own typo')
  t.equal(index.size, 4)
})

t.test('the rules on their own: a slip of the ending, a short target, a partner under another suffix', async (t) => {
  const free = (entry: string) => ({ listed: { kind: 'free' as const, list: 'l', entry, sources: [], precedence: '' }, partners: [], exempt: false })
  t.equal(endingSlip('gmail.co', free('gmail.co'), ctx), 'gmail.com')
  t.equal(endingSlip('gmail.co', { ...free('gmail.co'), exempt: true }, ctx), null, 'an exempt domain is what the operator says it is')
  t.equal(endingSlip('gmail.co', { ...free('gmail.co'), partners: [{ partner: ctx.registry.partners[0]!, matchedDomain: 'gmail.co' }] }, ctx), null, "a partner's domain")
  t.equal(endingSlip('gmail.co', { ...free('gmail.co'), listed: null }, ctx), null, 'only listed free mail')
  for (const other of ['gmaik.com', 'gnail.com']) t.equal(endingSlip(other, free(other), ctx), null, `${other}: another name, not another ending`)
  const organisation = [...ctx.lists.organisations.keys()][0]!
  t.equal(endingSlip(organisation, free(organisation), ctx), null, 'a curated organisation domain')

  t.equal(typoOf('ai.com', ctx), null, 'a short target: a substitution is no typo')
  t.equal(typoOf('ua.com', ctx), 'au.com', 'a short target: a swap of neighbours is')
  t.equal(typoOf('livw.com', ctx), 'live.com', 'eight characters: one edit anywhere')
  for (const suffix of ['ne.jp', 'or.jp', 'jp', 'com', 'net', 'co']) t.equal(typoOf(`acme.${suffix}`, ctx), 'acme.co.jp', `acme.${suffix}`)
  t.equal(typoOf('x.acme.ne.jp', ctx), null, 'only a name right under the suffix')
  t.not(typoOf('acme.co.jp', ctx), 'acme.co.jp', 'never the domain itself')
})
