// Configuration is read from the environment once, here, and validated by one zod schema;
// everything else receives the typed result. A bad value stops the service at start with a
// message that names the variable.
import { isIP } from 'node:net'
import { join } from 'node:path'
import { z } from 'zod'
import { editDistance } from './core/edit-distance.js'
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
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (in any case)` }))
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
      .describe('Largest request body accepted, in bytes; larger gets 413. The batch endpoint has its own limit: 512 KiB, or this when larger.'),
    LOG_HASH_KEY: z
      .string()
      .min(16, 'LOG_HASH_KEY must be at least 16 characters')
      .optional()
      .describe('Key of the hash that stands for addresses in logs. Set the same key on every replica to correlate; random per process when unset.'),
    API_KEYS: list(
      'API_KEYS',
      z.string().min(16, 'API_KEYS: each key must be at least 16 characters'),
      'Comma-separated API keys; a request must send one as `Authorization: Bearer <key>` or `x-api-key`. Unset: the API is open to anyone who can reach it.',
    ),
    PUBLIC_KEYS: z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
        const [key = '', origins = ''] = entry.split('=', 2)
        return { key: key.trim(), origins: origins.split('|').map((o) => o.trim()).filter(Boolean) }
      }))
      .pipe(
        z
          .array(
            z.object({
              key: z.string().min(16, 'PUBLIC_KEYS: each key must be at least 16 characters, as in key=https://portal.example.co.jp'),
              origins: z.array(z.string().regex(ORIGIN, 'PUBLIC_KEYS: each origin must be such as https://portal.example.co.jp')).min(1, 'PUBLIC_KEYS: each key needs at least one origin, as in key=https://a.example|https://b.example'),
            }),
          )
          .min(1, 'PUBLIC_KEYS must list at least one key'),
      )
      .optional()
      .describe('Browser (public) keys, each bound to origins: `key=https://a.example|https://b.example,key2=https://c.example`. A public key may call only POST /validate-email, from its origins, with a rate limit per key and client.'),
    PROTECT_DOCS_AND_METRICS: bool('PROTECT_DOCS_AND_METRICS')
      .default(false)
      .describe('With API_KEYS, require a key for /metrics, /docs and /openapi.json too. /healthz and /readyz stay open.'),
    ...rateLimitStoreEnv,
    RATE_LIMIT_PER_MINUTE: int('RATE_LIMIT_PER_MINUTE', 'requests', 0, 10_000_000, 6000, 'Addresses a client (its API key, else its address) may check per minute, a batch of N counting N, and requests it may make per minute; 0 turns the limit off.'),
    OPS_RATE_LIMIT_PER_MINUTE: int(
      'OPS_RATE_LIMIT_PER_MINUTE',
      'requests',
      0,
      10_000_000,
      120,
      'Requests a client may make per minute to /metrics, /docs and /openapi.json, counted apart from the checks; 0 turns the limit off.',
    ),
    TRUST_PROXY: z
      .string()
      .refine((v) => trustProxyProblem(v) === null, { error: (i) => `TRUST_PROXY ${trustProxyProblem(String(i.input))}` })
      .default('false')
      .describe('Whom to trust for X-Forwarded-For (the client address the rate limit uses): false, true, a number of hops, or comma-separated addresses/CIDRs of the proxies.'),
    CORS_ORIGINS: list(
      'CORS_ORIGINS',
      z.string().regex(ORIGIN, 'CORS_ORIGINS: each entry must be an origin such as https://portal.example.co.jp'),
      'Comma-separated browser origins allowed to call the API (CORS). Unset: no cross-origin access.',
    ),
    REQUEST_TIMEOUT_MS: int('REQUEST_TIMEOUT_MS', 'milliseconds', 1000, 600_000, 10_000, 'Longest time to receive a whole request; slower clients get 408.'),
    MAX_CONNECTIONS: int(
      'MAX_CONNECTIONS',
      'connections',
      1,
      1_000_000,
      1024,
      'Most TCP connections open at once; a connection past it is closed as it arrives (a load balancer retries elsewhere). Bounds the memory that clients holding connections can pin.',
    ),
    SOCKET_TIMEOUT_MS: int(
      'SOCKET_TIMEOUT_MS',
      'milliseconds',
      1000,
      600_000,
      30_000,
      'How long a connection may send and read nothing while its request is being answered; then it is closed. Bounds clients that never read their answer.',
    ),
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
    DNS_TIMEOUT_MS: int('DNS_TIMEOUT_MS', 'milliseconds', 100, 30_000, 2000, 'Time the deliverability check may take for one request (a batch included); past it, domains not answered yet get the warning DELIVERABILITY_UNKNOWN.'),
    STREAM_MAX_LINES: int('STREAM_MAX_LINES', 'lines', 0, 1_000_000_000, 0, 'Most lines one POST /validate-email/stream may carry; past it one TOO_MANY_LINES line ends the answer. 0: no limit.'),
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
    /** Key of the hash that stands in for addresses in logs; random per process when unset. */
    logHashKey: e.LOG_HASH_KEY,
    apiKeys: e.API_KEYS ?? [],
    /** Browser keys: each may call POST /validate-email only, from its origins. */
    publicKeys: e.PUBLIC_KEYS ?? [],
    protectDocsAndMetrics: e.PROTECT_DOCS_AND_METRICS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    ...rateLimitStoreConfig(e),
    opsRateLimitPerMinute: e.OPS_RATE_LIMIT_PER_MINUTE,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    corsOrigins: e.CORS_ORIGINS ?? [],
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    maxConnections: e.MAX_CONNECTIONS,
    socketTimeoutMs: e.SOCKET_TIMEOUT_MS,
    partnersReload: e.PARTNERS_RELOAD,
    partnersPollSeconds: e.PARTNERS_POLL_SECONDS,
    roleAccounts: e.ROLE_ACCOUNTS,
    deliverabilityCheck: e.DELIVERABILITY_CHECK,
    dnsServers: e.DNS_SERVERS ?? [],
    dnsTimeoutMs: e.DNS_TIMEOUT_MS,
    streamMaxLines: e.STREAM_MAX_LINES,
    shutdownDelaySeconds: e.SHUTDOWN_DELAY_SECONDS,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
  }))

