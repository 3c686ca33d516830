// How the service classifies a domain, and from which list entries: the helpdesk's answer to
// "why was this address refused?" (GET /domains/{domain}).
import type { CheckContext } from './context.js'
import { domainFacts, uniquePartners } from './domain-facts.js'
import { isPublicSuffix } from './public-suffix.js'
import { parseDomain } from './syntax.js'
import { trimFormInput } from './text.js'
import type { DomainReport } from './types.js'

function organisationOf(asciiDomain: string, ctx: CheckContext): DomainReport['organisation'] {
  const o = ctx.lists.organisations.get(asciiDomain)
  return o ? { list: o.list, reason: o.reason, overrules: [...o.overrules] } : null
}

/** How the service classifies a domain, and from which list entries: for the helpdesk. */
export function describeDomain(raw: string, ctx: CheckContext): DomainReport {
  const parsed = parseDomain(trimFormInput(raw).toLowerCase())
  const empty = { listed: null, organisation: null, exempt: false, publicSuffix: false, partners: [], possibleTypoOf: null, lookalike: null }
  if (!parsed.ok) return { input: raw, valid: false, rule: parsed.rule, domain: null, ascii: null, classification: 'invalid', ...empty }
  const { cls, known, look, typo } = domainFacts(parsed.asciiDomain, parsed.domain, ctx)
  const partners = uniquePartners(cls).map(({ partner, matchedDomain }) => ({
    id: partner.id,
    name: partner.name,
    partnerTypes: partner.partnerTypes.map((t) => t.en),
    matchedDomain,
  }))
  return {
    input: raw,
    valid: true,
    rule: null,
    domain: parsed.domain,
    ascii: parsed.asciiDomain,
    classification: cls.listed ? (cls.listed.kind === 'disposable' ? 'disposable' : 'free-mail') : partners.length ? 'partner' : 'unknown',
    listed: cls.listed && { kind: cls.listed.kind, list: cls.listed.list, entry: cls.listed.entry, sources: [...cls.listed.sources], precedence: cls.listed.precedence },
    organisation: organisationOf(parsed.asciiDomain, ctx),
    exempt: cls.exempt,
    publicSuffix: isPublicSuffix(ctx.lists.psl, parsed.asciiDomain),
    partners,
    possibleTypoOf: typo,
    lookalike: look && { kind: look.kind!, of: look.meant ?? null },
  }
}
