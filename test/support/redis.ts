// A real redis-server for the shared rate limit's tests: Debian's package, on a free loopback
// port, in a temporary folder of its own, keeping nothing on disk. Tests skip, with the reason
// in tap's summary, where it is not installed (outside CI).
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'
import type { Test } from 'tap'

/** REDIS_SERVER_PATH names the binary; set to a path that does not exist, it hides redis-server. */
export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server'
/** Outside CI a machine without it skips these tests, saying why; CI installs it and must run them. */
export const redisMissing: string | false =
  existsSync(REDIS_SERVER) || process.env.CI ? false : `no redis-server at ${REDIS_SERVER}: the shared rate limit's tests are skipped (apt-get install redis-server, or set REDIS_SERVER_PATH)`

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

export interface RedisServer {
  port: number
  url: string
  /** Starts it (again, on the same port); resolves once it accepts connections. */
  start(): Promise<void>
  /** Stops it and waits for the process to end. */
  stop(): Promise<void>
}

export async function redisServer(t: Test): Promise<RedisServer> {
  const port = await freePort()
  const dir = t.testdir({})
  let child: ChildProcess | null = null
  const stop = async (): Promise<void> => {
    const c = child
    child = null
    if (!c || c.exitCode !== null) return
    const exited = once(c, 'exit')
    c.kill('SIGKILL')
    await exited
  }
  t.teardown(stop)
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const c = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--loglevel', 'notice'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      child = c
      const lines = createInterface({ input: c.stdout! })
      await new Promise<void>((resolve, reject) => {
        lines.on('line', (line) => {
          if (line.includes('Ready to accept connections')) resolve()
        })
        c.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready`)))
      })
    },
    stop,
  }
}
