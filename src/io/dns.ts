// The deliverability check's DNS client: MX, else A/AAAA (RFC 5321 5.1), a null MX (RFC 7505)
// and a missing domain recognised, every answer cached for its TTL (an unknown one briefly),
// every lookup within one time budget and every request within its own deadline. Node's own
// resolver gives no TTL for MX records, hence a small client of our own with dns-packet.
// It believes only its server: a connected UDP socket (the kernel drops datagrams from any other
// address or port), an id from a cryptographic source, and an answer only to the very question
// asked (name, type, class). A truncated answer (TC) is asked again over TCP (RFC 7766).
// A lookup never throws and never outlives its budget.
import { randomInt } from 'node:crypto'
import { createSocket } from 'node:dgram'
import { getServers } from 'node:dns'
import { connect, isIPv6 } from 'node:net'
import type { Answer, Packet } from 'dns-packet'
import type { Deliverability } from '../core/types.js'
export type { Deliverability }

export interface Resolver {
  host: string
  port: number
}

/** "1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353" to host and port. */
export function parseResolver(s: string): Resolver {
  const v6 = /^\[(.+)\](?::(\d+))?$/.exec(s)
  if (v6) return { host: v6[1]!, port: Number(v6[2] ?? 53) }
  const colons = s.split(':').length - 1
  if (colons === 1) {
    const [host, port] = s.split(':')
    return { host: host!, port: Number(port) }
  }
  return { host: s, port: 53 }
}

interface CacheEntry {
  result: Omit<Deliverability, 'cached'>
  expires: number
}

const MIN_TTL = 1
const MAX_TTL = 3600
const NEGATIVE_TTL = 60
/** An unknown answer (timeout, SERVFAIL) is kept this long: a repeat does not pay the wait again. */
export const UNKNOWN_TTL = 30
const CACHE_SIZE = 10_000

type Lookup = Omit<Deliverability, 'cached'> & { ttl: number }


export class DeliverabilityChecker {
  readonly servers: readonly Resolver[]
  readonly #cache = new Map<string, CacheEntry>()
  readonly #inflight = new Map<string, Promise<Omit<Deliverability, 'cached'>>>()
  /** Lookups that went to DNS (cache misses not shared with one in flight), for the metrics. */
  lookups = 0

  constructor(
    servers: readonly string[],
    readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
    private readonly cacheSize = CACHE_SIZE,
  ) {
    this.servers = (servers.length ? servers : getServers()).map(parseResolver)
  }

