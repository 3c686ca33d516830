// An in-process DNS server for the deliverability tests, over UDP and TCP on a loopback port:
// it answers from a small zone and can misbehave on cue (forge from another port or about
// another name, truncate, fail, stay silent), so that the client is covered on any machine.
// dnsmasq (test/support/dnsmasq.ts) stays as the extra test against a real server.
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram'
import { once } from 'node:events'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import dnsPacket, { type Answer, type Packet } from 'dns-packet'
import type { Test } from 'tap'

export type Behaviour =
  | 'answer'
  /** Before the real answer, a forged NXDOMAIN with the right id from another port. */
  | 'forge-port'
  /** Before the real answer, a forged NXDOMAIN with the right id about another name. */
  | 'forge-name'
  /** Before the real answer, a forged NXDOMAIN with another id. */
  | 'forge-id'
  /** UDP answers are truncated (TC, no records); the whole answer is over TCP only. */
  | 'truncate'
  /** As truncate, and the TCP answer is about another name. */
  | 'truncate-forge-tcp'
  /** As truncate, and the TCP answer is not a DNS message. */
  | 'truncate-garbage-tcp'
  | 'servfail'
  | 'silent'
  | 'garbage'

/** name -> records; a name not here is NXDOMAIN. */
export type Zone = Record<string, Answer[]>

export const ZONE: Zone = {
  'good.example.net': [{ type: 'MX', name: 'good.example.net', ttl: 300, data: { preference: 10, exchange: 'mail.good.example.net' } }],
  'nullmx.example.net': [{ type: 'MX', name: 'nullmx.example.net', ttl: 300, data: { preference: 0, exchange: '.' } }],
  'address-only.example.net': [{ type: 'A', name: 'address-only.example.net', ttl: 300, data: '127.0.0.3' }],
  'no-records.example.net': [{ type: 'TXT', name: 'no-records.example.net', ttl: 300, data: 'no mail here' }],
  'v6-only.example.net': [{ type: 'AAAA', name: 'v6-only.example.net', ttl: 120, data: '::1' }],
  'acme.example.co.jp': [{ type: 'MX', name: 'acme.example.co.jp', ttl: 300, data: { preference: 10, exchange: 'mx.acme.example.co.jp' } }],
}

const SOA: Answer = {
  type: 'SOA',
  name: 'example.net',
  ttl: 600,
  data: { mname: 'ns.example.net', rname: 'hostmaster.example.net', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60 },
}

export interface Responder {
  server: string
  behaviour: Behaviour
  /** Questions received, as "name TYPE" (UDP) or "tcp name TYPE". */
  asked: string[]
}

function reply(query: Packet, zone: Zone, overrides: Partial<Packet> = {}): Buffer {
  const q = query.questions![0]!
  const name = q.name.toLowerCase()
  const records = zone[name]
  const answers = (records ?? []).filter((r) => r.type === q.type)
  return dnsPacket.encode({
    type: 'response',
    id: query.id,
    flags: dnsPacket.RECURSION_AVAILABLE | (records ? 0 : 3),
    questions: query.questions,
    answers,
    authorities: answers.length ? [] : [SOA],
    ...overrides,
  })
}

const nxdomain = (query: Packet, overrides: Partial<Packet> = {}): Buffer =>
  dnsPacket.encode({ type: 'response', id: query.id, flags: 3, questions: query.questions, answers: [], authorities: [SOA], ...overrides })

export async function startResponder(t: Test, zone: Zone = ZONE, behaviour: Behaviour = 'answer'): Promise<Responder> {
  const udp = createSocket('udp4')
  udp.bind(0, '127.0.0.1')
  await once(udp, 'listening')
  const port = udp.address().port
  // The forger: same host, another port.
  const forger = createSocket('udp4')
  forger.bind(0, '127.0.0.1')
  await once(forger, 'listening')
  const tcp = createServer()
  tcp.listen(port, '127.0.0.1')
  await once(tcp, 'listening')
  const sockets = new Set<Socket>()
  t.teardown(() => {
    udp.close()
    forger.close()
    for (const s of sockets) s.destroy()
    tcp.close()
  })
  const state: Responder = { server: `127.0.0.1:${(tcp.address() as AddressInfo).port}`, behaviour, asked: [] }

  const send = (socket: UdpSocket, buf: Buffer, to: RemoteInfo) => socket.send(buf, to.port, to.address)
  udp.on('message', (msg, from) => {
    const query = dnsPacket.decode(msg)
    const q = query.questions![0]!
    state.asked.push(`${q.name} ${q.type}`)
    switch (state.behaviour) {
      case 'silent':
        return
      case 'garbage':
        return send(udp, Buffer.from('not a DNS packet'), from)
      case 'servfail':
        return send(udp, dnsPacket.encode({ type: 'response', id: query.id, flags: 2, questions: query.questions }), from)
      case 'forge-port':
        send(forger, nxdomain(query), from)
        break
      case 'forge-name':
        send(udp, nxdomain(query, { questions: [{ ...q, name: `other.${q.name}` }] }), from)
        break
      case 'forge-id':
        send(udp, nxdomain(query, { id: (query.id! + 1) % 0x10000 }), from)
        break
      case 'truncate':
      case 'truncate-forge-tcp':
      case 'truncate-garbage-tcp':
        return send(udp, reply(query, zone, { flags: dnsPacket.TRUNCATED_RESPONSE, answers: [], authorities: [] }), from)
    }
    // The real answer comes after the forgery (which, over loopback, arrives first).
    setTimeout(() => send(udp, reply(query, zone), from), 20)
  })
  tcp.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    let buf = Buffer.alloc(0)
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d])
      if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return
      const query = dnsPacket.decode(buf.subarray(2, 2 + buf.readUInt16BE(0)))
      const q = query.questions![0]!
      state.asked.push(`tcp ${q.name} ${q.type}`)
      const out =
        state.behaviour === 'truncate-forge-tcp'
          ? nxdomain(query, { questions: [{ ...q, name: `other.${q.name}` }] })
          : state.behaviour === 'truncate-garbage-tcp'
            ? Buffer.from('not a DNS message')
            : reply(query, zone)
      const length = Buffer.alloc(2)
      length.writeUInt16BE(out.length)
      // As a slow link may deliver it: the first byte of the length alone, then the rest.
      socket.write(length.subarray(0, 1))
      setTimeout(() => socket.end(Buffer.concat([length.subarray(1), out])), 20)
    })
  })
  return state
}
