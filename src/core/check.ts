// The whole check of one address, as a pure function: from the string a person typed, the
// shipped lists, the partner registry and the operator's options to a verdict. No I/O, no
// framework; it never throws for any string. (Deliverability, which needs DNS, is added to the
// verdict afterwards: see deliverability.ts.)
import { domainToUnicode } from 'node:url'
import type { DomainReport, Reason, Verdict, Warning } from '../schemas.js'
import { composeReasons, rememberParams } from './compose.js'
import { dashLookalike, isHighlyRestrictive, skeleton } from './confusables.js'
import type { BaseLists } from './lists.js'
import { reasonMessage, warningMessage, type Lang, type MessageParams, type ReasonCode } from './messages.js'
import type { PartnerType } from './partner-types.js'
import { hasDelegatedTld, isPublicSuffix } from './public-suffix.js'
import { editDistance } from './partner-types.js'
import { underRestrictedLevel } from './restricted-levels.js'
import { classifyDomain, type CompiledRegistry, type DomainClassification, type PartnerMatch, type PartnerRecord } from './registry.js'
import { isRoleAccount } from './roles.js'
import { parseAddress, parseDomain } from './syntax.js'
import { compatibilityCharacters, isAscii, toMeant, trimFormInput } from './text.js'

export interface CheckOptions {
  /** Accept a non-ASCII local part (RFC 6531 SMTPUTF8). */
  allowSmtputf8: boolean
  /** A role account (info@, eigyo@ …) is a warning, or a reason to refuse. */
  roleAccounts: 'warn' | 'refuse'
}

export interface CheckContext {
  lists: BaseLists
  registry: CompiledRegistry
  options: CheckOptions
}

type Evaluation = Pick<Verdict, 'normalized' | 'ascii' | 'domain' | 'syntaxValid' | 'reasons' | 'warnings' | 'partners' | 'suggestion'>

/** Carriers whose old addresses may hold ".." or ".@" (issued until 2009); their subdomains too. */
const LEGACY_CARRIERS = ['docomo.ne.jp', 'ezweb.ne.jp', 'au.com']

/** Public suffixes a partner's own domain is most often confused between (acme.ne.jp for acme.co.jp). */
const SUFFIX_SWAPS = ['co.jp', 'ne.jp', 'or.jp', 'jp', 'com', 'net', 'co']

/**
 * The partner type as the API shows it: one frozen object per type, shared by every verdict and
 * answer that names it (the verdict serialiser encodes frozen objects once: see verdict-json.ts).
 */
export function partnerTypeBody(t: PartnerType): NonNullable<Verdict['partnerType']> {
  let body = TYPE_BODIES.get(t)
  if (!body) TYPE_BODIES.set(t, (body = deepFreeze({ id: t.id, en: t.en, ja: t.ja, aliases: [...t.aliases] })))
  return body
}
const TYPE_BODIES = new WeakMap<PartnerType, NonNullable<Verdict['partnerType']>>()

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v)
  return Object.freeze(o)
}

/** A warning that takes no parameters: one frozen object per code and language. */
function warning(code: 'WHITESPACE_TRIMMED' | 'ROLE_ACCOUNT', lang: Lang): Warning {
  const key = `${code}:${lang}`
  let w = WARNING_OBJECTS.get(key)
  if (!w) WARNING_OBJECTS.set(key, (w = Object.freeze({ code, message: warningMessage(code, lang) })))
  return w
}
const WARNING_OBJECTS = new Map<string, Warning>()

/**
 * @param partnerType the partner type the person chose, already resolved, or null; checked
 *   against the matched partners' registered types.
 */
