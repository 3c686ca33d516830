// Keeps the partner registry current while the service runs. A new registry is read, parsed
// and checked completely, then swapped in with one assignment: a request reads the store once
// and so sees either the old registry or the new one, never half of one. A registry that fails
// its checks leaves the last good one serving.
//
// Kubernetes updates a mounted ConfigMap by swapping a `..data` symlink in the mount folder,
// not by writing the file, so the folder is watched rather than the file; a slow poll of the
// file's identity backs the watch up on file systems that report nothing.
import { EventEmitter } from 'node:events'
import { watch, type FSWatcher } from 'node:fs'
import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { BaseLists } from '../core/lists.js'
import { parseRegistryText } from '../core/registry-compiler.js'
import type { CompiledRegistry } from '../core/registry-schema.js'
import { fileSource, type RegistrySource } from './registry-source.js'

export interface LoadResult {
  trigger: string
  at: Date
  ok: boolean
  /** The registry was the same as the one serving: nothing was swapped. */
  unchanged: boolean
  error?: string
  durationMs: number
}

export interface RegistryStoreEvents {
  load: [LoadResult]
  /** After each poll of the file: whether it saw a change (and so scheduled a reload). */
  poll: [boolean]
}

/** Waits this long after the last change event, so a file being written is read once it is done. */
const SETTLE_MS = 100

export class RegistryStore extends EventEmitter<RegistryStoreEvents> {
  #current: CompiledRegistry
  #hash: string
  #loadedAt: Date
  #last: LoadResult
  #running: Promise<void> | null = null
  #again = false
  #watcher: FSWatcher | null = null
  #timer: NodeJS.Timeout | null = null
  #poller: NodeJS.Timeout | null = null
  #signature = ''

  private constructor(
    readonly source: RegistrySource,
    private readonly lists: BaseLists,
    registry: CompiledRegistry,
    hash: string,
    result: LoadResult,
  ) {
    super()
    this.#current = registry
    this.#hash = hash
    this.#loadedAt = result.at
    this.#last = result
  }

  /** Loads the registry for the first time; a registry that is not valid throws RegistryError. */
  static async open(from: string | RegistrySource, lists: BaseLists): Promise<RegistryStore> {
    const source = typeof from === 'string' ? fileSource(from) : from
    const started = performance.now()
    // A source asked for the first time has nothing to compare with: it never answers "unchanged".
    const read = (await source.read())!
    const registry = parseRegistryText(decode(read.bytes), source.name, lists)
    read.accepted()
    const at = new Date()
    return new RegistryStore(source, lists, registry, read.hash, { trigger: 'start', at, ok: true, unchanged: false, durationMs: performance.now() - started })
  }

  /** The registry file's path; for a URL source, its name. */
  get file(): string {
    return this.source.name
  }

  get current(): CompiledRegistry {
    return this.#current
  }

  get loadedAt(): Date {
    return this.#loadedAt
  }

  get lastLoad(): LoadResult {
    return this.#last
  }

  /** Reads and checks the file again; resolves when done. Concurrent calls coalesce. */
  reload(trigger: string): Promise<void> {
    if (this.#running) {
      this.#again = true
      return this.#running
    }
    this.#running = (async () => {
      do {
        this.#again = false
        await this.#load(trigger)
      } while (this.#again)
      this.#running = null
    })()
    return this.#running
  }

  async #load(trigger: string): Promise<void> {
    const started = performance.now()
    const at = new Date()
    let result: LoadResult
    try {
      const read = await this.source.read()
      if (!read) {
        // An HTTP 304: nothing was downloaded. A poll says so as a poll, not as a load.
        if (trigger === URL_POLL) {
          this.emit('poll', false)
          return
        }
        result = { trigger, at, ok: true, unchanged: true, durationMs: performance.now() - started }
      } else if (read.hash === this.#hash) {
        read.accepted()
        result = { trigger, at, ok: true, unchanged: true, durationMs: performance.now() - started }
      } else {
        const { hash } = read
        const registry = parseRegistryText(decode(read.bytes), this.source.name, this.lists)
        read.accepted()
        // The swap: one assignment, after every check has passed.
        this.#current = registry
        this.#hash = hash
        this.#loadedAt = at
        result = { trigger, at, ok: true, unchanged: false, durationMs: performance.now() - started }
      }
      if (trigger === URL_POLL) this.emit('poll', true)
    } catch (err) {
      result = { trigger, at, ok: false, unchanged: false, error: (err as Error).message, durationMs: performance.now() - started }
    }
    this.#last = result
    this.emit('load', result)
  }

  /**
   * Watches the registry's folder (events) and polls the file's identity every pollSeconds
   * (0: never); both only schedule a reload. Until close(), the watch keeps the process alive.
   */
  watch({ events, pollSeconds }: { events: boolean; pollSeconds: number }): void {
    if (this.source.kind === 'url') {
      // A URL is only polled: each poll is a conditional GET, and a 304 swaps nothing.
      if (pollSeconds > 0) {
        this.#poller = setInterval(() => void this.reload(URL_POLL), pollSeconds * 1000)
        this.#poller.unref()
      }
      return
    }
    if (events) {
      try {
        this.#watcher = watch(dirname(this.file), () => this.#schedule('file change'))
        /* c8 ignore next 2 -- some platforms report the watched folder going away as an error
           (Linux reports a rename); the watch ends, and the poll still sees what follows */
        this.#watcher.on('error', () => this.#stopWatcher())
      } catch {
        // The folder is gone already: the poll, if any, will notice it coming back.
        this.#watcher = null
      }
    }
    if (pollSeconds > 0) {
      void this.#fileSignature().then((s) => (this.#signature = s))
      this.#poller = setInterval(() => void this.#poll(), pollSeconds * 1000)
      this.#poller.unref()
    }
  }

  async #poll(): Promise<void> {
    const signature = await this.#fileSignature()
    const changed = signature !== this.#signature
    if (changed) {
      this.#signature = signature
      this.#schedule('file change (poll)')
    }
    this.emit('poll', changed)
  }

  /** What identifies the file's content without reading it: follows symlinks, as a read does. */
  async #fileSignature(): Promise<string> {
    try {
      const s = await stat(this.file)
      return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`
    } catch (err) {
      return `error:${(err as NodeJS.ErrnoException).code}`
    }
  }

  #schedule(trigger: string): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = null
      void this.reload(trigger)
    }, SETTLE_MS)
  }

  #stopWatcher(): void {
    this.#watcher?.close()
    this.#watcher = null
  }

  /** Stops watching and waits for a reload under way. */
  async close(): Promise<void> {
    this.#stopWatcher()
    if (this.#timer) clearTimeout(this.#timer)
    if (this.#poller) clearInterval(this.#poller)
    this.#timer = null
    this.#poller = null
    await this.#running
  }
}

/** The trigger of a URL poll, whose 304s are polls that saw no change rather than loads. */
const URL_POLL = 'url poll'

/**
 * The bytes are decoded only when their hash differs from the serving registry's: an unchanged
 * registry read again (a SIGHUP, a ConfigMap update that changed nothing, a server that ignores
 * If-None-Match) costs a read and a hash, not a decode (for 85 MB, ~0.2 s). One decode into one
 * string: see readRegistryFile.
 */
const decode = (bytes: Buffer): string => bytes.toString('utf8')
