import { once } from 'node:events'
import { Agent, createServer, type Server } from 'node:http'
import { connect, createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net'
import t, { type Test } from 'tap'
import { atTurnEnd, DRAIN_QUIET_MS, lingeringEnd, trackConnections } from '../src/connections.js'
import { build, until } from './support/helpers.js'
import { send, steady, type Outcome } from './support/process.js'
import { head, raw } from './support/http.js'

const MB = 1024 * 1024

async function listen(t: Test, server: Server | NetServer): Promise<string> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => void server.close())
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** An 8 MB body, sent as fast as the socket takes it. */
const big = (n = 8 * MB) => Array.from({ length: n / (64 * 1024) }, () => Buffer.alloc(64 * 1024, 'a'))

t.test('20 of 20 clients sending an 8 MB body read the early answer (lingering close)', async (t) => {
  const app = await build(t)
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const cases = [
    { what: '413, body over the limit', type: 'application/json', status: 413 },
    { what: '415, not JSON', type: 'text/plain', status: 415 },
  ]
  for (const { what, type, status } of cases) {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        raw(url, head('POST', '/validate-email', [['content-type', type], ['content-length', 8 * MB]]), { body: big(), pace: 'drain', giveUpMs: 20_000 }),
      ),
    )
    const read = outcomes.filter((o) => o.response?.status === status).length
    t.equal(read, 20, `${what}: ${read} of 20 read the answer (${outcomes.filter((o) => o.error).map((o) => o.error).join(', ')})`)
  }
  // A chunked body has no length to refuse up front: the limit is found while reading it.
  const chunked = await Promise.all(
    Array.from({ length: 20 }, () =>
      raw(url, head('POST', '/validate-email', [['content-type', 'application/json'], ['transfer-encoding', 'chunked']]), {
        body: big().map((c) => Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')])),
        pace: 'drain',
        giveUpMs: 20_000,
      }),
    ),
  )
  t.equal(chunked.filter((o) => o.response?.status === 413).length, 20, '413 on a chunked body: 20 of 20')
})

/**
 * A client that reads the answer but keeps sending its body regardless, until the server closes
 * the connection (or `giveUpMs` passes: a bound, never expected to be reached).
 */
function keepSending(url: string, requestHead: string, chunk: Buffer, paceMs: number, giveUpMs = 30_000) {
  return new Promise<{ status?: number; sent: number; closedByServer: boolean }>((resolve) => {
    // Half-open allowed: the server's FIN after its answer does not stop this client sending.
    const socket = connect({ port: Number(new URL(url).port), host: '127.0.0.1', allowHalfOpen: true })
    let sent = 0
    let status: number | undefined
    let done = false
    const finish = (closedByServer: boolean) => {
      if (done) return
      done = true
      clearTimeout(giveUp)
      socket.destroy()
      resolve({ status, sent, closedByServer })
    }
    const giveUp = setTimeout(() => finish(false), giveUpMs)
    socket.on('data', (d: Buffer) => (status ??= Number(/^HTTP\/1\.1 (\d{3})/.exec(d.toString('latin1'))?.[1])))
    socket.on('error', () => finish(true))
    socket.on('close', () => finish(true))
    const next = () => {
      if (done || socket.destroyed) return
      sent += chunk.length
      const ok = socket.write(chunk)
      if (paceMs > 0) setTimeout(next, paceMs)
      else if (ok) setImmediate(next)
      else socket.once('drain', next)
    }
    socket.on('connect', () => {
      socket.write(requestHead)
      next()
    })
  })
}

t.test('a lingering close is bounded in bytes and in time', async (t) => {
  const answer = (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(413, { connection: 'close', 'content-length': 2 }).end('no')
  const endless = head('POST', '/', [['host', 'x'], ['content-length', 1024 * MB]])

  // Sent flat out where the bytes are read (a plain socket, as after a parse error): the byte
  // bound ends it (the time bound is far off here).
  const bytes = createNetServer((socket) => lingeringEnd(socket, 'HTTP/1.1 413 Payload Too Large\r\ncontent-length: 0\r\n\r\n', 4 * MB, 60_000))
  const flood = await keepSending(await listen(t, bytes), endless, Buffer.alloc(64 * 1024, 'a'), 0)
  t.equal(flood.status, 413)
  t.ok(flood.closedByServer && flood.sent >= 4 * MB, `closed by the server after ${(flood.sent / MB).toFixed(1)} MB sent`)

  // A trickle: the server's time bound ends it (the byte bound is far off).
  const time = createServer(answer)
  trackConnections(time, { lingerMaxBytes: 64 * MB, lingerMaxMs: 300 })
  const slow = await keepSending(await listen(t, time), endless, Buffer.from('a'), 20)
  t.equal(slow.status, 413)
  t.ok(slow.closedByServer, `closed by the server after ${slow.sent} bytes trickled`)
})

t.test('bytes that follow a broken request, after its 400, are read and dropped', async (t) => {
  const app = await build(t)
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const socket = connect(Number(new URL(url).port), '127.0.0.1')
  await once(socket, 'connect')
  socket.write('POST /validate-email HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n')
  const [answer] = (await once(socket, 'data')) as [Buffer]
  t.match(answer.toString(), /^HTTP\/1\.1 400 /)
  let reset = false
  socket.on('error', () => (reset = true))
  const ended = once(socket, 'end')
  socket.write('more of the broken request')
  socket.end()
  await ended
  t.notOk(reset, 'ended, not reset')
  socket.destroy()
})

t.test('an HTTP parse error is answered and the rest of the request drained, not reset', async (t) => {
  const app = await build(t)
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, () =>
      raw(url, 'POST /validate-email HTTP/1.1\r\nHost: x\r\nContent-Length: 8388608\r\nContent-Length: 5\r\n\r\n', { body: big(), pace: 'drain', giveUpMs: 20_000 }),
    ),
  )
  t.equal(outcomes.filter((o) => o.response?.status === 400).length, 20, 'every client reads its 400')
})