export function checkEmail(email: string, ctx: CheckContext, lang: Lang, partnerType: PartnerType | null = null): Verdict {
  const input = trimFormInput(email)
  const trimmed = input.length !== email.length
  const compat = compatibilityCharacters(input)
  const fullwidth = compat !== null
  // Never accept what an IME typed in full-width (or any character NFKC would change), but
  // judge the address it stands for, so that the person learns what that one would get and
  // one correction is enough.
  const candidate = compat ? toMeant(input) : input
  let result = evaluate(candidate, ctx, lang, partnerType)
  // What the characters stand for is offered only where it is an address the person can use:
  // ﾀﾛｳ@ stands for タロウ@, whose name part most mail systems refuse (NON_ASCII_LOCAL_PART).
  const usable = result.syntaxValid && !result.reasons.some((r) => r.code === 'NON_ASCII_LOCAL_PART')
  let suggestion = result.suggestion ?? (fullwidth && usable ? result.normalized : null)
  if (!result.syntaxValid && !result.normalized && candidate.endsWith('.')) {
    // A full stop typed after the address, often the 。 that ends a Japanese sentence.
    const stripped = evaluate(stripTrailingDots(candidate), ctx, lang, partnerType)
    if (stripped.syntaxValid) {
      suggestion = stripped.suggestion ?? stripped.normalized
      if (fullwidth) result = stripped
    }
  }
  const warnings: Warning[] = trimmed ? [warning('WHITESPACE_TRIMMED', lang), ...result.warnings] : result.warnings
  const chosen = partnerType ? partnerTypeBody(partnerType) : null
  if (!fullwidth) {
    return { email, ...result, reasons: composeReasons(result.reasons, lang), accepted: result.reasons.length === 0, warnings, suggestion, partnerType: chosen, trimmed, lang, deliverability: null }
  }
  return {
    email,
    normalized: null,
    ascii: null,
    domain: result.domain,
    syntaxValid: false,
    accepted: false,
    reasons: composeReasons([reason('FULLWIDTH_CHARACTERS', lang, { found: compat.runs, kinds: compat.kinds, ...(suggestion ? { suggestion } : {}) }), ...result.reasons], lang),
    warnings,
    partners: result.partners,
    suggestion,
    partnerType: chosen,
    trimmed,
    lang,
    deliverability: null,
  }
}

function stripTrailingDots(s: string): string {
  let end = s.length
  while (end > 0 && s.charCodeAt(end - 1) === 0x2e) end--
  return s.slice(0, end)
}

function reason(code: ReasonCode, lang: Lang, params: MessageParams, extra?: Partial<Reason>): Reason {
  return rememberParams({ code, message: reasonMessage(code, lang, params, extra?.rule), ...extra }, params)
}

const isUnder = (domain: string, parents: readonly string[]): boolean => parents.some((p) => domain === p || domain.endsWith(`.${p}`))

