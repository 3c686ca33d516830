// What a check answers, as zod schemas: the core's own types (z.infer), and the source of the
// HTTP contract's verdict and domain report (src/schemas.ts builds the API from them). Ids are
// registered here, at module scope: zod's global registry refuses the same id twice.
// Stryker disable StringLiteral: the texts are the API document's descriptions, held byte for byte
// by the OpenAPI drift test (test/plugins/docs.test.ts), which mutation runs of the core do not run.
import { z } from 'zod'
import { LANGS, REASON_CODES, REASONS, WARNING_CODES, WARNINGS } from './messages.js'
import { SYNTAX_RULES } from './syntax.js'
import { PARTNER_TYPE_IDS, PARTNER_TYPES } from './partner-types.js'

const describeCodes = (entries: Record<string, { meaning: string }>): string =>
  Object.entries(entries)
    .map(([code, e]) => `- \`${code}\`: ${e.meaning}`)
    .join('\n')


export const LangSchema = z.enum(LANGS).meta({ id: 'Lang', description: 'Language of the messages, chosen from Accept-Language (ja or en; default en).' })


export const ReasonCodeSchema = z
  .enum(REASON_CODES)
  .meta({ id: 'ReasonCode', description: `Why an address is refused. Stable; other software keys on it.\n${describeCodes(REASONS)}` })


export const WarningCodeSchema = z
  .enum(WARNING_CODES)
  .meta({ id: 'WarningCode', description: `Something worth telling the person that does not refuse the address.\n${describeCodes(WARNINGS)}` })


export const SyntaxRuleSchema = z
  .enum(SYNTAX_RULES)
  .meta({ id: 'SyntaxRule', description: 'For INVALID_SYNTAX: the first rule of form the address breaks.' })


export const ListSourceSchema = z
  .object({
    list: z.string().describe('The list that matched, e.g. "disposable-email-domains@1.0.62" or "curated Japanese consumer mail list".'),
    entry: z.string().describe('The listed domain that matched: the address’s domain or one of its parents.'),
  })
  .meta({ id: 'ListSource', description: 'Which list and entry a list-based reason comes from.' })


export const CharacterSchema = z.object({
  position: z.int().describe('1-based position in the trimmed address, in UTF-16 code units.'),
  codePoint: z.string().describe('The code point, as U+XXXX.'),
})


export const ReasonSchema = z
  .object({
    code: ReasonCodeSchema.describe('Why the address is refused; stable.'),
    message: z.string().describe('What is wrong and what to do, for the person at the form, in the negotiated language.'),
    rule: SyntaxRuleSchema.optional().describe('For INVALID_SYNTAX: the rule of form broken.'),
    character: CharacterSchema.optional().describe('The character at fault, where there is one.'),
    source: ListSourceSchema.optional().describe('For DISPOSABLE and FREE_MAIL: the list and entry that matched.'),
  })
  .meta({ id: 'Reason', description: 'One reason the address is refused.' })


export const WarningSchema = z
  .object({
    code: WarningCodeSchema.describe('What the warning is about; stable.'),
    message: z.string().describe('For the person at the form, in the negotiated language.'),
  })
  .meta({ id: 'Warning', description: 'Something worth telling the person that does not refuse the address.' })


