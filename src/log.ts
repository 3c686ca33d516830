// What the logs may say about a request. No address appears in clear: an address is logged
// as a keyed hash (the same address gives the same hash under one key, so a helpdesk can
// correlate reports without the log holding the address), and paths are cut of anything that
// looks like one.
import { hash, randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { writeSync } from 'node:fs'
import type { FastifyBaseLogger } from 'fastify'
import type { Bindings, ChildLoggerOptions, DestinationStream, LogFn } from 'pino'

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
 * Standard output, a batch at a time: the lines logged in one turn of the event loop are written
 * together, by the main thread, at its end. Nothing is held back longer than that turn, so a
 * quiet service's lines appear as they happen.
 *
 * Not a write per line (that took a third of the service's throughput), and not sonic-boom's
 * asynchronous writes: each of those goes through libuv's thread pool, and handing a write to a
 * thread and taking its completion back cost more under load than the write itself (with one
 * core, ~15 µs a request). A reader that falls behind slows the service down to its pace when
 * the pipe blocks (a container's stdout usually does), as pino's own synchronous destination
 * would; a non-blocking pipe answers EAGAIN instead: what it did not take waits and is tried
 * again shortly, and above 64 MB waiting, as when nothing reads, lines are dropped rather than
 * the memory grown.
 *
 * When stdout cannot be written any more (its reader gone: EPIPE), logging stops with one line
 * on stderr (and a "broken" event), and the service goes on. What is left is written at exit.
 */
export function stdoutLog(): DestinationStream {
  // One per process, however many apps are built (tests build many): one exit flush for it.
  stdout ??= new BatchedLines(1)
  return stdout
}
let stdout: BatchedLines | undefined

const MAX_WAITING = 64 * 1024 * 1024
/** How long a batch the pipe refused (EAGAIN) waits before it is tried again. */
const RETRY_MS = 10

/** Lines to a file descriptor (stdout in production), a batch per turn of the event loop. */
export class BatchedLines extends EventEmitter implements DestinationStream {
  /** Lines logged since the last write, as one string (joined once, encoded once). */
  #lines = ''
  /** Bytes of an earlier batch that the pipe did not take yet. */
  #held: Buffer | null = null
  #scheduled = false
  #broken = false

  constructor(
    private readonly fd: number,
    private readonly maxWaiting = MAX_WAITING,
  ) {
    super()
    process.once('exit', () => this.#flushAtExit())
  }

  write(line: string): boolean {
    if (this.#broken) return true
    // Dropped while far too much waits (string length: UTF-16 units, at most the bytes).
    if (this.#lines.length + (this.#held?.length ?? 0) > this.maxWaiting) return true
    this.#lines += line
    if (!this.#scheduled) {
      this.#scheduled = true
      setImmediate(this.#flush)
    }
    return true
  }

  #flush = (): void => {
    this.#scheduled = false
    if (this.#broken || this.#writeOut() !== 'again') return
    // The pipe is full: try again shortly, with whatever has come in by then.
    this.#scheduled = true
    setTimeout(this.#flush, RETRY_MS)
  }

  /** Writes what waits; 'again' when the pipe took only part of it. */
  #writeOut(atExit = false): 'done' | 'again' | 'broken' {
    let data = this.#held
    if (this.#lines) {
      const fresh = Buffer.from(this.#lines)
      data = data ? Buffer.concat([data, fresh]) : fresh
      this.#lines = ''
    }
    this.#held = null
    let written = 0
    try {
      while (data && written < data.length) written += writeSync(this.fd, data, written)
      return 'done'
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        this.#held = data!.subarray(written)
        return 'again'
      }
      // At exit, quietly: there is nowhere left to say it either.
      if (atExit) this.#broken = true
      else this.#stop(err as Error)
      return 'broken'
    }
  }

  #stop(err: Error): void {
    this.#broken = true
    this.#lines = ''
    process.stderr.write(`email-prevalidation: cannot write logs to stdout (${err.message}); logging stopped\n`)
    this.emit('broken', err)
  }

  /** At exit, what is left: for a bounded time if the pipe is full, quietly if it cannot be written. */
  #flushAtExit(): void {
    const pause = new Int32Array(new SharedArrayBuffer(4))
    for (let tries = 0; tries < 200 && !this.#broken; tries++) {
      if (this.#writeOut(true) !== 'again') return
      Atomics.wait(pause, 0, 0, 5)
    }
  }
}