function evaluate(input: string, ctx: CheckContext, lang: Lang, partnerType: PartnerType | null): Evaluation {
  let parsed = parseAddress(input)
  let legacy = false
  if (!parsed.ok && (parsed.rule === 'local-consecutive-dots' || parsed.rule === 'local-trailing-dot')) {
    // docomo and au issued such addresses until 2009: name them for what they are.
    const relaxed = parseAddress(input, { legacyDots: true })
    if (relaxed.ok && isUnder(relaxed.address.asciiDomain, LEGACY_CARRIERS)) {
      parsed = relaxed
      legacy = true
    }
  }
  if (!parsed.ok) {
    const params: MessageParams = parsed.at ? { char: parsed.at.char, codePoint: parsed.at.codePoint, position: parsed.at.index + 1 } : {}
    const extra: Partial<Reason> = { rule: parsed.rule }
    if (parsed.at) extra.character = { position: parsed.at.index + 1, codePoint: parsed.at.codePoint }
    return { normalized: null, ascii: null, domain: null, syntaxValid: false, reasons: [reason('INVALID_SYNTAX', lang, params, extra)], warnings: [], partners: [], suggestion: null }
  }
  const { local, domain, asciiDomain, localIsAscii } = parsed.address
  const reasons: Reason[] = []
  const warnings: Warning[] = []
  let suggestion: string | null = null
  if (legacy) reasons.push(reason('LEGACY_CARRIER_ADDRESS', lang, { domain }))
  if (!localIsAscii && !ctx.options.allowSmtputf8) reasons.push(reason('NON_ASCII_LOCAL_PART', lang, {}))

  const facts = domainFacts(asciiDomain, domain, ctx)
  if (facts.badTld) {
    // No near top-level domain to suggest: the domain cannot receive mail as typed.
    return { normalized: null, ascii: null, domain: null, syntaxValid: false, reasons: [reason('INVALID_SYNTAX', lang, {}, { rule: 'domain-invalid-tld' })], warnings: [], partners: [], suggestion: null }
  }
  const { look, typo } = facts
  const parts = verdictParts(facts, asciiDomain, domain, lang, ctx.registry)
  for (const r of parts.reasons) reasons.push(r)
  // The typo's correction wins over the look-alike's, as its reason comes after.
  const meant = typo ?? look?.meant
  if (meant) suggestion = `${local}@${meant}`

  if (isRoleAccount(local)) {
    if (ctx.options.roleAccounts === 'refuse') reasons.push(reason('ROLE_ACCOUNT', lang, {}))
    else warnings.push(warning('ROLE_ACCOUNT', lang))
  }

  // Only a company whose registry entry says which types it holds can be held to them; with
  // group companies on one domain, any of them holding the type will do.
  const records = parts.records
  if (partnerType && records.length > 0 && records.every((p) => p.partnerTypes.length > 0 && !p.partnerTypes.includes(partnerType))) {
    // The types of the company the address is at: a subsidiary's own, not its parent's.
    const types = [...new Set(parts.closest.flatMap((p) => p.partnerTypes))]
    reasons.push(reason('PARTNER_TYPE_MISMATCH', lang, { types, chosen: partnerType }))
  }
  return {
    normalized: `${local}@${domain}`,
    ascii: localIsAscii ? `${local}@${asciiDomain}` : null,
    domain,
    // An old carrier address is real but not well-formed.
    syntaxValid: !legacy,
    reasons,
    warnings,
    // Frozen and shared by every verdict at this domain, though the verdict's type says mutable.
    partners: parts.partners as Verdict['partners'],
    suggestion,
  }
}

/**
 * What every verdict at one domain in one language says of the domain: its reasons (look-alike,
 * typo, list or no partner, in that order) and its partners. Kept for the most recent domains and
 * frozen, so that verdicts share the objects and the serialiser encodes each one once.
 */
interface VerdictParts {
  reasons: readonly Reason[]
  partners: readonly Verdict['partners'][number][]
  records: readonly PartnerRecord[]
  /** The partners at the most specific matching domain (a subsidiary rather than its parent). */
  closest: readonly PartnerRecord[]
}

function verdictParts(facts: DomainFacts, asciiDomain: string, domain: string, lang: Lang, registry: CompiledRegistry): VerdictParts {
  let byLang = PARTS.get(registry)
  if (!byLang) PARTS.set(registry, (byLang = { ja: new Map(), en: new Map() }))
  const cache = byLang[lang]
  // Kept by ASCII domain while the messages quote the Unicode one: parseDomain makes that one
  // from the ASCII form alone (domainToUnicode), so every spelling shares the parts.
  const cached = cache.get(asciiDomain)
  if (cached) return cached
  const { cls, look, typo } = facts
  const reasons: Reason[] = []
  if (look) reasons.push(reason('CONFUSABLE_DOMAIN', lang, { domain, ...look }))
  if (typo) reasons.push(reason('POSSIBLE_TYPO', lang, { domain, meant: typo, ...(facts.typoListed ? { meantListed: facts.typoListed } : {}) }))
  if (cls.listed) {
    const code = cls.listed.kind === 'disposable' ? 'DISPOSABLE' : 'FREE_MAIL'
    reasons.push(reason(code, lang, { domain }, { source: { list: cls.listed.list, entry: cls.listed.entry } }))
  } else if (cls.partners.length === 0) {
    reasons.push(reason('NOT_PARTNER', lang, { domain }))
  }
  const matches = uniquePartners(cls)
  const parts: VerdictParts = {
    reasons: deepFreeze(reasons),
    partners: deepFreeze(
      matches.map(({ partner, matchedDomain }) => ({
        id: partner.id,
        name: partner.name,
        partnerTypes: partner.partnerTypes.map((t) => t.en),
        partnerTypeIds: partner.partnerTypes.map((t) => t.id),
        matchedDomain,
      })),
    ),
    // The registry's own objects, for the partner-type check: not frozen, never serialised.
    records: matches.map((m) => m.partner),
    closest: matches.filter((m) => m.matchedDomain.length === Math.max(...matches.map((x) => x.matchedDomain.length))).map((m) => m.partner),
  }
  return remember(cache, asciiDomain, parts, PARTS_MAX)
}

