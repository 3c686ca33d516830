// The HTTP server's connections, for a graceful stop that loses no request (as nginx's graceful
// quit and Envoy's drain do) and for early error answers that the client gets to read (as
// nginx's lingering_close).
//
// Node's server.close() destroys every keep-alive connection that is idle at that instant; a
// client that is writing its next request on one at that moment gets a reset instead of an
// answer. Here, once draining, a connection is closed only after its next answer (which says
// "Connection: close") or after it has been quiet for DRAIN_QUIET_MS, and then with a FIN.
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/** How long an idle connection must have been quiet before a draining server closes it. */
export const DRAIN_QUIET_MS = 1000
/** The listener closes once no connection has come for this long, or after LISTEN_MAX_MS. */
export const LISTEN_QUIET_MS = 250
export const LISTEN_MAX_MS = 5000
/**
 * A lingering close reads and discards at most this much, for at most this long: enough for a
 * client on a fast link to finish sending an oversized body, and nothing an attacker can use but
 * its own time (nginx: lingering_time 30 s, lingering_timeout 5 s).
 */
export const LINGER_MAX_BYTES = 64 * 1024 * 1024
export const LINGER_MAX_MS = 5000

interface State {
  /** Requests on this connection not yet answered (pipelining aside, 0 or 1). */
  busy: number
  /** When the connection last carried data either way, or became idle. */
  lastActivity: number
}

/** Where an answer keeps its connection's state, for the listeners every answer shares. */
const STATE = Symbol('connection state')
type Answer = ServerResponse & { [STATE]?: State }

export interface Connections {
  /**
   * Closes connections gracefully from now on. Resolves when the listener may close: once no
   * new connection has come for a quiet moment, so that none waiting to be accepted is reset.
   */
  drain(): Promise<void>
  /** Open connections (for tests and metrics). */
  readonly size: number
}

export interface ConnectionOptions {
  now?: () => number
  lingerMaxBytes?: number
  lingerMaxMs?: number
}

/**
 * Ends a connection after its last answer without losing that answer: the answer is sent with a
 * FIN, and the connection stays half-open until the client closes its side, for at most `maxMs`.
 * Closing at once with unread bytes in the kernel's buffer would send a reset, and the client's
 * kernel would drop the answer it has not read yet. Where the socket's bytes come as 'data'
 * (after a parse error) they are read and dropped, up to `maxBytes`; after an HTTP answer Node's
 * parser owns the reads, and the rest of the body waits unread in the buffers until the end.
 */
export function lingeringEnd(socket: Socket, data?: string, maxBytes = LINGER_MAX_BYTES, maxMs = LINGER_MAX_MS): void {
  let bytes = 0
  const stop = (): void => {
    clearTimeout(timer)
    socket.destroy()
  }
  const timer = setTimeout(stop, maxMs)
  socket.on('data', (d: Buffer) => {
    bytes += d.length
    if (bytes > maxBytes) stop()
  })
  socket.once('end', stop)
  socket.once('close', () => clearTimeout(timer))
  socket.resume()
  if (data === undefined) socket.end()
  else socket.end(data)
}

export function trackConnections(server: Server, options: ConnectionOptions = {}): Connections {
  const { now = Date.now, lingerMaxBytes = LINGER_MAX_BYTES, lingerMaxMs = LINGER_MAX_MS } = options
  const open = new Map<Socket, State>()
  let draining = false
  let lastConnection = now()

  const touch = (socket: Socket) => () => {
    const state = open.get(socket)
    if (state) state.lastActivity = now()
  }
  server.on('connection', (socket: Socket) => {
    lastConnection = now()
    open.set(socket, { busy: 0, lastActivity: lastConnection })
    socket.once('close', () => open.delete(socket))
    // Bytes of a request whose headers are not complete yet: the client is writing.
    if (draining) socket.on('data', touch(socket))
  })
  // An answer before the request's body is all in (413, 415, an early 400): should Node close
  // the connection after it (destroySoon), it lingers instead.
  function onPrefinish(this: Answer): void {
    const req = this.req
    if (!req.complete) {
      const socket = req.socket
      socket.destroySoon = () => lingeringEnd(socket, undefined, lingerMaxBytes, lingerMaxMs)
    }
  }
  function onClose(this: Answer): void {
    const state = this[STATE]!
    state.busy--
    state.lastActivity = now()
  }
  // First, so that an answer the handler sends at once is seen too. The listeners are the same
  // two functions for every answer, finding their state on it, and each event comes once:
  // closures and once-wrappers for every request showed under load (allocation and removal).
  server.prependListener('request', (req: IncomingMessage, res: Answer) => {
    const state = open.get(req.socket)
    /* c8 ignore next -- every request comes on a connection seen above */
    if (!state) return
    state.busy++
    res[STATE] = state
    res.on('prefinish', onPrefinish)
    res.on('close', onClose)
  })

  const closeQuiet = (): void => {
    const t = now()
    for (const [socket, state] of open) {
      if (state.busy > 0 || t - state.lastActivity < DRAIN_QUIET_MS || socket.writableEnded) continue
      // A FIN, not a reset; and a bound on a peer that never closes its side.
      socket.end()
      setTimeout(() => socket.destroy(), DRAIN_QUIET_MS).unref()
    }
  }

  return {
    get size() {
      return open.size
    },
    async drain() {
      // A server that never listened (tests that inject) has no connection to drain.
      if (draining || !server.listening) return
      draining = true
      for (const socket of open.keys()) socket.on('data', touch(socket))
      // server.close() calls this to reset the idle connections at once: closeQuiet does it
      // gracefully instead.
      server.closeIdleConnections = () => {}
      const sweep = setInterval(closeQuiet, DRAIN_QUIET_MS / 4)
      sweep.unref()
      server.once('close', () => clearInterval(sweep))
      const until = now() + LISTEN_MAX_MS
      while (server.listening && now() - lastConnection < LISTEN_QUIET_MS && now() < until) {
        await new Promise((resolve) => setTimeout(resolve, LISTEN_QUIET_MS / 4))
      }
    },
  }
}

/**
 * Runs `write` once this turn of the event loop has read what arrived, with every other write
 * queued in the same turn, in order. The sign-up route's answers go out through it: under load
 * many requests arrive in one turn, and answering each as soon as it is checked wakes the peer
 * (a load balancer, a portal's server) once an answer, a cost its sender pays in the kernel on
 * every write. Written together, the first answer wakes it and the rest find it awake: measured
 * with the benchmark's load generator, ~45 µs of CPU a request instead of ~65, with a lower p99.
 * An answer waits for at most the rest of its turn's checks; alone, for one hop of the loop.
 * `write` must not throw: nothing after it could answer its request.
 */
export function atTurnEnd(write: () => void): void {
  if (turnWrites.push(write) === 1) setImmediate(writeTurn)
}

let turnWrites: (() => void)[] = []

function writeTurn(): void {
  const writes = turnWrites
  turnWrites = []
  for (const write of writes) write()
}
