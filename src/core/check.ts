// The whole check of one address, as a pure function: from the string a person typed, the
// shipped lists, the partner registry and the operator's options to a verdict. No I/O, no
// framework; it never throws for any string. (Deliverability, which needs DNS, is added to the
// verdict afterwards: see deliverability.ts.)
import { composeReasons } from './compose.js'
import { deepFreeze, remember, type CheckContext } from './context.js'
import { domainFacts, uniquePartners, type DomainFacts } from './domain-facts.js'
import { reasonMessage, warningMessage, type Lang, type MessageParams, type ReasonCode } from './messages.js'
import type { PartnerType } from './partner-types.js'
import type { CompiledRegistry, PartnerRecord } from './registry-schema.js'
import { isRoleAccount } from './roles.js'
import { parseAddress } from './syntax.js'
import { codeUnit, compatibilityCharacters, toMeant, trimFormInput } from './text.js'
import type { Reason, Verdict, Warning } from './types.js'

export type { CheckContext, CheckOptions } from './context.js'

/**
 * Reasons as they are made, and beside each what its message was made from: a reason that comes
 * after another one is given a short form made from the same (compose.ts). Carried along rather
 * than kept in a side table keyed by the reason: a WeakMap entry for every reason made showed
 * under load, in the garbage collector's work.
 */
interface Made {
  reasons: readonly Reason[]
  params: readonly MessageParams[]
}

type Evaluation = Pick<Verdict, 'normalized' | 'ascii' | 'domain' | 'syntaxValid' | 'warnings' | 'partners' | 'suggestion'> & Made

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

/** A warning that takes no parameters: one frozen object per code and language. */
function warning(code: 'WHITESPACE_TRIMMED' | 'ROLE_ACCOUNT', lang: Lang): Warning {
  const key = `${code}:${lang}`
  let w = WARNING_OBJECTS.get(key)
  if (!w) WARNING_OBJECTS.set(key, (w = Object.freeze({ code, message: warningMessage(code, lang) })))
  return w
}
const WARNING_OBJECTS = new Map<string, Warning>()
const NO_WARNINGS: readonly Warning[] = Object.freeze([])

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
  // Full-width input is refused whatever it stands for, the reason for it first.
  const made = fullwidth ? join(made1('FULLWIDTH_CHARACTERS', lang, { found: compat.runs, kinds: compat.kinds, ...(suggestion ? { suggestion } : {}) }), result) : result
  return {
    email,
    normalized: fullwidth ? null : result.normalized,
    ascii: fullwidth ? null : result.ascii,
    domain: result.domain,
    syntaxValid: !fullwidth && result.syntaxValid,
    accepted: made.reasons.length === 0,
    reasons: composeReasons(made.reasons, lang, made.params),
    warnings,
    partners: result.partners,
    suggestion,
    partnerType: partnerType ? partnerTypeBody(partnerType) : null,
    trimmed,
    lang,
    deliverability: null,
  }
}

function stripTrailingDots(s: string): string {
  let end = s.length
  while (end > 0 && codeUnit(s, end - 1) === 0x2e) end--
  return s.slice(0, end)
}

/** One reason, made. */
function made1(code: ReasonCode, lang: Lang, params: MessageParams, extra?: Partial<Reason>): Made {
  return { reasons: [{ code, message: reasonMessage(code, lang, params, extra?.rule), ...extra }], params: [params] }
}

/** Reasons made one after another, in that order; null (none) is left out. */
function join(...parts: (Made | null)[]): Made {
  const reasons: Reason[] = []
  const params: MessageParams[] = []
  for (const part of parts) {
    if (part === null) continue
    reasons.push(...part.reasons)
    params.push(...part.params)
  }
  return { reasons, params }
}

/** `made` with one more reason after the others (a new one when `made` is null). */
function add(made: Made | null, code: ReasonCode, lang: Lang, params: MessageParams): Made {
  return join(made, made1(code, lang, params))
}

const isUnder = (domain: string, parents: readonly string[]): boolean => parents.some((p) => domain === p || domain.endsWith(`.${p}`))