/** Keeps `value` in a cache of at most `max` entries, the oldest going first. */
function remember<V>(cache: Map<string, V>, key: string, value: V, max: number): V {
  if (cache.size >= max) cache.delete(cache.keys().next().value!)
  cache.set(key, value)
  return value
}

/**
 * Far fewer than the facts: parts hold messages, and the serialiser their JSON, ~1 KB a domain
 * and language, so that a flood of distinct domains would hold ~50 MB at the facts' bound. The
 * domains that come again and again (gmail.com, the partners') are in it nearly always; one that
 * was pushed out costs one verdict's messages to make again.
 */
const PARTS = new WeakMap<CompiledRegistry, Record<Lang, Map<string, VerdictParts>>>()
const PARTS_MAX = 1_000

/** Each matched partner once, at its most specific matching domain (the walk's first match). */
function uniquePartners(cls: DomainClassification): PartnerMatch[] {
  const seen = new Set<PartnerRecord>()
  return cls.partners.filter((m) => !seen.has(m.partner) && seen.add(m.partner))
}

interface DomainFacts {
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

function domainFacts(asciiDomain: string, domain: string, ctx: CheckContext): DomainFacts {
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

/** Whether the domain a typo was taken for is free or disposable mail itself: then the person meant personal mail. */
function listedKind(meant: string | null, ctx: CheckContext): DomainFacts['typoListed'] {
  return meant ? (classifyDomain(meant, ctx.lists, ctx.registry).listed?.kind ?? null) : null
}

/**
 * The delegated top-level domain one edit from the typed one's (jpp, cmo, co.jpn), preferring
 * those of the well-known mail domains (.com, .jp), then the shortest: an extra letter is the
 * commonest slip. Null when none is that close.
 */
function nearTld(asciiDomain: string, ctx: CheckContext): string | null {
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

/** Why a non-ASCII domain that is no partner's and on no list looks like another, if it does. */
function lookalike(domain: string, ctx: CheckContext): Pick<MessageParams, 'kind' | 'meant'> | null {
  const dashed = dashLookalike(domain)
  if (dashed) {
    const fixed = parseDomain(dashed)
    return { kind: 'dash', ...(fixed.ok ? { meant: fixed.domain } : {}) }
  }
  const key = skeleton(domain)
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

/**
 * A listed domain is a real one and not corrected, with one exception: free mail one slip of the
 * ending away from a well-known provider of the same name (gmail.co for gmail.com). Lists name
 * such domains because mail goes there by mistake; the person meant the provider, and hearing
 * only "free mail" they would not see the slip. Another name (ymail.com beside gmail.com) or a
 * domain that is well known itself is never taken for a slip.
 */
function endingSlip(asciiDomain: string, cls: DomainClassification, ctx: CheckContext): string | null {
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
function typoOf(asciiDomain: string, ctx: CheckContext): string | null {
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