const TRUST_PROXY_FORMS = 'true, false, a number of hops (such as 1), or comma-separated IP addresses or CIDRs of the proxies (such as 10.0.0.0/8, 192.168.1.5)'

/** Why a TRUST_PROXY value is not one of its accepted forms, or null when it is. */
function trustProxyProblem(v: string): string | null {
  if (v === 'true' || v === 'false' || /^\d+$/.test(v)) return null
  const entries = v.split(',').map((s) => s.trim()).filter(Boolean)
  for (const entry of entries) {
    const [ip = '', prefix, ...rest] = entry.split('/')
    const family = isIP(ip)
    if (family === 0 || rest.length > 0) return `must be ${TRUST_PROXY_FORMS}; "${entry}" is none of these`
    if (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))) {
      return `"${entry}": the prefix length after / must be 0 to ${family === 4 ? 32 : 128} for an IPv${family} address`
    }
  }
  return entries.length ? null : `must be ${TRUST_PROXY_FORMS}`
}

function parseTrustProxy(v: string): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (v === 'true' || v === 'false') return v === 'true'
  if (/^\d+$/.test(v)) {
    // Trust that many proxies in front of the service (fastify's numeric form, as a function).
    const hops = Number(v)
    return (_address, hop) => hop < hops
  }
  return v.split(',').map((s) => s.trim()).filter(Boolean)
}

/** The configuration, and what the start should warn about. */
export type Config = z.output<typeof EnvSchema> & {
  /**
   * No PARTNERS_FILE in a production or unattended start: the fictitious sample registry is
   * serving, and every real partner is refused. Said at start and in /readyz.
   */
  sampleRegistryInProduction: boolean
  /** Variables that look like a misspelt setting, each naming the setting it probably means. */
  warnings: string[]
}