function evaluate(input: string, ctx: CheckContext, lang: Lang, partnerType: PartnerType | null): Evaluation {
  let parsed = parseAddress(input)
  let legacy = false
  if (!parsed.ok && (parsed.rule === 'local-consecutive-dots' || parsed.rule === 'local-trailing-dot')) {
    // docomo and au issued such addresses until 2009: name them for what they are.
    const relaxed = parseAddress(input, { legacyDots: true })
    if (relaxed.ok && isUnder(relaxed.address.asciiDomain, ctx.lists.legacyCarriers)) {
      parsed = relaxed
      legacy = true
    }
  }
  if (!parsed.ok) {
    const params: MessageParams = parsed.at ? { char: parsed.at.char, codePoint: parsed.at.codePoint, position: parsed.at.index + 1 } : {}
    const extra: Partial<Reason> = { rule: parsed.rule }
    if (parsed.at) extra.character = { position: parsed.at.index + 1, codePoint: parsed.at.codePoint }
    return { normalized: null, ascii: null, domain: null, syntaxValid: false, ...made1('INVALID_SYNTAX', lang, params, extra), warnings: [], partners: [], suggestion: null }
  }
  const { local, domain, asciiDomain, localIsAscii } = parsed.address
  // The address's own reasons, before the domain's and after them. Most addresses have none, and
  // then the verdict holds the domain's frozen, shared reasons themselves, which the serialiser
  // has encoded already (verdict-json.ts).
  let before: Made | null = null
  let after: Made | null = null
  let warnings: readonly Warning[] = NO_WARNINGS
  let suggestion: string | null = null
  if (legacy) before = add(before, 'LEGACY_CARRIER_ADDRESS', lang, { domain })
  if (!localIsAscii && !ctx.options.allowSmtputf8) before = add(before, 'NON_ASCII_LOCAL_PART', lang, {})

  const facts = domainFacts(asciiDomain, domain, ctx)
  if (facts.badTld) {
    // No near top-level domain to suggest: the domain cannot receive mail as typed.
    return { normalized: null, ascii: null, domain: null, syntaxValid: false, ...made1('INVALID_SYNTAX', lang, {}, { rule: 'domain-invalid-tld' }), warnings: [], partners: [], suggestion: null }
  }
  const { look, typo } = facts
  const parts = verdictParts(facts, asciiDomain, domain, lang, ctx.registry)
  // The typo's correction wins over the look-alike's, as its reason comes after.
  const meant = typo ?? look?.meant
  if (meant) suggestion = `${local}@${meant}`

  if (isRoleAccount(local)) {
    if (ctx.options.roleAccounts === 'refuse') after = add(after, 'ROLE_ACCOUNT', lang, {})
    else warnings = [warning('ROLE_ACCOUNT', lang)]
  }

  // Only a company whose registry entry says which types it holds can be held to them; with
  // group companies on one domain, any of them holding the type will do.
  const records = parts.records
  if (partnerType && records.length > 0 && records.every((p) => p.partnerTypes.length > 0 && !p.partnerTypes.includes(partnerType))) {
    // The types of the company the address is at: a subsidiary's own, not its parent's.
    const types = [...new Set(parts.closest.flatMap((p) => p.partnerTypes))]
    after = add(after, 'PARTNER_TYPE_MISMATCH', lang, { types, chosen: partnerType })
  }
  const { reasons, params } = before === null && after === null ? parts : join(before, parts, after)
  return {
    normalized: `${local}@${domain}`,
    ascii: localIsAscii ? `${local}@${asciiDomain}` : null,
    domain,
    // An old carrier address is real but not well-formed.
    syntaxValid: !legacy,
    // Frozen and shared (the domain's reasons, no warnings) where nothing was added, though the
    // verdict's type says mutable.
    reasons,
    params,
    warnings: warnings as Warning[],
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
interface VerdictParts extends Made {
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
  const { reasons, params } = join(
    look ? made1('CONFUSABLE_DOMAIN', lang, { domain, ...look }) : null,
    typo ? made1('POSSIBLE_TYPO', lang, { domain, meant: typo, ...(facts.typoListed ? { meantListed: facts.typoListed } : {}) }) : null,
    cls.listed
      ? made1(cls.listed.kind === 'disposable' ? 'DISPOSABLE' : 'FREE_MAIL', lang, { domain }, { source: { list: cls.listed.list, entry: cls.listed.entry } })
      : cls.partners.length === 0
        ? made1('NOT_PARTNER', lang, { domain })
        : null,
  )
  const matches = uniquePartners(cls)
  const parts: VerdictParts = {
    reasons: deepFreeze(reasons),
    params: Object.freeze(params),
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

/**
 * Far fewer than the facts: parts hold messages, and the serialiser their JSON, ~1 KB a domain
 * and language, so that a flood of distinct domains would hold ~50 MB at the facts' bound. The
 * domains that come again and again (gmail.com, the partners') are in it nearly always; one that
 * was pushed out costs one verdict's messages to make again.
 */
const PARTS = new WeakMap<CompiledRegistry, Record<Lang, Map<string, VerdictParts>>>()
const PARTS_MAX = 1_000

