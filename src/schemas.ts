// The API's contract as zod schemas: the single source of the request validation, the response
// types (z.infer) and the OpenAPI document. Ids are registered here, at module scope, because
// zod's global registry refuses the same id twice (a buildApp() per test would trip it).
import { z } from 'zod'
import { LANGS, REASON_CODES, REASONS, WARNING_CODES, WARNINGS } from './core/messages.js'
import { SYNTAX_RULES } from './core/syntax.js'
import { PARTNER_TYPE_IDS, PARTNER_TYPES } from './core/partner-types.js'

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

export const PartnerTypeListSchema = z
  .object({ partnerTypes: z.array(PartnerTypeSchema).describe('All seven, in the programme’s order.') })
  .meta({ id: 'PartnerTypeList', description: 'The partner programme’s partner types.' })

export const PartnerTypeLookupSchema = PartnerTypeSchema.extend({
  query: z.string().describe('The name as asked for.'),
  match: z
    .enum(['name', 'alias', 'approximate'])
    .describe('name: the English or Japanese name or the id, in any width, case or spacing; alias: a known short or alternative name; approximate: one typo away from one of those.'),
}).meta({ id: 'PartnerTypeLookup' })

export const PartnerTypeIdParamsSchema = z.object({ id: z.string().describe('A partner type id, e.g. system-integrator.') })
export const PartnerTypeLookupQuerySchema = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    // Spaces alone (ASCII or full-width) name nothing: a 400, not a 404 with arbitrary suggestions.
    .refine((v) => v.trim() !== '', 'name must not be blank')
    .describe('A partner type name in any reasonable spelling, English or Japanese.'),
})

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

export const ValidateEmailBodySchema = z
  .object({
    email: z.string().describe('The address as the person typed it. Any string gets a verdict.'),
    partnerType: z
      .string()
      .max(200)
      .optional()
      .describe('The partner type the person chose, in any spelling /partner-types/lookup accepts. An empty string counts as not chosen; a name that matches no type is a 400.'),
    checkDeliverability: z
      .boolean()
      .optional()
      .describe('Also look the domain up in DNS (MX, else A/AAAA) within DNS_TIMEOUT_MS. Default: the DELIVERABILITY_CHECK setting.'),
  })
  .meta({ id: 'ValidateEmailRequest' })

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

export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI reference naming the kind of problem.'),
    title: z.string().describe('Short summary of the kind of problem; the same for every occurrence.'),
    status: z.int().describe('The HTTP status code.'),
    detail: z.string().describe('What was wrong with this request and how to fix it.'),
    instance: z.string().optional().describe('The path of the request.'),
    code: z.string().describe('Stable machine-readable code of the problem.'),
    requestId: z.string().optional().describe('The request id (also in the x-request-id header); quote it to the operators.'),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('For validation problems: each field at fault.'),
    validTypes: z.array(PartnerTypeSchema).optional().describe('For an unknown partnerType: every valid partner type.'),
    suggestions: z.array(PartnerTypeSchema).optional().describe('For a partner type not found: the closest known types.'),
    line: z.int().optional().describe('In a stream (POST /validate-email/stream): the 1-based number of the line this problem answers.'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, served as application/problem+json.' })
export type Problem = z.infer<typeof ProblemSchema>

export const AcceptLanguageHeadersSchema = z.object({
  'accept-language': z.string().optional().describe('ja or en (default en) picks the language of the messages.'),
})

export const PROBLEM_MEDIA_TYPE = 'application/problem+json'

/** A problem+json response, as a route declares it for each error status it can give. */
export const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
})

/** The error responses every route can give, whatever it does. */
export const COMMON_PROBLEMS = {
  500: problemResponse('Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId.'),
}

/** API routes need a key only when the operator configures API_KEYS: the empty requirement says so. */
export const API_SECURITY: { [scheme: string]: string[] }[] = [{}, { bearerAuth: [] }, { apiKeyHeader: [] }]

/** …and those of the API routes, behind the optional API keys and the rate limit. */
export const API_PROBLEMS = {
  401: problemResponse('API_KEYS is configured and the request has no valid key (UNAUTHORIZED).'),
  429: problemResponse('The client (its API key, else its address) exceeded RATE_LIMIT_PER_MINUTE (RATE_LIMITED); Retry-After says when to retry.'),
  ...COMMON_PROBLEMS,
}

export const HealthSchema = z
  .object({ status: z.literal('ok').describe('Always "ok": the process answers.') })
  .meta({ id: 'Health', description: 'Liveness.' })

const LastLoadSchema = z.object({
  at: z.string().describe('When (ISO 8601).'),
  trigger: z.string().describe('What started it: start, file change, SIGHUP.'),
  ok: z.boolean().describe('False when the file failed its checks; the previous registry still serves.'),
})

const RegistrySummarySchema = z.object({
  sample: z
    .boolean()
    .describe('True when no PARTNERS_FILE is set and the fictitious sample registry serves: every real partner is refused. With `warning` in production.'),
  warning: z.string().optional().describe('Set when the sample registry serves a production or unattended start (NODE_ENV=production, or no terminal).'),
  partners: z.int().describe('Partners in the registry serving.'),
  domains: z.int().describe('Partner domains in the registry serving.'),
  loadedAt: z.string().describe('When the registry serving was loaded (ISO 8601).'),
})

// Open to anyone who can reach the port (a probe carries no key): it says ready or not, and of
// the registry only what tells an operator at a glance whether it is the right one. Where it is
// read from and why a reload failed (file paths, partner ids, snippets of the file) are in the
// log and behind the API keys at GET /registry.
export const ReadinessSchema = z
  .object({
    status: z.enum(['ready', 'draining']).describe('ready: send traffic; draining: shutting down, send it elsewhere.'),
    registry: RegistrySummarySchema.extend({ lastLoad: LastLoadSchema.describe('The last load or reload attempt; why it failed is in the log and at GET /registry.') }).describe(
      'The partner registry.',
    ),
  })
  .meta({ id: 'Readiness', description: 'Readiness and, in a word, the state of the partner registry.' })

export const RegistryStatusSchema = RegistrySummarySchema.extend({
  source: z.string().describe('Where the registry is read from: PARTNERS_FILE, or PARTNERS_URL without its query.'),
  lastLoad: LastLoadSchema.extend({ error: z.string().optional().describe('Why it failed.') }).describe('The last load or reload attempt.'),
  warnings: z.array(z.string()).describe('What loaded but is probably not what was meant (an empty registry, a domain twice, a domain with public suffixes beneath it).'),
}).meta({ id: 'RegistryStatus', description: 'The partner registry serving, where it comes from, and the result of its last load.' })

export const BATCH_MAX = 1000

export const BatchBodySchema = z
  .object({
    emails: z.array(z.string()).min(1).max(BATCH_MAX).describe(`The addresses, up to ${BATCH_MAX}. Each gets the verdict POST /validate-email would give it.`),
    partnerType: ValidateEmailBodySchema.shape.partnerType,
    checkDeliverability: ValidateEmailBodySchema.shape.checkDeliverability,
  })
  .meta({ id: 'ValidateEmailBatchRequest' })

export const BatchResultSchema = z
  .object({ results: z.array(VerdictSchema).describe('One verdict per address, in the order of the request.') })
  .meta({ id: 'ValidateEmailBatchResult' })

export const DomainParamsSchema = z.object({ domain: z.string().min(1).max(300).describe('A domain, in Unicode or punycode (例え.jp, xn--r8jz45g.jp).') })

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