/** A server that answers every request and says "Connection: close" once draining. */
async function drainingServer(t: Test) {
  let draining = false
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      if (draining) res.setHeader('connection', 'close')
      res.end('ok')
    })
  })
  const connections = trackConnections(server)
  const url = await listen(t, server)
  const stop = () => {
    draining = true
    connections.drain()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return { url, stop, connections }
}

t.test('draining: keep-alive clients sending in a loop lose no request', async (t) => {
  const { url, stop, connections } = await drainingServer(t)
  // Each client goes elsewhere when told "Connection: close", as a load balancer does.
  const traffic = steady<Outcome>(50, 100_000, async (agent, outcomes) => {
    const o = await send(url, '/', { email: 'x' }, agent)
    outcomes.push(o)
    return !o.error && o.connection !== 'close'
  })
  // Every client connected (client and server share this process's event loop: accepting 50 at
  // once takes a while), and the load under way.
  await until(() => connections.size === 50 && traffic.outcomes.length >= 500, '50 connections and 500 answers')
  await stop()
  const outcomes = await traffic.stop()
  const lost = outcomes.filter((o) => o.error && o.error !== 'ECONNREFUSED')
  t.same(lost.slice(0, 5), [], `${lost.length} of ${outcomes.length} lost`)
  t.equal(outcomes.filter((o) => o.connection === 'close').length, 50, 'each client was told to close')
})

t.test('draining: an idle connection is closed once quiet, with a FIN', async (t) => {
  const { url, stop, connections } = await drainingServer(t)
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  t.teardown(() => agent.destroy())
  t.equal((await send(url, '/', 'x', agent)).status, 200)
  const socket = connect(Number(new URL(url).port), '127.0.0.1')
  await once(socket, 'connect')
  await until(() => connections.size === 2, 'both connections')
  let reset = false
  socket.on('error', () => (reset = true))
  const ended = once(socket, 'end')
  const started = Date.now()
  await stop()
  await ended
  t.pass('the server closed once every connection had')
  await connections.drain()
  t.pass('draining again is a no-op')
  t.notOk(reset, 'ended, not reset')
  t.ok(Date.now() - started >= DRAIN_QUIET_MS / 2, 'not at once: after a quiet moment')
})

t.test('draining: a connection on which a request is being written is not closed under it', async (t) => {
  const { url, stop, connections } = await drainingServer(t)
  // The head goes out in pieces, each within the quiet time: the connection is never quiet.
  const parts = ['POST / HTTP/1.1\r\n', 'Host: x\r\n', 'Content-Length: 2\r\n', '\r\n', 'ok']
  const exchange = raw(url, parts[0]!, { body: parts.slice(1), pace: DRAIN_QUIET_MS / 3, giveUpMs: 20_000 })
  await until(() => connections.size === 1, 'the connection')
  await stop()
  const outcome = await exchange
  t.equal(outcome.response?.status, 200)
  t.equal(outcome.response?.headers.connection, 'close')
})

t.test('atTurnEnd runs the writes queued in a turn together, in order, once the turn is done', async (t) => {
  const ran: string[] = []
  const nextCheckPhase = () => new Promise((resolve) => setImmediate(resolve))
  atTurnEnd(() => ran.push('a'))
  atTurnEnd(() => {
    ran.push('b')
    atTurnEnd(() => ran.push('queued while writing'))
  })
  ran.push('the rest of the turn')
  t.same(ran, ['the rest of the turn'], 'nothing is written before the turn is done')
  await nextCheckPhase()
  t.same(ran, ['the rest of the turn', 'a', 'b'], 'then all of that turn, in order')
  await nextCheckPhase()
  t.same(ran, ['the rest of the turn', 'a', 'b', 'queued while writing'], 'and what was queued meanwhile, in the next turn')
})
