// What a verdict needs to know of a domain: its classification (lists, partners, exemptions),
// whether it looks like another (UTS #39) and which domain it is probably a typo of. Cached per
// registry, because the same domains come again and again (gmail.com, the partners').
import { domainToUnicode } from 'node:url'
import { dashLookalike, isHighlyRestrictive, skeleton } from './confusables.js'
import { remember, type CheckContext } from './context.js'
import type { MessageParams } from './messages.js'
import { hasDelegatedTld } from './public-suffix.js'
import { classifyDomain, type DomainClassification, type PartnerMatch } from './registry.js'
import type { CompiledRegistry, PartnerRecord } from './registry-schema.js'
import { underRestrictedLevel } from './restricted-levels.js'
import { parseDomain } from './syntax.js'
import { isAscii } from './text.js'
import { endingSlip, listedKind, nearTld, typoOf } from './typo-rules.js'

export interface DomainFacts {
  /** The top-level domain is not delegated and none is one edit from it. */
  badTld: boolean
  cls: DomainClassification
  known: boolean
  look: Pick<MessageParams, 'kind' | 'meant'> | null
  /** The domain (Unicode) this one is probably a typo of. */
  typo: string | null
  /** That domain is free or disposable mail itself: the person meant personal mail. */
  typoListed: 'free' | 'disposable' | null
}

/**
 * What a verdict needs to know of a domain, cached per registry: the same domains come again and
 * again (gmail.com, the partners'), and a new registry object starts a new cache.
 */
const FACTS = new WeakMap<CompiledRegistry, Map<string, DomainFacts>>()
const FACTS_MAX = 20_000

export function domainFacts(asciiDomain: string, domain: string, ctx: CheckContext): DomainFacts {
  let cache = FACTS.get(ctx.registry)
  if (!cache) FACTS.set(ctx.registry, (cache = new Map()))
  const hit = cache.get(asciiDomain)
  if (hit) return hit
  const cls = classifyDomain(asciiDomain, ctx.lists, ctx.registry)
  // A curated organisation domain is known too: a real company's name, never a typo to correct.
  const known = isKnown(cls) || ctx.lists.organisations.has(asciiDomain)
  if (!hasDelegatedTld(ctx.lists.psl, asciiDomain)) {
    // No mail reaches a top-level domain that does not exist (yahoo.co.jpp): a near one is a typo.
    const tld = nearTld(asciiDomain, ctx)
    const meant = tld && `${asciiDomain.slice(0, asciiDomain.lastIndexOf('.'))}.${tld}`
    return remember(cache, asciiDomain, { badTld: !meant, cls, known, look: null, typo: meant && domainToUnicode(meant), typoListed: listedKind(meant, ctx) }, FACTS_MAX)
  }
  const look = !known && !isAscii(domain) ? lookalike(domain, ctx) : null
  // Only a registered organisation may hold a name under co.jp, ac.uk …: never a consumer's typo.
  const meant = known
    ? endingSlip(asciiDomain, cls, ctx)
    : !look?.meant && cls.partners.length === 0 && !underRestrictedLevel(asciiDomain)
      ? typoOf(asciiDomain, ctx)
      : null
  return remember(cache, asciiDomain, { badTld: false, cls, known, look, typo: meant && domainToUnicode(meant), typoListed: listedKind(meant, ctx) }, FACTS_MAX)
}

/** Each matched partner once, at its most specific matching domain (the walk's first match). */
export function uniquePartners(cls: DomainClassification): PartnerMatch[] {
  const seen = new Set<PartnerRecord>()
  return cls.partners.filter((m) => !seen.has(m.partner) && seen.add(m.partner))
}

/** Why a non-ASCII domain that is no partner's and on no list looks like another, if it does. */
function lookalike(domain: string, ctx: CheckContext): Pick<MessageParams, 'kind' | 'meant'> | null {
  const dashed = dashLookalike(domain)
  if (dashed) {
    const fixed = parseDomain(dashed)
    return { kind: 'dash', ...(fixed.ok ? { meant: fixed.domain } : {}) }
  }
  const key = skeleton(domain, ctx.lists.prototypes)
  const meant = ctx.registry.known?.skeletons.get(key) ?? ctx.lists.wellKnown.skeletons.get(key)
  if (meant) return { kind: 'lookalike', meant: domainToUnicode(meant) }
  return domain.split('.').every(isHighlyRestrictive) ? null : { kind: 'mixed-scripts' }
}

/**
 * Known domains are never "corrected": partners, exempt domains, and every domain a list or the
 * curated data names (a portal's .ua beside its .ru is a real mailbox, not a slip of the finger).
 */
function isKnown(cls: ReturnType<typeof classifyDomain>): boolean {
  return cls.partners.length > 0 || cls.exempt || cls.listed !== null
}

