// A real DNS server for the deliverability tests: Debian's dnsmasq on a loopback port, serving
// only the names below (everything else under example.net is NXDOMAIN). .ci/run installs it.
// The extra test against a real server: test/support/dns-responder.ts covers the client on any machine.
import { spawn, type ChildProcess } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { existsSync } from 'node:fs'
import { once } from 'node:events'
import type { Test } from 'tap'

/** DNSMASQ_PATH names the binary; set to a path that does not exist, it hides dnsmasq. */
export const DNSMASQ = (process.env.DNSMASQ_PATH ? [process.env.DNSMASQ_PATH] : ['/usr/sbin/dnsmasq', '/usr/bin/dnsmasq']).find((p) => existsSync(p))
/**
 * Outside CI a machine without dnsmasq skips these tests (the in-process responder covers the
 * client all the same); CI installs it and must run them.
 */
export const skipDns = !DNSMASQ && !process.env.CI ? 'dnsmasq is not installed: the extra test against a real DNS server is skipped (apt-get install dnsmasq-base)' : false

export const RECORDS = {
  mx: 'good.example.net',
  nullMx: 'nullmx.example.net',
  addressOnly: 'address-only.example.net',
  missing: 'missing.example.net',
  noRecords: 'no-records.example.net',
}

/** A free UDP port on the loopback address. */
async function freePort(): Promise<number> {
  const s = createSocket('udp4')
  s.bind(0, '127.0.0.1')
  await once(s, 'listening')
  const { port } = s.address()
  s.close()
  return port
}

export async function startDnsmasq(t: Test): Promise<{ server: string; child: ChildProcess }> {
  const port = await freePort()
  const child = spawn(
    DNSMASQ!,
    [
      '--keep-in-foreground', '--no-daemon', `--port=${port}`, '--listen-address=127.0.0.1', '--bind-interfaces',
      '--no-resolv', '--no-hosts', '--no-poll', '--pid-file=', '--user=root', '--log-facility=-', '--log-queries',
      '--local=/example.net/',
      `--mx-host=${RECORDS.mx},mail.${RECORDS.mx},10`, `--host-record=mail.${RECORDS.mx},127.0.0.2`,
      // RFC 7505 null MX: preference 0, the root as exchange.
      `--dns-rr=${RECORDS.nullMx},15,000000`,
      `--host-record=${RECORDS.addressOnly},127.0.0.3`,
      `--txt-record=${RECORDS.noRecords},no mail here`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  t.teardown(() => {
    child.kill('SIGCONT')
    child.kill('SIGKILL')
  })
  // Ready when it says so on its log; a bound, so that a dnsmasq that never says it fails.
  await new Promise<void>((resolve, reject) => {
    setTimeout(() => reject(new Error('dnsmasq did not start within 20 s')), 20_000).unref()
    let text = ''
    const onData = (d: Buffer): void => {
      text += d.toString()
      if (text.includes('using only locally-known addresses')) resolve()
    }
    child.stderr!.on('data', onData)
    child.stdout!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`dnsmasq exited (${code}): ${text}`)))
  })
  return { server: `127.0.0.1:${port}`, child }
}
