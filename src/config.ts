// Configuration is read from the environment once, here, and validated by one zod schema;
// everything else receives the typed result. A bad value stops the service at start with a
// message that names the variable.
import { join } from 'node:path'
import { z } from 'zod'
import { DATA_DIR } from './paths.js'
import { rateLimitStoreConfig, rateLimitStoreEnv, registrySourceConfig, registrySourceEnv } from './config-scale.js'

export const SAMPLE_PARTNERS_FILE = join(DATA_DIR, 'partners.sample.json')

const bool = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: `${name} must be true or false` })
    .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on')

const int = (name: string, unit: string, min: number, max: number, fallback: number, description: string) =>
  z.coerce
    .number({ error: `${name} must be a number of ${unit}` })
    .int(`${name} must be a whole number of ${unit}`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback)
    .describe(description)

/** A comma-separated list; blanks around and between the commas are ignored. */
const list = (name: string, item: z.ZodString, description: string) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).min(1, `${name} must list at least one value`))
    .optional()
    .describe(description)

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export const EnvSchema = z
  .object({
    PORT: z.coerce
      .number({ error: 'PORT must be a number' })
      .int('PORT must be a whole number')
      .min(0)
      .max(65535, 'PORT must be at most 65535')
      .default(3000)
      .describe('TCP port to listen on (0 picks a free one).'),
    HOST: z.string().min(1).default('localhost').describe('Address to listen on. The container image sets 0.0.0.0.'),
    LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info')
      .describe(`pino log level: ${LOG_LEVELS.join(', ')}.`),
    PARTNERS_FILE: z
      .string()
      .min(1)
      .default(SAMPLE_PARTNERS_FILE)
      .describe('Path of the partner registry (JSON). Default: the sample registry in data/partners.sample.json.'),
    ...registrySourceEnv,
    ALLOW_SMTPUTF8: bool('ALLOW_SMTPUTF8')
      .default(false)
      .describe('Accept a non-ASCII part before the @ (RFC 6531). true/false, 1/0, yes/no, on/off.'),
    BODY_LIMIT: z.coerce
      .number({ error: 'BODY_LIMIT must be a number of bytes' })
      .int('BODY_LIMIT must be a whole number of bytes')
      .min(64, 'BODY_LIMIT must be at least 64 bytes')
      .max(10 * 1024 * 1024, 'BODY_LIMIT must be at most 10 MiB')
      .default(16 * 1024)
      .describe('Largest request body accepted, in bytes; larger gets 413.'),
    LOG_HASH_KEY: z
      .string()
      .min(16, 'LOG_HASH_KEY must be at least 16 characters')
      .optional()
      .describe('Key of the HMAC that stands for addresses in logs. Set the same key on every replica to correlate; random per process when unset.'),
    API_KEYS: list(
      'API_KEYS',
      z.string().min(16, 'API_KEYS: each key must be at least 16 characters'),
      'Comma-separated API keys; a request must send one as `Authorization: Bearer <key>` or `x-api-key`. Unset: the API is open to anyone who can reach it.',
    ),
    PROTECT_DOCS_AND_METRICS: bool('PROTECT_DOCS_AND_METRICS')
      .default(false)
      .describe('With API_KEYS, require a key for /metrics, /docs and /openapi.json too. /healthz and /readyz stay open.'),
    ...rateLimitStoreEnv,
    RATE_LIMIT_PER_MINUTE: int('RATE_LIMIT_PER_MINUTE', 'requests', 0, 10_000_000, 6000, 'Requests a client (its API key, else its address) may make per minute; 0 turns the limit off.'),
    TRUST_PROXY: z
      .string()
      .default('false')
      .describe('Whom to trust for X-Forwarded-For (the client address the rate limit uses): false, true, a number of hops, or comma-separated addresses/CIDRs of the proxies.'),
    CORS_ORIGINS: list(
      'CORS_ORIGINS',
      z.string().regex(ORIGIN, 'CORS_ORIGINS: each entry must be an origin such as https://portal.example.co.jp'),
      'Comma-separated browser origins allowed to call the API (CORS). Unset: no cross-origin access.',
    ),
    REQUEST_TIMEOUT_MS: int('REQUEST_TIMEOUT_MS', 'milliseconds', 1000, 600_000, 10_000, 'Longest time to receive a whole request; slower clients get 408.'),
    KEEP_ALIVE_TIMEOUT_MS: int('KEEP_ALIVE_TIMEOUT_MS', 'milliseconds', 1000, 600_000, 72_000, 'How long an idle keep-alive connection stays open; keep it above the load balancer’s idle timeout.'),
    PARTNERS_RELOAD: bool('PARTNERS_RELOAD').default(true).describe('Reload the registry when PARTNERS_FILE changes (including a Kubernetes ConfigMap symlink swap). SIGHUP always reloads.'),
    PARTNERS_POLL_SECONDS: int('PARTNERS_POLL_SECONDS', 'seconds', 0, 3600, 10, 'Also look at PARTNERS_FILE this often, for file systems that do not report changes (with PARTNERS_URL: ask the URL this often); 0 turns polling off.'),
    ROLE_ACCOUNTS: z
      .enum(['warn', 'refuse'], { error: 'ROLE_ACCOUNTS must be warn or refuse' })
      .default('warn')
      .describe('A shared mailbox (info@, sales@, eigyo@ …): warn (a ROLE_ACCOUNT warning) or refuse (a ROLE_ACCOUNT reason).'),
    DELIVERABILITY_CHECK: bool('DELIVERABILITY_CHECK')
      .default(false)
      .describe('Check every address’s domain in DNS (MX, else A/AAAA), as if each request asked for checkDeliverability.'),
    DNS_SERVERS: list(
      'DNS_SERVERS',
      z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[0-9.]+|[0-9a-fA-F:]+)(:[0-9]{1,5})?$/, 'DNS_SERVERS: each entry must be an IP address, host:port or [v6]:port'),
      'Comma-separated DNS resolvers for the deliverability check (IP or IP:port). Default: the system’s resolvers.',
    ),
    DNS_TIMEOUT_MS: int('DNS_TIMEOUT_MS', 'milliseconds', 100, 30_000, 2000, 'Total time the deliverability check may take for one domain; past it the warning DELIVERABILITY_UNKNOWN is given.'),
    SHUTDOWN_DELAY_SECONDS: int('SHUTDOWN_DELAY_SECONDS', 'seconds', 0, 300, 0, 'On SIGTERM, report not-ready and keep serving this long before closing, so the load balancer stops sending traffic first.'),
    SHUTDOWN_TIMEOUT_SECONDS: int('SHUTDOWN_TIMEOUT_SECONDS', 'seconds', 1, 600, 10, 'Longest wait for requests in flight after closing starts; then the process exits anyway.'),
  })
  .transform((e) => ({
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    partnersFile: e.PARTNERS_FILE,
    ...registrySourceConfig(e),
    /** Accept a non-ASCII local part (RFC 6531). */
    allowSmtputf8: e.ALLOW_SMTPUTF8,
    bodyLimit: e.BODY_LIMIT,
    /** Key for the HMAC that stands in for addresses in logs; random per process when unset. */
    logHashKey: e.LOG_HASH_KEY,
    apiKeys: e.API_KEYS ?? [],
    protectDocsAndMetrics: e.PROTECT_DOCS_AND_METRICS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    ...rateLimitStoreConfig(e),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    corsOrigins: e.CORS_ORIGINS ?? [],
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    partnersReload: e.PARTNERS_RELOAD,
    partnersPollSeconds: e.PARTNERS_POLL_SECONDS,
    roleAccounts: e.ROLE_ACCOUNTS,
    deliverabilityCheck: e.DELIVERABILITY_CHECK,
    dnsServers: e.DNS_SERVERS ?? [],
    dnsTimeoutMs: e.DNS_TIMEOUT_MS,
    shutdownDelaySeconds: e.SHUTDOWN_DELAY_SECONDS,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
  }))

function parseTrustProxy(v: string): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (v === 'true' || v === 'false') return v === 'true'
  if (/^\d+$/.test(v)) {
    // Trust that many proxies in front of the service (fastify's numeric form, as a function).
    const hops = Number(v)
    return (_address, hop) => hop < hops
  }
  return v.split(',').map((s) => s.trim()).filter(Boolean)
}

export type Config = z.output<typeof EnvSchema>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Parses the environment; throws ConfigError naming every variable at fault. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as it does for most tools an operator knows. Only the
  // schema's own keys are looked at: the rest of the environment is none of our business.
  const known = Object.keys(EnvSchema.in.shape)
  const present = Object.fromEntries(known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]))
  const r = EnvSchema.safeParse(present)
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${String(i.path[0])}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return r.data
}