  /**
   * Looks a lower-case ASCII domain up; repeated and concurrent lookups of one domain share one.
   * Answers by `deadline` (the request's) whatever DNS does: past it, unknown; the lookup itself
   * goes on within its own budget and its answer is cached for the next request.
   */
  async check(domain: string, deadline = this.now() + this.timeoutMs): Promise<Deliverability> {
    const hit = this.#cache.get(domain)
    if (hit && hit.expires > this.now()) return { ...hit.result, cached: true }
    let pending = this.#inflight.get(domain)
    if (!pending) {
      if (deadline <= this.now()) return { ...TIMED_OUT }
      this.lookups++
      pending = this.#lookup(domain).then((found) => {
        this.#inflight.delete(domain)
        const { ttl, ...result } = found
        if (this.#cache.size >= this.cacheSize) this.#cache.delete(this.#cache.keys().next().value!)
        this.#cache.set(domain, { result, expires: this.now() + ttl * 1000 })
        return result
      })
      this.#inflight.set(domain, pending)
    }
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<null>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - this.now()), null)))
    const result = await Promise.race([pending, late])
    clearTimeout(timer)
    return result ? { ...result, cached: false } : { ...TIMED_OUT }
  }

  async #lookup(domain: string): Promise<Lookup> {
    const deadline = this.now() + this.timeoutMs
    const mx = await this.#query(domain, 'MX', deadline)
    if (typeof mx === 'string') return { status: 'unknown', detail: mx, mailHosts: [], ttl: UNKNOWN_TTL }
    if (mx.rcode === 'NXDOMAIN') return { status: 'no-mail-server', detail: 'no-domain', mailHosts: [], ttl: negativeTtl(mx) }
    const records = mx.answers!.filter((a) => a.type === 'MX') as { ttl: number; data: { preference: number; exchange: string } }[]
    if (records.length > 0) {
      const ttl = clamp(Math.min(...records.map((r) => r.ttl)))
      const hosts = records
        .map((r) => r.data)
        .sort((a, b) => a.preference - b.preference)
        .map((d) => d.exchange.replace(/\.$/, ''))
      // RFC 7505: a single MX of preference 0 with the root as exchange says "no mail here".
      if (hosts.length === 1 && hosts[0] === '') return { status: 'no-mail-server', detail: 'null-mx', mailHosts: [], ttl }
      return { status: 'deliverable', detail: 'mx', mailHosts: hosts.filter(Boolean), ttl }
    }
    // No MX: the domain's own address is its mail host (RFC 5321 5.1).
    const both = await Promise.all([this.#query(domain, 'A', deadline), this.#query(domain, 'AAAA', deadline)])
    const answered = both.filter((r): r is DnsAnswer => typeof r !== 'string')
    const addresses = answered.flatMap((r) => r.answers!).filter((x) => ADDRESS_TYPES.includes(x.type)) as { ttl: number }[]
    if (addresses.length > 0) return { status: 'deliverable', detail: 'address-fallback', mailHosts: [], ttl: clamp(Math.min(...addresses.map((x) => x.ttl))) }
    /* c8 ignore next -- MX answered but neither A nor AAAA within the budget: no test server does that on cue */
    if (answered.length === 0) return { status: 'unknown', detail: both[0] as 'timeout' | 'dns-error', mailHosts: [], ttl: UNKNOWN_TTL }
    return { status: 'no-mail-server', detail: 'no-records', mailHosts: [], ttl: negativeTtl(mx) }
  }

  /**
   * One question, tried on each resolver in turn until one answers or the deadline passes:
   * the answer, or why there is none (no answer in time, or only errors such as SERVFAIL).
   */
  async #query(name: string, type: 'MX' | 'A' | 'AAAA', deadline: number): Promise<DnsAnswer | 'timeout' | 'dns-error'> {
    const perAttempt = Math.max(100, Math.floor(this.timeoutMs / (2 * this.servers.length)))
    let failure: 'timeout' | 'dns-error' = 'timeout'
    for (let attempt = 0; attempt < 2 * this.servers.length; attempt++) {
      const left = deadline - this.now()
      if (left <= 0) break
      const server = this.servers[attempt % this.servers.length]!
      const packet = await exchange(await dnsCodec(), server, name, type, Math.min(perAttempt, left))
      if (packet === 'error') failure = 'dns-error'
      else if (packet?.rcode === 'NOERROR' || packet?.rcode === 'NXDOMAIN') return packet as DnsAnswer
      else if (packet) failure = 'dns-error'
    }
    return failure
  }
}

const TIMED_OUT: Deliverability = { status: 'unknown', detail: 'timeout', mailHosts: [], cached: false }

type DnsAnswer = Packet & { rcode: 'NOERROR' | 'NXDOMAIN' }
const ADDRESS_TYPES = ['A', 'AAAA']

const clamp = (ttl: number): number => Math.min(MAX_TTL, Math.max(MIN_TTL, ttl))

/** RFC 2308: a negative answer is cached for the SOA's minimum, within bounds. */
export function negativeTtl(packet: Packet): number {
  const soa = packet.authorities!.find((a) => a.type === 'SOA') as { ttl: number; data: { minimum: number } } | undefined
  return clamp(soa ? Math.min(soa.ttl, soa.data.minimum) : NEGATIVE_TTL)
}

type DnsCodec = typeof import('dns-packet')
let codec: Promise<DnsCodec> | undefined
// Loaded on the first lookup: the check is opt-in, and the module costs a cold start ~15 ms.
const dnsCodec = (): Promise<DnsCodec> => (codec ??= import('dns-packet').then((m) => m.default))

