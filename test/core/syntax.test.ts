import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import t, { type Test } from 'tap'
import { parseAddress, parseDomain, INPUT_MAX_LENGTH } from '../../src/core/syntax.js'
import { seed } from '../support/seed.js'

const rule = (s: string) => {
  const r = parseAddress(s)
  return r.ok ? 'ok' : r.rule
}

t.test('accepts what people really type', async (t) => {
  for (const a of [
    'taro@acme.co.jp',
    'taro.yamada@acme.co.jp',
    'taro+signup@acme.co.jp',
    "o'reilly@acme.com",
    'x_y-z@sub.acme.co.jp',
    '1234@acme.jp',
    "!#$%&'*+-/=?^_`{|}~@acme.com",
    'a@b.co',
    'user@xn--r8jz45g.jp',
    'user@例え.jp',
    'user@münchen.de',
  ]) {
    t.equal(rule(a), 'ok', a)
  }
})

t.test('lower-cases the domain but keeps the local part as typed', async (t) => {
  const r = parseAddress('Taro.Yamada@ACME.Co.JP')
  t.ok(r.ok)
  if (r.ok) t.same(r.address, { local: 'Taro.Yamada', domain: 'acme.co.jp', asciiDomain: 'acme.co.jp', localIsAscii: true })
})

t.test('gives an IDN domain in Unicode and in punycode', async (t) => {
  const r = parseAddress('taro@例え.JP')
  t.ok(r.ok)
  if (r.ok) {
    t.equal(r.address.domain, '例え.jp')
    t.equal(r.address.asciiDomain, 'xn--r8jz45g.jp')
  }
  const p = parseAddress('taro@XN--R8JZ45G.jp')
  t.ok(p.ok)
  if (p.ok) t.equal(p.address.domain, '例え.jp')
})

t.test('normalises a non-ASCII local part to NFC', async (t) => {
  const r = parseAddress('jose\u0301@acme.com')
  t.ok(r.ok)
  if (r.ok) {
    t.equal(r.address.local, 'jos\u00e9')
    t.equal(r.address.localIsAscii, false)
  }
})

t.test('names the rule each malformed address breaks', async (t) => {
  const cases: [string, string][] = [
    ['', 'empty'],
    ['taro', 'missing-at'],
    ['taro@acme@co.jp', 'multiple-at'],
    ['"taro@x"@acme.co.jp', 'quoted-local-part'],
    ['"taro"@acme.co.jp', 'quoted-local-part'],
    ['@acme.co.jp', 'empty-local-part'],
    ['taro(comment)@acme.co.jp', 'invalid-local-character'],
    ['ta,ro@acme.co.jp', 'invalid-local-character'],
    ['ta\\ro@acme.co.jp', 'invalid-local-character'],
    ['.taro@acme.co.jp', 'local-leading-dot'],
    ['taro.@acme.co.jp', 'local-trailing-dot'],
    ['ta..ro@acme.co.jp', 'local-consecutive-dots'],
    ['taro@', 'empty-domain'],
    ['taro@[192.0.2.1]', 'ip-literal'],
    ['taro@acme_corp.co.jp', 'invalid-domain-character'],
    ['taro@acme!.co.jp', 'invalid-domain-character'],
    ['taro@.acme.co.jp', 'domain-leading-dot'],
    ['taro@acme.co.jp.', 'domain-trailing-dot'],
    ['taro@acme..co.jp', 'domain-consecutive-dots'],
    ['taro@-acme.co.jp', 'domain-hyphen'],
    ['taro@acme-.co.jp', 'domain-hyphen'],
    ['taro@ab--cd.co.jp', 'domain-reserved-hyphens'],
    ['taro@xn--zz.com', 'invalid-idn'],
    ['taro@\u0301acme.jp', 'invalid-idn'],
    [`taro@${'a'.repeat(64)}.jp`, 'domain-label-too-long'],
    [`taro@${'abcdefghi.'.repeat(26)}jp`, 'domain-too-long'],
    ['taro@localhost', 'domain-single-label'],
    ['taro@acme', 'domain-single-label'],
    ['taro@192.0.2.1', 'domain-invalid-tld'],
    ['taro@acme.c0m1', 'domain-invalid-tld'],
    ['taro@acme.local', 'domain-special-use'],
    ['taro@foo.localhost', 'domain-special-use'],
    ['taro@acme.test', 'domain-special-use'],
    ['taro@x.invalid', 'domain-special-use'],
    ['taro@x.onion', 'domain-special-use'],
    ['taro@router.home.arpa', 'domain-special-use'],
    [`${'a'.repeat(65)}@acme.co.jp`, 'local-too-long'],
    [`${'あ'.repeat(22)}@acme.co.jp`, 'local-too-long'],
    [`${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.jp`, 'address-too-long'],
    ['ta ro@acme.co.jp', 'whitespace'],
    ['taro@acme.co.jp\u00a0x', 'whitespace'],
    ['ta\u3000ro@acme.co.jp', 'whitespace'],
    ['taro\u200b@acme.co.jp', 'invisible-character'],
    ['taro@gm\u00adail.com', 'invisible-character'],
    ['\ufefftaro@acme.co.jp', 'invisible-character'],
    ['ta\u3164ro@acme.co.jp', 'invisible-character'],
    ['ta\tro@acme.co.jp', 'invisible-character'],
    ['ta\u2800ro@acme.co.jp', 'invisible-character'],
    ['taro\ud800@acme.co.jp', 'invisible-character'],
    ['taro@acme\u2010corp.jp', 'invalid-domain-character'],
    ['taro@😀.jp', 'invalid-domain-character'],
    ['taro@例⑴.jp', 'invalid-domain-character'],
    ['taro@例え_x.jp', 'invalid-domain-character'],
    ['taro@例え..jp', 'domain-consecutive-dots'],
    ['taro@xn--r8jz45g..jp', 'domain-consecutive-dots'],
    ['\u0301taro@acme.co.jp', 'invalid-local-character'],
    ['x'.repeat(INPUT_MAX_LENGTH + 1), 'too-long'],
  ]
  for (const [input, expected] of cases) t.equal(rule(input), expected, JSON.stringify(input))
})

