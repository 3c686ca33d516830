import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import { buildApp, type BuildOptions } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { loadBaseLists } from '../../src/io/lists.js'
import { compileRegistry } from '../../src/core/registry-compiler.js'
import { loadRegistryFile } from '../../src/io/registry-file.js'
import type { CheckContext } from '../../src/core/check.js'

export const FIXTURE_REGISTRY = fileURLToPath(new URL('../fixtures/partners.json', import.meta.url))

/** The production app, built from an environment as the server builds it, closed after the test. */
export async function build(t: Test, env: Record<string, string> = {}, options: BuildOptions = {}) {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', PARTNERS_FILE: FIXTURE_REGISTRY, ...env }), options)
  t.teardown(() => app.close())
  return app
}

/** A check context over the fixture registry, or over a registry given inline. */
export async function context(registry?: unknown, allowSmtputf8 = false): Promise<CheckContext> {
  const lists = await loadBaseLists()
  const compiled = registry === undefined ? await loadRegistryFile(FIXTURE_REGISTRY, lists) : compileRegistry(registry, lists, 'inline')
  return { lists, registry: compiled, options: { allowSmtputf8, roleAccounts: 'warn' } }
}

/** A log destination that keeps every line, for tests that read what was logged. */
export function logCapture() {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString())
      cb()
    },
  })
  return {
    stream,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  }
}

/** Waits, turn by turn of the event loop, until `done()` holds; fails after `ms` (a bound, not a timing). */
export async function until(done: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`gave up after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** The inject options of POST /validate-email with this email (any JSON value). */
export const postEmail = (email: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  url: '/validate-email',
  headers: { 'content-type': 'application/json', ...headers },
  payload: JSON.stringify({ email }),
})
