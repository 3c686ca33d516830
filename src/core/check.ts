// The whole check of one address, as a pure function: from the string a person typed, the
// shipped lists, the partner registry and the operator's options to a verdict. No I/O, no
// framework; it never throws for any string.
import type { Reason, Verdict, Warning } from '../schemas.js'
import type { BaseLists } from './lists.js'
import { reasonMessage, warningMessage, type Lang, type MessageParams, type ReasonCode } from './messages.js'
import type { PartnerType } from './partner-types.js'
import { classifyDomain, type CompiledRegistry, type PartnerRecord } from './registry.js'
import { parseAddress } from './syntax.js'
import { hasFullwidth, toHalfwidth, trimFormInput } from './text.js'

export interface CheckOptions {
  /** Accept a non-ASCII local part (RFC 6531 SMTPUTF8). */
  allowSmtputf8: boolean
}

export interface CheckContext {
  lists: BaseLists
  registry: CompiledRegistry
  options: CheckOptions
}

type Evaluation = Pick<Verdict, 'normalized' | 'ascii' | 'domain' | 'syntaxValid' | 'reasons' | 'partners'>

/** The partner type as the API shows it. */
export const partnerTypeBody = (t: PartnerType): NonNullable<Verdict['partnerType']> => ({ id: t.id, en: t.en, ja: t.ja, aliases: [...t.aliases] })

/**
 * @param partnerType the partner type the person chose, already resolved, or null; checked
 *   against the matched partners' registered types.
 */
export function checkEmail(email: string, ctx: CheckContext, lang: Lang, partnerType: PartnerType | null = null): Verdict {
  const input = trimFormInput(email)
  const trimmed = input.length !== email.length
  const warnings: Warning[] = trimmed ? [{ code: 'WHITESPACE_TRIMMED', message: warningMessage('WHITESPACE_TRIMMED', lang) }] : []
  const fullwidth = hasFullwidth(input)
  // Never accept what an IME typed in full-width, but judge the half-width address it stands
  // for, so that the person learns what that one would get and one correction is enough.
  const candidate = fullwidth ? toHalfwidth(input) : input
  let result = evaluate(candidate, ctx, lang, partnerType)
  let suggestion = fullwidth && result.syntaxValid ? result.normalized : null
  if (!result.syntaxValid && candidate.endsWith('.')) {
    // A full stop typed after the address, often the 。 that ends a Japanese sentence.
    const stripped = evaluate(stripTrailingDots(candidate), ctx, lang, partnerType)
    if (stripped.syntaxValid) {
      suggestion = stripped.normalized
      if (fullwidth) result = stripped
    }
  }
  const chosen = partnerType ? partnerTypeBody(partnerType) : null
  if (!fullwidth) return { email, ...result, accepted: result.reasons.length === 0, warnings, suggestion, partnerType: chosen, trimmed, lang }
  return {
    email,
    normalized: null,
    ascii: null,
    domain: result.domain,
    syntaxValid: false,
    accepted: false,
    reasons: [reason('FULLWIDTH_CHARACTERS', lang, suggestion ? { suggestion } : {}), ...result.reasons],
    warnings,
    partners: result.partners,
    suggestion,
    partnerType: chosen,
    trimmed,
    lang,
  }
}

function stripTrailingDots(s: string): string {
  let end = s.length
  while (end > 0 && s.charCodeAt(end - 1) === 0x2e) end--
  return s.slice(0, end)
}

function reason(code: ReasonCode, lang: Lang, params: MessageParams, extra?: Partial<Reason>): Reason {
  return { code, message: reasonMessage(code, lang, params, extra?.rule), ...extra }
}

function evaluate(input: string, ctx: CheckContext, lang: Lang, partnerType: PartnerType | null): Evaluation {
  const parsed = parseAddress(input)
  if (!parsed.ok) {
    const params: MessageParams = parsed.at
      ? { char: parsed.at.char, codePoint: parsed.at.codePoint, position: parsed.at.index + 1 }
      : {}
    const extra: Partial<Reason> = { rule: parsed.rule }
    if (parsed.at) extra.character = { position: parsed.at.index + 1, codePoint: parsed.at.codePoint }
    return {
      normalized: null,
      ascii: null,
      domain: null,
      syntaxValid: false,
      reasons: [reason('INVALID_SYNTAX', lang, params, extra)],
      partners: [],
    }
  }
  const { local, domain, asciiDomain, localIsAscii } = parsed.address
  const reasons: Reason[] = []
  if (!localIsAscii && !ctx.options.allowSmtputf8) reasons.push(reason('NON_ASCII_LOCAL_PART', lang, {}))

  const cls = classifyDomain(asciiDomain, ctx.lists, ctx.registry)
  if (cls.listed) {
    const code = cls.listed.kind === 'disposable' ? 'DISPOSABLE' : 'FREE_MAIL'
    reasons.push(reason(code, lang, { domain }, { source: { list: cls.listed.list, entry: cls.listed.entry } }))
  } else if (cls.partners.length === 0) {
    reasons.push(reason('NOT_PARTNER', lang, { domain }))
  }

  const partners: Verdict['partners'] = []
  const records: PartnerRecord[] = []
  for (const { partner, matchedDomain } of cls.partners) {
    if (records.includes(partner)) continue
    records.push(partner)
    partners.push({
      id: partner.id,
      name: partner.name,
      partnerTypes: partner.partnerTypes.map((t) => t.en),
      partnerTypeIds: partner.partnerTypes.map((t) => t.id),
      matchedDomain,
    })
  }
  // Only a company whose registry entry says which types it holds can be held to them; with
  // group companies on one domain, any of them holding the type will do.
  if (partnerType && records.length > 0 && records.every((p) => p.partnerTypes.length > 0 && !p.partnerTypes.includes(partnerType))) {
    const types = [...new Set(records.flatMap((p) => p.partnerTypes))]
    reasons.push(reason('PARTNER_TYPE_MISMATCH', lang, { types, chosen: partnerType }))
  }
  return {
    normalized: `${local}@${domain}`,
    ascii: localIsAscii ? `${local}@${asciiDomain}` : null,
    domain,
    syntaxValid: true,
    reasons,
    partners,
  }
}
