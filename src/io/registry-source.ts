// Where the registry's bytes come from: a file (a mounted ConfigMap) or a URL (a system of
// record that publishes it, for registries past a ConfigMap's 1 MiB). The store checks and
// swaps; a source only delivers whole bytes, or fails, or says nothing has changed.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { Config } from '../config.js'
import { RegistryError } from '../core/registry-schema.js'
import { readRegistryBytes } from './registry-file.js'

export interface RegistryBytes {
  bytes: Buffer
  /** SHA-256 of the bytes: tells a changed registry from the same one delivered again. */
  hash: string
  /** Called by the store once these bytes serve (or were found to be the ones serving). */
  accepted(): void
}

export interface RegistrySource {
  /** What the registry is called in messages, logs and /readyz: a path, or a URL without its query or credentials. */
  readonly name: string
  readonly kind: 'file' | 'url'
  /** The whole registry, or null when the source says it has not changed since the last accepted read (an HTTP 304). */
  read(): Promise<RegistryBytes | null>
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

export function fileSource(file: string): RegistrySource {
  return {
    name: file,
    kind: 'file',
    async read() {
      const bytes = await readRegistryBytes(file)
      return { bytes, hash: sha256(bytes), accepted: () => {} }
    },
  }
}

/**
 * Largest registry body taken from a URL. A million domains are ~85 MB (bench/scale.ts); a body
 * past this is refused before it is read, so a wrong URL cannot fill the memory.
 */
export const MAX_REGISTRY_BYTES = 512 * 1024 * 1024

export interface UrlSourceOptions {
  /** File whose content is the Authorization header (a mounted Secret); read for every request. */
  authorizationFile?: string | undefined
  timeoutMs: number
  /** Largest body taken; MAX_REGISTRY_BYTES unless a test says otherwise. */
  maxBytes?: number
}

/**
 * A registry published over HTTP(S). Each read is a conditional GET with the validators of the
 * last accepted response, so an unchanged registry costs a 304. A response counts only when its
 * body arrived whole (undici fails a body cut short of its Content-Length or of its last chunk,
 * and the length is checked again here); the validators are kept only once the store accepted
 * the body, so a registry that failed its checks is fetched and checked again next time.
 */
export function urlSource(url: URL, { authorizationFile, timeoutMs, maxBytes = MAX_REGISTRY_BYTES }: UrlSourceOptions): RegistrySource {
  const name = `${url.origin}${url.pathname}`
  let etag: string | null = null
  let lastModified: string | null = null
  const fail = (problem: string): never => {
    throw new RegistryError(name, [problem])
  }
  return {
    name,
    kind: 'url',
    async read() {
      const headers: Record<string, string> = { accept: 'application/json' }
      if (etag) headers['if-none-match'] = etag
      if (lastModified) headers['if-modified-since'] = lastModified
      if (authorizationFile) headers.authorization = await readAuthorization(authorizationFile, name)
      const signal = AbortSignal.timeout(timeoutMs)
      let response: Response
      try {
        response = await fetch(url, { headers, signal, redirect: 'follow' })
      } catch (err) {
        return fail(`cannot be fetched (${describeFetchError(err, timeoutMs)})`)
      }
      // A 304 has no body (fetch gives null): nothing to drain.
      if (response.status === 304) return null
      if (response.status !== 200) {
        await response.body?.cancel()
        return fail(`cannot be fetched (HTTP ${response.status})`)
      }
      const declared = response.headers.get('content-length')
      const length = declared === null ? null : Number(declared)
      if (length !== null && length > maxBytes) {
        await response.body?.cancel()
        return fail(`is ${length} bytes, more than the ${maxBytes} taken from a URL`)
      }
      let bytes: Buffer
      let hash: string
      try {
        ;({ bytes, hash } = await readBody(response, length, maxBytes))
      } catch (err) {
        return fail(`was not received whole (${describeFetchError(err, timeoutMs)})`)
      }
      const tag = response.headers.get('etag')
      const modified = response.headers.get('last-modified')
      return {
        bytes,
        hash,
        accepted: () => {
          etag = tag
          lastModified = modified
        },
      }
    },
  }
}

/**
 * The body as one Buffer, hashed as it arrives. With a Content-Length the Buffer is allocated
 * once at its size and the chunks are copied into it, so the registry is never held twice.
 */
async function readBody(response: Response, length: number | null, maxBytes: number): Promise<{ bytes: Buffer; hash: string }> {
  const hash = createHash('sha256')
  const chunks: Buffer[] = []
  const whole = length === null ? null : Buffer.allocUnsafe(length)
  let received = 0
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    received += chunk.byteLength
    // With a Content-Length, undici delivers no more than it says.
    if (received > maxBytes) throw new Error(`more than the ${maxBytes} bytes taken from a URL`)
    hash.update(chunk)
    if (whole) whole.set(chunk, received - chunk.byteLength)
    else chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
  }
  // undici already fails a body cut short; this is the check should a transport not.
  /* c8 ignore next -- undici ends such a body with an error, which the caller reports */
  if (whole && received !== length) throw new Error(`${received} of ${length} bytes`)
  return { bytes: whole ?? Buffer.concat(chunks, received), hash: hash.digest('hex') }
}

async function readAuthorization(file: string, name: string): Promise<string> {
  let value: string
  try {
    value = (await readFile(file, 'utf8')).trim()
  } catch (err) {
    throw new RegistryError(name, [`cannot be fetched: the Authorization file cannot be read (${(err as NodeJS.ErrnoException).code})`])
  }
  if (value === '' || /[\r\n]/.test(value)) throw new RegistryError(name, ['cannot be fetched: the Authorization file must hold one non-empty line'])
  return value
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: Error & { code?: string } }
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no complete answer within ${timeoutMs / 1000} s`
  const cause = e.cause
  return cause ? (cause.code ?? cause.message) : e.message
}

/** The configured source: PARTNERS_URL when set, else PARTNERS_FILE. */
export function registrySource(config: Pick<Config, 'partnersFile' | 'partnersUrl' | 'partnersUrlAuthorizationFile' | 'partnersUrlTimeoutMs'>): RegistrySource {
  if (!config.partnersUrl) return fileSource(config.partnersFile)
  return urlSource(config.partnersUrl, { authorizationFile: config.partnersUrlAuthorizationFile, timeoutMs: config.partnersUrlTimeoutMs })
}