t.test('points at the offending character', async (t) => {
  const r = parseAddress('taro\u200b@acme.co.jp')
  t.match(r, { ok: false, at: { index: 4, codePoint: 'U+200B' } })
  const s = parseAddress('taro@acme_x.jp')
  t.match(s, { ok: false, at: { char: '_' } })
})

t.test('parseDomain applies the same rules to a bare domain', async (t) => {
  t.match(parseDomain('ACME.co.jp'), { ok: true, asciiDomain: 'acme.co.jp' })
  t.match(parseDomain('co'), { ok: false, rule: 'domain-single-label' })
  t.match(parseDomain('例 え.jp'), { ok: false, rule: 'whitespace' })
  t.match(parseDomain('例\u200bえ.jp'), { ok: false, rule: 'invisible-character' })
  t.match(parseDomain(''), { ok: false, rule: 'empty-domain' })
})

// A domain already in lower-case ASCII goes a shorter way than the same domain in upper case,
// which must be lower-cased first: both must give the same answer.
const sameAsUpperCase = (t: Test, d: string): void => void t.same(parseDomain(d), parseDomain(d.toUpperCase()), JSON.stringify(d))

t.test('a domain already in its final form is taken as it is, with the answer the general way gives', async (t) => {
  const cases: [string, string][] = [
    ['acme.co.jp', 'ok'],
    ['a-b.c1.jp', 'ok'],
    ['fooxn--bar.com', 'ok'],
    ['xn--r8jz45g.jp', 'ok'],
    ['acme.co', 'ok'],
    [`${'a'.repeat(63)}.jp`, 'ok'],
    [`${'a'.repeat(64)}.jp`, 'domain-label-too-long'],
    [`${`${'a'.repeat(50)}.`.repeat(5)}jp`, 'domain-too-long'],
    ['acme_x.jp', 'invalid-domain-character'],
    ['ａcme.jp', 'ok'],
    ['.acme.jp', 'domain-leading-dot'],
    ['acme.jp.', 'domain-trailing-dot'],
    ['acme..jp', 'domain-consecutive-dots'],
    ['-acme.jp', 'domain-hyphen'],
    ['acme-.jp', 'domain-hyphen'],
    ['ac--me.jp', 'domain-reserved-hyphens'],
    ['xn--zz.jp', 'invalid-idn'],
    ['localhost', 'domain-single-label'],
    ['acme.123', 'domain-invalid-tld'],
    ['acme.alt', 'domain-special-use'],
    ['acme.internal', 'domain-special-use'],
  ]
  for (const [d, expected] of cases) {
    const r = parseDomain(d)
    t.equal(r.ok ? 'ok' : r.rule, expected, d)
    sameAsUpperCase(t, d)
  }
  t.same(parseDomain('acme.co.jp'), { ok: true, domain: 'acme.co.jp', asciiDomain: 'acme.co.jp' })
})

