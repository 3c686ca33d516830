import t from 'tap'
import { idna2008Problem } from '../../src/core/idna.js'
import { parseDomain } from '../../src/core/syntax.js'
import { domainToASCII } from 'node:url'
import idn from 'idn-hostname'

// Each case is a U-label written as a person would type it; the ASCII form is what parseDomain
// hands to the IDNA2008 check once UTS #46 has done its mapping.
const problem = (unicode: string) => idna2008Problem(domainToASCII(unicode))
// Node's UTS #46 already refuses some of what IDNA2008 refuses (it gives ''): those are asked as
// the A-label a person could type.
const typed = (uLabel: string, rest: string) => idna2008Problem(`xn--${idn.punycode.encode(uLabel)}.${rest}`)

t.test('RFC 5892 Appendix A: the contextual rules, with and without their context', async (t) => {
  t.equal(problem('l·l.com'), null, 'A.3: a middle dot between two l (Catalan)')
  t.same(problem('a·b.com'), { rule: 'idn-context', char: '·' }, 'A.3: a middle dot anywhere else')
  t.equal(problem('ͱ͵α.com'), null, 'A.4: a Greek keraia before Greek')
  t.same(problem('α͵.com'), { rule: 'idn-context', char: '͵' }, 'A.4: a keraia at the end')
  t.equal(problem('א׳.com'), null, 'A.5: a geresh after Hebrew')
  t.same(problem('׳א.com'), { rule: 'idn-context', char: '׳' }, 'A.5: a geresh first')
  t.equal(problem('ア・イ.jp'), null, 'A.7: a katakana middle dot among kana')
  t.equal(problem('漢・字.jp'), null, 'A.7: … or among kanji')
  t.same(problem('a・b.jp'), { rule: 'idn-context', char: '・' }, 'A.7: a katakana middle dot among Latin letters')
  t.equal(problem('क्‍ष.in'), null, 'A.2: a zero-width joiner after a virama')
  t.same(typed('क\u200dष', 'in'), { rule: 'idn-context', char: '\u200d' }, 'A.2: a zero-width joiner after a letter')
  t.equal(problem('بی‌بی.ir'), null, 'A.1: a zero-width non-joiner between joining letters')
})

t.test('RFC 5892 derived properties: DISALLOWED code points that UTS #46 lets through', async (t) => {
  t.same(problem('ـطج.net'), { rule: 'invalid-domain-character', char: 'ـ' }, 'the Arabic tatweel')
  t.same(problem('ab〱c.com'), { rule: 'invalid-domain-character', char: '〱' }, 'the vertical kana repeat mark')
  t.same(idna2008Problem('xn--ls8h.la'), { rule: 'invalid-domain-character', char: '💩' }, 'an emoji, typed as its A-label')
  t.equal(problem('例え.jp'), null)
  t.equal(problem('bücher.de'), null)
  t.equal(problem('ไทย.th'), null)
})

t.test('RFC 5893: the Bidi rule, applied to the labels that hold right-to-left characters', async (t) => {
  t.equal(problem('אבג.com'), null)
  t.equal(problem('العربية.com'), null)
  t.equal(problem('אבג1.com'), null, 'an RTL label may end in a European digit')
  t.same(problem('1אב.com'), { rule: 'idn-bidi' }, 'rule 1: an RTL label starts with a letter')
  t.same(problem('١٢٣.com'), { rule: 'idn-bidi' }, 'rule 1: Arabic-Indic digits alone are an RTL label that starts with a digit')
  t.same(problem('aא.com'), { rule: 'idn-bidi' }, 'rule 5: no RTL letter in an LTR label')
  t.same(typed('ا1١', 'com'), { rule: 'idn-bidi' }, 'rule 4: European and Arabic-Indic digits not mixed')
  // RFC 5891 4.2.3.4 and 5.4 ask the rule of labels with RTL characters; python's idna agrees.
  t.equal(problem('אבג.1example.com'), null, 'an ASCII label that starts with a digit, beside an RTL label')
})

t.test('parseDomain refuses what IDNA2008 refuses, naming the rule and the character as typed', async (t) => {
  t.match(parseDomain('a・b.jp'), { ok: false, rule: 'idn-context', at: { index: 1, char: '・' } })
  t.match(parseDomain('xn--ab-0ea.com'), { ok: false, rule: 'idn-context', at: { index: 0, char: '·' } }, 'an A-label: the decoded character, no position in the input')
  t.match(parseDomain('ـطج.net'), { ok: false, rule: 'invalid-domain-character', at: { index: 0, char: 'ـ' } })
  t.match(parseDomain('1אב.com'), { ok: false, rule: 'idn-bidi' })
  t.notOk((parseDomain('1אב.com') as { at?: unknown }).at, 'the Bidi rule is about an order, not one character')
  t.match(parseDomain('ア・イ.jp'), { ok: true, asciiDomain: 'xn--ccke4x.jp' })
  t.match(parseDomain('acme.co.jp'), { ok: true }, 'a plain name never reaches the IDNA2008 check')
})

t.test('a failure the library does not classify is an invalid IDN', async (t) => {
  t.same(idna2008Problem('xn--zz.jp'), { rule: 'invalid-idn' }, 'an A-label that is not Punycode')
  t.same(idna2008Problem('xn--abc-.jp'), { rule: 'invalid-idn' }, 'an A-label that decodes to ASCII')
})

t.test('every A-label of the name is judged, wherever it stands; an LDH label is left to the LDH rules', async (t) => {
  t.same(problem('bücher.a·b.com'), { rule: 'idn-context', char: '·' }, 'a valid IDN label first does not vouch for the next')
  t.same(problem('例え.ـطج.jp'), { rule: 'invalid-domain-character', char: 'ـ' })
  t.same(problem('mail.1אב.com'), { rule: 'idn-bidi' }, 'after an ASCII label too')
  // The library refuses these as hostnames; as ASCII labels they are the syntax check's to judge.
  t.equal(idna2008Problem('ab--cd.com'), null, 'hyphens in the third and fourth places of an ASCII label')
  t.equal(idna2008Problem('ab_c.example.com'), null, 'an underscore in an ASCII label')
})
