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
  name: z.string().min(1).max(200).describe('A partner type name in any reasonable spelling, English or Japanese.'),
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

export const ValidateEmailBodySchema = z
  .object({
    email: z.string().describe('The address as the person typed it. Any string gets a verdict.'),
    partnerType: z
      .string()
      .max(200)
      .optional()
      .describe('The partner type the person chose, in any spelling /partner-types/lookup accepts. An empty string counts as not chosen; a name that matches no type is a 400.'),
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

export const ReadinessSchema = z
  .object({
    status: z.enum(['ready', 'draining']).describe('ready: send traffic; draining: shutting down, send it elsewhere.'),
    registry: z
      .object({
        source: z.string().describe('PARTNERS_FILE.'),
        partners: z.int().describe('Partners in the registry serving.'),
        domains: z.int().describe('Partner domains in the registry serving.'),
        loadedAt: z.string().describe('When the registry serving was loaded (ISO 8601).'),
        lastLoad: z
          .object({
            at: z.string().describe('When (ISO 8601).'),
            trigger: z.string().describe('What started it: start, file change, SIGHUP.'),
            ok: z.boolean().describe('False when the file failed its checks; the previous registry still serves.'),
            error: z.string().optional().describe('Why it failed.'),
          })
          .describe('The last load or reload attempt.'),
      })
      .describe('The partner registry.'),
  })
  .meta({ id: 'Readiness', description: 'Readiness and the state of the partner registry.' })
