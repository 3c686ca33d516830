// Adds the DNS deliverability result to a verdict. Pure: the lookup itself is in src/io/dns.ts.
import type { Deliverability, Verdict } from './types.js'
import { SHORT } from './compose.js'
import { reasonMessage, warningMessage, type Lang } from './messages.js'

export function withDeliverability(verdict: Verdict, result: Deliverability, lang: Lang): Verdict {
  // Only verdicts with a domain are checked.
  const domain = verdict.domain!
  // A registered partner's domain is never refused on DNS's word: a "no such domain" may be
  // forged, or a passing fault of the partner's DNS; the registry is the authority here.
  if (result.status === 'no-mail-server' && verdict.partners.length === 0) {
    // After other reasons, in the short form: the first one already says what to do.
    const message = verdict.reasons.length ? SHORT.NO_MAIL_SERVER[lang]({ domain }) : reasonMessage('NO_MAIL_SERVER', lang, { domain })
    const reasons = [...verdict.reasons, { code: 'NO_MAIL_SERVER' as const, message }]
    return { ...verdict, reasons, accepted: false, deliverability: result }
  }
  if (result.status !== 'deliverable') {
    // Never passes silently, never refuses: the person may go on, and the portal knows.
    const warnings = [...verdict.warnings, { code: 'DELIVERABILITY_UNKNOWN' as const, message: warningMessage('DELIVERABILITY_UNKNOWN', lang, { domain }) }]
    return { ...verdict, warnings, deliverability: result }
  }
  return { ...verdict, deliverability: result }
}