t.test('lower-case ASCII domains of every shape get the answer their upper-case spelling gets', async (t) => {
  const odd = fc.stringMatching(/^[a-z0-9-]{0,8}$/).chain((s) => fc.constantFrom(s, `xn--${s}`, `${s}xn--${s}`, s.repeat(9)))
  const label = fc.oneof({ arbitrary: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?$/), weight: 4 }, odd)
  const tld = fc.oneof({ arbitrary: fc.constantFrom('jp', 'com', 'de'), weight: 3 }, label, fc.constantFrom('alt', 'test', 'localhost', 'internal', 'example', 'x1', '1'))
  const domain = fc.tuple(fc.array(label, { maxLength: 4 }), tld).map(([ls, last]) => [...ls, last].join('.'))
  let ok = 0
  fc.assert(
    fc.property(domain, (d) => {
      if (parseDomain(d).ok) ok++
      return isDeepStrictEqual(parseDomain(d), parseDomain(d.toUpperCase()))
    }),
    { numRuns: 5000, seed },
  )
  t.ok(ok > 500, `${ok} of them valid`)
})

t.test('length limits hold at their exact bounds', async (t) => {
  t.equal(rule('x'.repeat(INPUT_MAX_LENGTH)), 'missing-at', 'input of the maximum length is parsed')
  // 64 + 1 + 189 = 254 octets, the most RFC 5321 allows; one more is too long.
  const domain189 = `${'b'.repeat(60)}.${'c'.repeat(61)}.${'d'.repeat(63)}.jp`
  t.equal(rule(`${'a'.repeat(64)}@${domain189}`), 'ok')
  t.equal(rule(`${'a'.repeat(64)}@e${domain189}`), 'address-too-long')
  // A domain of 253 octets is the longest; 254 is too long, whichever path it takes.
  const domain253 = `${`${'a'.repeat(63)}.`.repeat(3)}${'b'.repeat(58)}.jp`
  for (const d of [domain253, domain253.toUpperCase()]) t.match(parseDomain(d), { ok: true }, `253 octets: ${d.slice(0, 3)}`)
  for (const d of [`b${domain253}`, `B${domain253.toUpperCase()}`]) t.match(parseDomain(d), { ok: false, rule: 'domain-too-long' }, `254 octets: ${d.slice(0, 3)}`)
})

t.test('every special-use name is refused, .example included', async (t) => {
  for (const tld of ['arpa', 'invalid', 'local', 'localhost', 'onion', 'test', 'example', 'alt', 'internal']) {
    t.equal(rule(`taro@acme.${tld}`), 'domain-special-use', tld)
    t.equal(rule(`taro@ACME.${tld.toUpperCase()}`), 'domain-special-use', `${tld} in upper case`)
  }
})

t.test('points at the second @, and names the label that breaks the hyphen rule', async (t) => {
  t.match(parseAddress('taro@acme@co.jp'), { ok: false, rule: 'multiple-at', at: { index: 4, char: '@' } })
  t.equal(rule('taro@a.--b.jp'), 'domain-hyphen', 'a one-letter label before a label that starts with hyphens')
})

t.test('old carrier addresses: dots tolerated only where the carriers put them', async (t) => {
  t.match(parseAddress('ta..ro.@docomo.ne.jp', { legacyDots: true }), { ok: true, address: { local: 'ta..ro.' } })
  t.match(parseAddress('.taro@docomo.ne.jp', { legacyDots: true }), { ok: false, rule: 'local-leading-dot' })
  t.equal(rule('ta..ro.@docomo.ne.jp'), 'local-consecutive-dots', 'not without the option')
})

t.test('a combining mark may follow a character of the local part; it is composed', async (t) => {
  t.match(parseAddress('さ\u3099とう@acme.co.jp'), { ok: true, address: { local: 'ざとう' } })
})

t.test('IDN labels: letters, marks and digits of any script; what UTS #46 maps to a bad character is refused', async (t) => {
  t.match(parseDomain('हिन्दी.in'), { ok: true }, 'Devanagari vowel signs are marks')
  t.match(parseDomain('मराठी१.in'), { ok: true }, 'a Devanagari digit')
  // UTS #46 maps these to ASCII a host name may not hold, in a label left without "xn--".
  t.match(parseDomain('⑴.jp'), { ok: false, rule: 'invalid-domain-character', at: { char: '(' } })
  t.match(parseDomain('acme＿x.jp'), { ok: false, rule: 'invalid-domain-character', at: { char: '_' } })
  t.match(parseDomain('ab😀.jp'), { ok: false, rule: 'invalid-domain-character', at: { index: 2, char: '😀' } }, 'the character as typed, where it was typed')
  // Beside non-ASCII, an ASCII character that URL parsing would cut the name at, or refuse.
  for (const d of ['例え?x.jp', '例え#x.jp', '例え:x.jp']) t.match(parseDomain(d), { ok: false, rule: 'invalid-domain-character', at: { index: 2, char: d[2] } }, d)
})
