// IDNA2008 validity of a domain's U-labels: RFC 5891 section 5.4, RFC 5892's derived properties
// with Appendix A's contextual rules, and RFC 5893's Bidi rule. Node's domainToASCII implements
// UTS #46, which lets through what IDNA2008 refuses (a middle dot between any letters, the Arabic
// tatweel, a right-to-left label that starts with a digit): mail systems that follow IDNA2008,
// and python-email-validator, refuse those addresses. idn-hostname does the whole of IDNA2008 over
// Unicode 15.1 tables (the Unicode of Node 20's ICU); a pure library, so the core may use it.
import idn from 'idn-hostname'

/** What IDNA2008 finds wrong with a name, as the syntax rule that names it for the person. */
export interface IdnaProblem {
  rule: 'invalid-domain-character' | 'idn-context' | 'idn-bidi' | 'invalid-idn'
  /** The character at fault, where the rule is about one. */
  char?: string
}

const RULE_BY_ERROR: Record<string, IdnaProblem['rule']> = {
  IdnaUnicodeError: 'invalid-domain-character',
  IdnaContextJError: 'idn-context',
  IdnaContextOError: 'idn-context',
  IdnaBidiError: 'idn-bidi',
}

/**
 * Null when every A-label of the name (in its ASCII form) decodes to a valid IDNA2008 U-label; an
 * LDH label has nothing IDNA2008 could refuse. Each label is judged on its own: RFC 5891 (4.2.3.4,
 * 5.4) applies the Bidi rule to the labels that hold right-to-left characters, as python's idna
 * does, not to a digit-led ASCII label elsewhere in the name (RFC 5893's stricter reading).
 */
export function idna2008Problem(asciiDomain: string): IdnaProblem | null {
  for (const label of asciiDomain.split('.')) {
    if (!label.startsWith('xn--')) continue
    const problem = labelProblem(label)
    if (problem) return problem
  }
  return null
}

function labelProblem(aLabel: string): IdnaProblem | null {
  try {
    idn.isIdnHostname(aLabel)
    return null
  } catch (error) {
    const name = (error as Error).name
    const rule = RULE_BY_ERROR[name] ?? 'invalid-idn'
    // The library names the code point as "(U+XXXX)"; for the person, the character itself.
    const cp = /\(U\+([0-9A-F]{4,6})\)/.exec((error as Error).message)?.[1]
    return cp && rule !== 'idn-bidi' ? { rule, char: String.fromCodePoint(parseInt(cp, 16)) } : { rule }
  }
}
