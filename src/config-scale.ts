// The settings for running past one instance (issue 23): a rate limit shared through Redis and
// a registry fetched over HTTP. They live beside config.ts, which spreads them into its one
// schema, so that loadConfig still parses the environment once.
import { z } from 'zod'

const seconds = (name: string, min: number, max: number, fallback: number, description: string) =>
  z.coerce
    .number({ error: `${name} must be a number of seconds` })
    .int(`${name} must be a whole number of seconds`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback)
    .describe(description)

/** A URL of one of the given schemes; the message names the variable and never echoes the value (it may hold a password). */
const url = (name: string, schemes: readonly string[], example: string) =>
  z
    .string()
    .refine((v) => URL.canParse(v) && schemes.includes(new URL(v).protocol), `${name} must be a URL such as ${example}`)
    .transform((v) => new URL(v))

export const registrySourceEnv = {
  PARTNERS_URL: url('PARTNERS_URL', ['http:', 'https:'], 'https://registry.example.co.jp/partners.json')
    .optional()
    .describe('Load the registry from this URL (http or https) instead of PARTNERS_FILE, which is then not read; asked again every PARTNERS_POLL_SECONDS with If-None-Match/If-Modified-Since.'),
  PARTNERS_URL_AUTHORIZATION_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('File (a mounted Secret) whose content is sent as the Authorization header to PARTNERS_URL, e.g. "Bearer …"; read again for every request, so a rotated Secret is picked up.'),
  PARTNERS_URL_TIMEOUT_SECONDS: seconds('PARTNERS_URL_TIMEOUT_SECONDS', 1, 600, 60, 'Longest time one download of PARTNERS_URL may take, body included; past it the download fails and the last good registry keeps serving.'),
}

export const rateLimitStoreEnv = {
  RATE_LIMIT_REDIS_URL: url('RATE_LIMIT_REDIS_URL', ['redis:', 'rediss:'], 'redis://redis:6379/0')
    .optional()
    .describe('Redis (or Valkey) that keeps the rate-limit counts, shared by every replica pointed at it: redis://[user:password@]host:port[/db], rediss:// for TLS. Unset: each replica counts on its own.'),
  RATE_LIMIT_REDIS_TIMEOUT_MS: z.coerce
    .number({ error: 'RATE_LIMIT_REDIS_TIMEOUT_MS must be a number of milliseconds' })
    .int('RATE_LIMIT_REDIS_TIMEOUT_MS must be a whole number of milliseconds')
    .min(10, 'RATE_LIMIT_REDIS_TIMEOUT_MS must be at least 10')
    .max(10_000, 'RATE_LIMIT_REDIS_TIMEOUT_MS must be at most 10000')
    .default(250)
    .describe('Longest wait for Redis on a request; past it, or while Redis is unreachable, the request is let through (fail open) and rate_limit_store_failures_total counts it.'),
}

type Env<S extends z.core.$ZodLooseShape> = z.output<z.ZodObject<S>>

export function registrySourceConfig(e: Env<typeof registrySourceEnv>) {
  return {
    /** When set, the registry comes from here and partnersFile is not read. */
    partnersUrl: e.PARTNERS_URL,
    partnersUrlAuthorizationFile: e.PARTNERS_URL_AUTHORIZATION_FILE,
    partnersUrlTimeoutMs: e.PARTNERS_URL_TIMEOUT_SECONDS * 1000,
  }
}

export function rateLimitStoreConfig(e: Env<typeof rateLimitStoreEnv>) {
  return { rateLimitRedisUrl: e.RATE_LIMIT_REDIS_URL, rateLimitRedisTimeoutMs: e.RATE_LIMIT_REDIS_TIMEOUT_MS }
}