export const PartnerTypeIdSchema = z.enum(PARTNER_TYPE_IDS).meta({
  id: 'PartnerTypeId',
  description: `Stable id of a partner type:\n${PARTNER_TYPES.map((t) => `- \`${t.id}\`: ${t.en} / ${t.ja}`).join('\n')}`,
})


export const PartnerTypeSchema = z
  .object({
    id: PartnerTypeIdSchema.describe('Stable kebab-case id.'),
    en: z.string().describe('English name, as in the partner contract.'),
    ja: z.string().describe('Japanese name, as shown in the portal.'),
    aliases: z.array(z.string()).describe('Other names people use for it (short names, alternative spellings) that lookup accepts.'),
  })
  .meta({ id: 'PartnerType', description: 'A partner type of the partner programme.' })
export type PartnerTypeBody = z.infer<typeof PartnerTypeSchema>


export const PartnerMatchSchema = z
  .object({
    id: z.string().describe('The partner’s id in the registry.'),
    name: z.string().describe('The company’s name, as in the registry.'),
    partnerTypes: z.array(z.string()).describe('English names of the partner types the company holds (empty when the registry does not say).'),
    partnerTypeIds: z.array(PartnerTypeIdSchema).describe('The same types, by id.'),
    matchedDomain: z.string().describe('The registered domain that matched: the address’s domain or a parent of it.'),
  })
  .meta({ id: 'PartnerMatch', description: 'A registered partner whose domain matches the address.' })


export const DeliverabilitySchema = z
  .object({
    status: z.enum(['deliverable', 'no-mail-server', 'unknown']).describe('deliverable: a mail host answers for the domain; no-mail-server: none can (NO_MAIL_SERVER); unknown: DNS did not answer in time (DELIVERABILITY_UNKNOWN).'),
    detail: z
      .enum(['mx', 'address-fallback', 'null-mx', 'no-domain', 'no-records', 'timeout', 'dns-error'])
      .describe('mx: MX records; address-fallback: no MX but A/AAAA (RFC 5321 5.1); null-mx: RFC 7505 null MX; no-domain: NXDOMAIN; no-records: neither MX nor A/AAAA; timeout and dns-error: no answer within DNS_TIMEOUT_MS.'),
    mailHosts: z.array(z.string()).describe('The MX hosts, most preferred first (empty unless detail is mx).'),
    cached: z.boolean().describe('The answer came from the cache (kept for the DNS records’ TTL).'),
  })
  .meta({ id: 'Deliverability', description: 'The result of the DNS deliverability check.' })
export type Deliverability = z.infer<typeof DeliverabilitySchema>


export const VerdictSchema = z
  .object({
    email: z.string().describe('The address as received.'),
    normalized: z.string().nullable().describe('The address to store: trimmed, Unicode domain, lower-case domain, NFC. Null when the address is not well-formed.'),
    ascii: z.string().nullable().describe('The all-ASCII form (punycode domain), or null when the local part is not ASCII or the address is not well-formed.'),
    domain: z.string().nullable().describe('The normalized domain (Unicode), or null.'),
    syntaxValid: z.boolean().describe('True when the address, exactly as typed less surrounding spaces, is well-formed.'),
    accepted: z.boolean().describe('True exactly when `reasons` is empty.'),
    reasons: z.array(ReasonSchema).describe('Why the address is refused, most important first.'),
    warnings: z.array(WarningSchema).describe('Worth telling the person, but not a reason to refuse.'),
    partners: z.array(PartnerMatchSchema).describe('Registered partners whose domain matches, most specific first.'),
    suggestion: z.string().nullable().describe('An address the person probably meant (e.g. the half-width form of a full-width one), or null.'),
    partnerType: PartnerTypeSchema.nullable().describe('The partner type chosen in the request, resolved; null when none was chosen.'),
    deliverability: DeliverabilitySchema.nullable().describe('The DNS check, when it was asked for and the address got that far; null otherwise.'),
    trimmed: z.boolean().describe('True when surrounding spaces were removed.'),
    lang: LangSchema,
  })
  .meta({ id: 'Verdict' })
export type Verdict = z.infer<typeof VerdictSchema>
export type Reason = z.infer<typeof ReasonSchema>
export type Warning = z.infer<typeof WarningSchema>


export const DomainReportSchema = z
  .object({
    input: z.string().describe('The domain as asked for.'),
    valid: z.boolean().describe('The domain is well-formed for email.'),
    rule: SyntaxRuleSchema.nullable().describe('The rule it breaks, when not valid.'),
    domain: z.string().nullable().describe('Normalized, in Unicode.'),
    ascii: z.string().nullable().describe('Normalized, in ASCII (punycode).'),
    classification: z
      .enum(['partner', 'free-mail', 'disposable', 'unknown', 'invalid'])
      .describe('How an address at this domain is classified (before the checks of the address itself).'),
    listed: z
      .object({
        kind: z.enum(['disposable', 'free']).describe('Which kind of list.'),
        list: z.string().describe('The list, with its version.'),
        entry: z.string().describe('The listed domain that matched: this one or a parent.'),
        sources: z
          .array(z.object({ kind: z.enum(['disposable', 'free']), list: z.string() }))
          .describe('Every list that names the entry, the deciding one first.'),
        precedence: z.string().describe('The precedence rule that decided the class, in words.'),
      })
      .nullable()
      .describe('The list entry that matched, or null.'),
    organisation: z
      .object({
        list: z.string().describe('The curated list of organisation domains.'),
        reason: z.string().describe('Whose domain it is, and why it is not personal mail.'),
        overrules: z
          .array(z.object({ kind: z.enum(['disposable', 'free']), list: z.string() }))
          .describe('The free-mail or disposable lists that name it and are overruled.'),
      })
      .nullable()
      .describe('Set when a curated list knows the domain as an organisation’s own: no list entry refuses it.'),
    exempt: z.boolean().describe('The domain or a parent is in the registry’s exemptDomains.'),
    publicSuffix: z.boolean().describe('The domain is itself a public suffix (co.jp, github.io): nothing may match it.'),
    partners: z
      .array(
        z.object({
          id: z.string().describe('Partner id.'),
          name: z.string().describe('Company name.'),
          partnerTypes: z.array(z.string()).describe('English names of its partner types.'),
          matchedDomain: z.string().describe('The registered domain that matched.'),
        }),
      )
      .describe('Registered partners whose domain matches, most specific first.'),
    possibleTypoOf: z.string().nullable().describe('The known domain this one is probably a typo of (POSSIBLE_TYPO), or null.'),
    lookalike: z
      .object({
        kind: z.enum(['dash', 'mixed-scripts', 'lookalike']).describe('Why it counts as a look-alike (CONFUSABLE_DOMAIN).'),
        of: z.string().nullable().describe('The domain it imitates, when known.'),
      })
      .nullable()
      .describe('Set when addresses at this domain get CONFUSABLE_DOMAIN.'),
  })
  .meta({ id: 'DomainReport', description: 'How the service classifies a domain, and why: for the helpdesk.' })
export type DomainReport = z.infer<typeof DomainReportSchema>
