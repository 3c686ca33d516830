// Configuration is read from the environment once, here, and validated by one zod schema;
// everything else receives the typed result. A bad value stops the service at start with a
// message that names the variable.
import { join } from 'node:path'
import { z } from 'zod'
import { DATA_DIR } from './paths.js'

export const SAMPLE_PARTNERS_FILE = join(DATA_DIR, 'partners.sample.json')

const bool = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: `${name} must be true or false` })
    .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on')

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
  })
  .transform((e) => ({
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    partnersFile: e.PARTNERS_FILE,
    /** Accept a non-ASCII local part (RFC 6531). */
    allowSmtputf8: e.ALLOW_SMTPUTF8,
    bodyLimit: e.BODY_LIMIT,
    /** Key for the HMAC that stands in for addresses in logs; random per process when unset. */
    logHashKey: e.LOG_HASH_KEY,
  }))

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
