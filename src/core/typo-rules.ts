// Which domain a typed one is probably a slip of: a near top-level domain (yahoo.co.jpp), a
// partner's or a well-known mail domain one or two edits away (gmial.com, docomo.ne.jpn), the
// partner's name under another public suffix (acme.ne.jp for acme.co.jp), or a listed free-mail
// domain one ending away from its well-known provider (gmail.co). The indexes are typos.ts's.
import type { CheckContext } from './context.js'
import { editDistance } from './edit-distance.js'
import type { BaseLists } from './lists.js'
import { classifyDomain, type DomainClassification } from './registry.js'

/** Public suffixes a partner's own domain is most often confused between (acme.ne.jp for acme.co.jp). */
const SUFFIX_SWAPS = ['co.jp', 'ne.jp', 'or.jp', 'jp', 'com', 'net', 'co']

/** Whether the domain a typo was taken for is free or disposable mail itself: then the person meant personal mail. */
export function listedKind(meant: string | null, ctx: CheckContext): 'free' | 'disposable' | null {
  return meant ? (classifyDomain(meant, ctx.lists, ctx.registry).listed?.kind ?? null) : null
}

/**
 * The delegated top-level domain one edit from the typed one's (jpp, cmo, co.jpn), preferring
 * those of the well-known mail domains (.com, .jp), then the shortest: an extra letter is the
 * commonest slip. Null when none is that close.
 */
export function nearTld(asciiDomain: string, ctx: CheckContext): string | null {
  const typed = asciiDomain.slice(asciiDomain.lastIndexOf('.') + 1)
  const preferred = PREFERRED_TLDS.get(ctx.lists) ?? preferredTlds(ctx)
  for (const tld of preferred) if (editDistance(typed, tld, 1) <= 1) return tld
  for (const tld of ctx.lists.psl.tlds) if (editDistance(typed, tld, 1) <= 1) return tld
  return null
}
const PREFERRED_TLDS = new WeakMap<BaseLists, string[]>()
function preferredTlds(ctx: CheckContext): string[] {
  const tlds = [...new Set(ctx.lists.wellKnown.typos.targets.map((d) => d.slice(d.lastIndexOf('.') + 1)))]
  PREFERRED_TLDS.set(ctx.lists, tlds)
  return tlds
}

/**
 * A listed domain is a real one and not corrected, with one exception: free mail one slip of the
 * ending away from a well-known provider of the same name (gmail.co for gmail.com). Lists name
 * such domains because mail goes there by mistake; the person meant the provider, and hearing
 * only "free mail" they would not see the slip. Another name (ymail.com beside gmail.com) or a
 * domain that is well known itself is never taken for a slip.
 */
export function endingSlip(asciiDomain: string, cls: DomainClassification, ctx: CheckContext): string | null {
  if (cls.listed?.kind !== 'free' || cls.partners.length > 0 || cls.exempt || ctx.lists.organisations.has(asciiDomain)) return null
  const near = ctx.lists.wellKnown.typos.closest(asciiDomain)
  if (!near || near.distance !== 1 || !asciiDomain.startsWith(near.target.slice(0, near.target.indexOf('.') + 1))) return null
  if (ctx.lists.wellKnown.typos.targets.includes(asciiDomain)) return null
  return listedKind(near.target, ctx) === 'free' ? near.target : null
}

/**
 * The partner or well-known domain a domain is a typo of, if any (ASCII form). Real domains sit
 * one edit from a target more often than one might think (ai.com next to au.com): for a short
 * target, only a swap of neighbours or a mistyped ending counts.
 */
export function typoOf(asciiDomain: string, ctx: CheckContext): string | null {
  const partner = ctx.registry.known?.typos.closest(asciiDomain)
  if (partner && typoShape(asciiDomain, partner)) return partner.target
  const swapped = suffixSwap(asciiDomain, ctx)
  if (swapped) return swapped
  const known = ctx.lists.wellKnown.typos.closest(asciiDomain)
  return known && typoShape(asciiDomain, known) ? known.target : null
}

function typoShape(typed: string, { target, distance }: { target: string; distance: number }): boolean {
  // Two edits are a typo only as a mistyped ending (docomo.ne.jpn); anywhere they can make
  // one real name of another (gmail.jp is two edits from dwmail.jp).
  if (target.length >= 8 && distance === 1) return true
  // The same name, a different ending: gmail.con, yahoo.co.jo, docomo.co.jp.
  const name = target.slice(0, target.indexOf('.'))
  if (typed.startsWith(`${name}.`)) return true
  // Two neighbours swapped: ua.com.
  if (typed.length !== target.length) return false
  const diff = [...typed].flatMap((c, i) => (c === target[i] ? [] : [i]))
  return diff.length === 2 && diff[1] === diff[0]! + 1 && typed[diff[0]!] === target[diff[1]!] && typed[diff[1]!] === target[diff[0]!]
}

/** acme.ne.jp for the partner acme.co.jp: the same name under another common public suffix. */
function suffixSwap(asciiDomain: string, ctx: CheckContext): string | null {
  for (const suffix of SUFFIX_SWAPS) {
    if (!asciiDomain.endsWith(`.${suffix}`)) continue
    const name = asciiDomain.slice(0, -suffix.length - 1)
    // Only a name right under the suffix: "acme" of acme.co.jp, not "acme.co" of it.
    if (name.includes('.')) continue
    for (const other of SUFFIX_SWAPS) {
      const candidate = `${name}.${other}`
      if (other !== suffix && ctx.registry.partnerDomains.has(candidate)) return candidate
    }
  }
  return null
}