/** The reply; null when none came in time; 'error' when the exchange failed (a closed port). */
type Reply = (Packet & { rcode?: string; flag_tc?: boolean }) | null | 'error'
type QType = 'MX' | 'A' | 'AAAA'

/** One question to one server: over UDP, and again over TCP if the UDP answer is truncated. */
async function exchange(codec: DnsCodec, server: Resolver, name: string, type: QType, timeoutMs: number): Promise<Reply> {
  const until = Date.now() + timeoutMs
  const reply = await udpQuery(codec, server, name, type, timeoutMs)
  if (reply === null || reply === 'error' || !reply.flag_tc) return reply
  return tcpQuery(codec, server, name, type, Math.max(0, until - Date.now()))
}

function encodeQuery(codec: DnsCodec, id: number, name: string, type: QType): Buffer {
  return codec.encode({
    type: 'query',
    id,
    flags: codec.RECURSION_DESIRED,
    questions: [{ type, name, class: 'IN' }],
    // EDNS0 with a 4 KB buffer, so that long MX lists are rarely truncated.
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 4096 } as unknown as Answer],
  })
}

/** A reply to our query: our id, a response, and the very question we asked. */
function answers(reply: Packet, id: number, name: string, type: QType): boolean {
  const q = reply.questions
  const n = (s: string): string => s.toLowerCase().replace(/\.$/, '')
  return (
    reply.id === id &&
    reply.type === 'response' &&
    q?.length === 1 &&
    q[0]!.type === type &&
    q[0]!.class === 'IN' &&
    n(q[0]!.name) === n(name)
  )
}

function udpQuery(codec: DnsCodec, server: Resolver, name: string, type: QType, timeoutMs: number): Promise<Reply> {
  return new Promise((resolve) => {
    const socket = createSocket(isIPv6(server.host) ? 'udp6' : 'udp4')
    const id = randomInt(0, 0x10000)
    // Called once: the timer is cleared and the listeners are gone after the first call.
    const finish = (value: Reply): void => {
      clearTimeout(timer)
      socket.removeAllListeners()
      socket.close()
      resolve(value)
    }
    const timer = setTimeout(() => finish(null), timeoutMs)
    // A closed port (ICMP unreachable) on a connected socket: an error at once, not a timeout.
    socket.on('error', () => finish('error'))
    socket.on('message', (msg) => {
      try {
        const reply = codec.decode(msg) as Packet
        if (answers(reply, id, name, type)) finish(reply)
      } catch {
        // A malformed packet is no answer; wait for the real one or the timeout.
      }
    })
    // Connected: only datagrams from the server's address and port reach this socket.
    socket.connect(server.port, server.host, () => socket.send(encodeQuery(codec, id, name, type)))
  })
}

/** RFC 7766: the same question over TCP, each message after its 2-byte length. */
function tcpQuery(codec: DnsCodec, server: Resolver, name: string, type: QType, timeoutMs: number): Promise<Reply> {
  return new Promise((resolve) => {
    const id = randomInt(0, 0x10000)
    const socket = connect(server.port, server.host)
    let received = Buffer.alloc(0)
    const finish = (value: Reply): void => {
      clearTimeout(timer)
      socket.removeAllListeners()
      socket.destroy()
      resolve(value)
    }
    const timer = setTimeout(() => finish(null), timeoutMs)
    socket.on('error', () => finish('error'))
    socket.on('close', () => finish('error'))
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      if (received.length < 2 || received.length < 2 + received.readUInt16BE(0)) return
      try {
        const reply = codec.decode(received.subarray(2, 2 + received.readUInt16BE(0)))
        finish(answers(reply, id, name, type) ? reply : 'error')
      } catch {
        finish('error')
      }
    })
    socket.on('connect', () => {
      const query = encodeQuery(codec, id, name, type)
      const length = Buffer.alloc(2)
      length.writeUInt16BE(query.length)
      socket.write(Buffer.concat([length, query]))
    })
  })
}
