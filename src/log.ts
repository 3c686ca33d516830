// What the logs may say about a request. No address appears in clear: an address is logged
// as a keyed hash (the same address gives the same hash under one key, so a helpdesk can
// correlate reports without the log holding the address), and paths are cut of anything that
// looks like one.
import { hash, randomBytes } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Bindings, ChildLoggerOptions, DestinationStream, LogFn } from 'pino'
import sonicBoom from 'sonic-boom'

export type EmailHasher = (email: string) => string

/**
 * SHA-256 of the key and the address, in one call. A keyed hash, because an unkeyed hash of an
 * address is reversed by hashing a list of candidate addresses; a random per-process key when
 * none is configured. Not an HMAC: what HMAC adds over a secret prefix is resistance to length
 * extension, which lets one who holds a hash make the hash of that same text with more appended.
 * That forges nothing here (no hash is ever checked) and reveals nothing: guessing an address
 * still needs the key. The one-shot hash costs a seventh of createHmac's on every logged check.
 */
export function emailHasher(key: string | undefined): EmailHasher {
  const k = key ?? randomBytes(32).toString('hex')
  return (email) => hash('sha256', k + email, 'hex').slice(0, 16)
}

/**
 * The request path without its query string, and with any segment that holds an at sign
 * replaced: "@", the full-width "＠" an IME types, or the small "﹫", raw or percent-encoded.
 */
export function safePath(url: string): string {
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  if (!path.includes('@') && !path.includes('%') && !path.includes('＠') && !path.includes('﹫')) return path
  return path
    .split('/')
    .map((seg) => (AT.test(decodeSegment(seg)) ? '[redacted]' : seg))
    .join('/')
}

const AT = /[@＠﹫]/

function decodeSegment(seg: string): string {
  try {
    return decodeURIComponent(seg)
  } catch {
    // Not valid percent-encoding: judge it by its raw bytes, an encoded "@" included.
    return seg.replace(/%40/gi, '@')
  }
}

/**
 * A request's logger, made only when something is logged through it. Fastify gives every
 * request a pino child bound to its id, which costs more than a microsecond even when nothing
 * is logged; the access line is written by the app's logger with the id itself, so most
 * requests never need the child.
 */
export function lazyChildLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyChild(parent, bindings, options)
}

// A class, not an object of closures: one is made per request.
class LazyChild implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined
  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}
  #made(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindings, this.options))
  }
  get level(): string {
    return this.#made().level
  }
  set level(level: string) {
    this.#made().level = level
  }
  fatal(...args: Parameters<LogFn>): void {
    this.#made().fatal(...args)
  }
  error(...args: Parameters<LogFn>): void {
    this.#made().error(...args)
  }
  warn(...args: Parameters<LogFn>): void {
    this.#made().warn(...args)
  }
  info(...args: Parameters<LogFn>): void {
    this.#made().info(...args)
  }
  debug(...args: Parameters<LogFn>): void {
    this.#made().debug(...args)
  }
  trace(...args: Parameters<LogFn>): void {
    this.#made().trace(...args)
  }
  silent(...args: Parameters<LogFn>): void {
    this.#made().silent(...args)
  }
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#made().child(bindings, options)
  }
}

/**
 * Standard output, written asynchronously: a line written synchronously per request took a
 * third of the service's throughput. Lines that arrive while a write is under way go out
 * together with the next; what is left is written at exit. Above 64 MB waiting, as when nothing
 * reads the output, lines are dropped rather than the memory grown.
 *
 * When stdout cannot be written any more (its reader gone: EPIPE), logging stops with one line
 * on stderr, and the service goes on. sonic-boom 5 rather than pino's own destination (sonic-boom
 * 4), whose flush at exit retried such a write forever: SIGTERM then never ended the process.
 */
export function stdoutLog(): DestinationStream {
  // One per process, however many apps are built (tests build many): one exit flush for it.
  stdout ??= openStdout()
  return stdout
}
let stdout: DestinationStream | undefined

function openStdout(): DestinationStream {
  // A CommonJS module: its class is a property of what the import gives.
  // Buffer mode, each line encoded once as it comes: in its string mode sonic-boom measures the
  // whole pending batch again with Buffer.byteLength for every line, which grows with the square
  // of the batch under load (7 µs a line in bursts of 2,000, against 0.5 µs so).
  const out = new sonicBoom.SonicBoom({ fd: 1, sync: false, maxLength: 64 * 1024 * 1024, contentMode: 'buffer' })
  const writeBuffer = out.write.bind(out) as unknown as (data: Buffer) => boolean
  out.write = (line: string) => writeBuffer(Buffer.from(line))
  let broken = false
  out.on('error', (err: Error) => {
    broken = true
    out.write = () => true
    process.stderr.write(`email-prevalidation: cannot write logs to stdout (${err.message}); logging stopped\n`)
  })
  process.once('exit', () => {
    try {
      if (!broken) out.flushSync()
    } catch {
      // Nowhere left to write them.
    }
  })
  return out
}