export interface LoadOptions {
  /** Started by a person at a terminal (server.ts passes stdin's TTY state); unattended otherwise. */
  interactive?: boolean
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Parses the environment; throws ConfigError naming every variable at fault. */
export function loadConfig(env: Record<string, string | undefined> = process.env, { interactive = false }: LoadOptions = {}): Config {
  // An empty variable means "not set", as it does for most tools an operator knows. Only the
  // schema's own keys are looked at: the rest of the environment is none of our business.
  const known = Object.keys(EnvSchema.in.shape)
  const present = Object.fromEntries(known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]))
  const r = EnvSchema.safeParse(present)
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${String(i.path[0])}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const production = env.NODE_ENV === 'production' || !interactive
  return { ...r.data, sampleRegistryInProduction: production && !present.PARTNERS_FILE, warnings: [...unknownVariables(env, known), ...riskySettings(r.data)] }
}

// The first words of the settings' names (PARTNERS_, DNS_, SHUTDOWN_ …): another variable that
// starts with one is most likely a setting misspelt.
/** Settings that start but leave a door open, each with what to set instead. */
function riskySettings(c: { trustProxy: Config['trustProxy']; rateLimitPerMinute: number }): string[] {
  // Trusting every X-Forwarded-For lets a client name its own address, so its own rate-limit bucket.
  if (c.trustProxy === true && c.rateLimitPerMinute > 0)
    return [
      'TRUST_PROXY=true believes any X-Forwarded-For header, so a client that sends its own chooses its own rate-limit bucket (RATE_LIMIT_PER_MINUTE). Set TRUST_PROXY to the number of proxies in front of the service (such as 1) or to their addresses or CIDRs.',
    ]
  return []
}

const PREFIXES = (known: string[]) => new Set(known.filter((k) => k.includes('_')).map((k) => `${k.split('_')[0]}_`))

/** Variables set but not read that are a setting's name misspelt, with the setting each probably means. */
export function unknownVariables(env: Record<string, string | undefined>, known: string[]): string[] {
  const prefixes = PREFIXES(known)
  const out: string[] = []
  for (const name of Object.keys(env).sort()) {
    if (known.includes(name) || env[name] === undefined) continue
    const upper = name.toUpperCase()
    // Within two edits of a setting's name (one for the short ones), in any case.
    const near = known
      .map((k) => ({ k, d: editDistance(upper, k, 2) }))
      .filter(({ k, d }) => d <= (k.length <= 6 ? 1 : 2) && (upper !== name || d > 0))
      .sort((a, b) => a.d - b.d)[0]
    const prefixed = [...prefixes].some((p) => upper.startsWith(p))
    if (!near && !prefixed) continue
    out.push(
      near
        ? `${name} is not a setting of this service; did you mean ${near.k}? (${name} is ignored)`
        : `${name} is not a setting of this service and is ignored; the settings are listed in the README (${known.filter((k) => upper.startsWith(k.split('_')[0]!)).join(', ')})`,
    )
  }
  return out
}

/**
 * Why the server could not listen, naming the variable to change: a HOST that does not resolve
 * or is not on this machine, a PORT in use or not allowed.
 */
export function listenProblem(err: NodeJS.ErrnoException, config: Pick<Config, 'host' | 'port'>): string {
  switch (err.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST: "${config.host}" is not a name this machine can resolve; set HOST to an IP address of this machine (such as 0.0.0.0, 127.0.0.1 or ::) or a name that resolves to one`
    case 'EADDRNOTAVAIL':
      return `HOST: ${config.host} is not an address of this machine; set HOST to one of its addresses, or 0.0.0.0 for all`
    case 'EADDRINUSE':
      return `PORT: ${config.port} is already in use on ${config.host}; set PORT to a free port (0 picks one)`
    case 'EACCES':
      return `PORT: ${config.port} needs privileges this process lacks; set PORT to 1024 or above`
    default:
      return `HOST/PORT: cannot listen on ${config.host}:${config.port} (${err.message})`
  }
}
