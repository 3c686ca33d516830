// The API's contract as zod schemas: the single source of the request validation, the response
// types (z.infer) and the OpenAPI document. Ids are registered here, at module scope, because
// zod's global registry refuses the same id twice (a buildApp() per test would trip it).
import { z } from 'zod'
import { PartnerTypeSchema, VerdictSchema } from './core/types.js'

// The verdict, the domain report and their parts are the core's own types (src/core/types.ts).
export * from './core/types.js'

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

/**
 * What ValidateEmailBodySchema gives for a body that is plain valid data, as JSON.parse makes it
 * (the same object: it holds no key the schema would strip); null for anything else, which zod
 * then checks and describes. The body of every sign-up check is checked here, not by zod:
 * test/schemas.test.ts holds the two to agreement.
 */
export function plainValidateEmailBody(body: unknown): z.infer<typeof ValidateEmailBodySchema> | null {
  if (typeof body !== 'object' || body === null || Object.getPrototypeOf(body) !== Object.prototype) return null
  for (const key in body) if (key !== 'email' && key !== 'partnerType' && key !== 'checkDeliverability') return null
  const { email, partnerType, checkDeliverability } = body as Record<string, unknown>
  if (typeof email !== 'string') return null
  if (partnerType !== undefined && (typeof partnerType !== 'string' || partnerType.length > 200)) return null
  if (checkDeliverability !== undefined && typeof checkDeliverability !== 'boolean') return null
  return body as z.infer<typeof ValidateEmailBodySchema>
}

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

