// No Docker engine runs here, so this runs the Dockerfile's own steps on a clean copy: each
// stage in a directory of its own, its COPY and RUN lines as written, then the image's CMD.
import { spawn, execFile } from 'node:child_process'
import { cp, mkdir, readFile, access } from 'node:fs/promises'
import { once } from 'node:events'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import semver from 'semver'
import t from 'tap'

const exec = promisify(execFile)
const root = resolve(import.meta.dirname, '..')

interface Stage {
  name: string
  dir: string
  env: Record<string, string>
  cmd: string[]
  healthcheck: string[]
}

/** Runs the Dockerfile's stages; WORKDIR /app of each stage is a directory under `work`. */
async function runDockerfile(work: string): Promise<Stage> {
  const lines = (await readFile(join(root, 'Dockerfile'), 'utf8'))
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
  const stages = new Map<string, Stage>()
  let stage: Stage | undefined
  for (const line of lines) {
    const [instr = '', ...rest] = line.split(/\s+/)
    const args = rest.join(' ')
    if (instr === 'FROM') {
      const name = rest[2] ?? `stage${stages.size}`
      stage = { name, dir: join(work, name), env: {}, cmd: [], healthcheck: [] }
      await mkdir(stage.dir, { recursive: true })
      stages.set(name, stage)
      continue
    }
    if (!stage) throw new Error(`${instr} before FROM`)
    const s: Stage = stage
    switch (instr) {
      case 'WORKDIR':
        if (args !== '/app') throw new Error(`this runner maps WORKDIR /app only, not ${args}`)
        break
      case 'ENV':
        for (const kv of rest) {
          const [k = '', v = ''] = kv.split('=')
          s.env[k] = v
        }
        break
      case 'COPY': {
        const from = rest[0]?.startsWith('--from=') ? stages.get(rest[0].slice(7)) : undefined
        const parts = from ? rest.slice(1) : rest
        const dest = join(s.dir, parts[parts.length - 1] ?? '.')
        for (const src of parts.slice(0, -1)) {
          const source = from ? join(from.dir, src.replace(/^\/app\/?/, '')) : join(root, src)
          const target = dest.endsWith('/') || parts.length > 2 ? join(dest, src.split('/').pop() ?? src) : dest
          await cp(source, target, { recursive: true })
        }
        break
      }
      case 'RUN':
        // Bounded: a registry that stalls fails the step with its name, not the whole run's timeout.
        // npm's cache is the build's own, as in an image build: the Dockerfile's `npm cache clean`
        // must not empty this machine's cache while other npm commands use it.
        await exec('sh', ['-c', args], { cwd: s.dir, env: { ...process.env, ...s.env, npm_config_cache: join(work, '.npm-cache') }, maxBuffer: 64 * 1024 * 1024, timeout: RUN_TIMEOUT_MS }).catch((e: { killed?: boolean }) => {
          throw e.killed ? new Error(`RUN ${args}: not done within ${RUN_TIMEOUT_MS / 1000} s`) : e
        })
        break
      case 'CMD':
        s.cmd = JSON.parse(args) as string[]
        break
      case 'HEALTHCHECK':
        s.healthcheck = JSON.parse(args.slice(args.indexOf('CMD ') + 4)) as string[]
        break
      case 'USER':
      case 'EXPOSE':
        break
      default:
        throw new Error(`unhandled Dockerfile instruction ${instr}`)
    }
  }
  return stage!
}

function start(stage: Stage, env: Record<string, string>) {
  const [cmd = 'node', ...args] = stage.cmd
  const child = spawn(cmd, args, { cwd: stage.dir, env: { PATH: process.env.PATH ?? '', ...stage.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const stderr: string[] = []
  child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()))
  return { child, stderr }
}

/** The image's npm ci needs the registry: without it, this test cannot run (and says so). */
const RUN_TIMEOUT_MS = 300_000
const registry = await exec('npm', ['ping'], { timeout: 20_000 }).then(
  () => true,
  () => false,
)
const skip = registry ? false : 'the npm registry is unreachable (npm ping failed or took over 20 s): the Dockerfile’s npm ci cannot run here'

t.test('the Dockerfile builds a production image that serves verdicts', { skip }, async (t) => {
  const work = t.testdir()
  const runtime = await runDockerfile(work)
  // The image runs the server as `npm start` does, with the same Node flags.
  const { scripts } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
  const started = scripts.start.slice(scripts.start.lastIndexOf('&& ') + 3).split(' ')
  t.same(runtime.cmd, started)
  t.equal(runtime.cmd.at(-1), 'dist/server.js')
  t.equal(runtime.env.HOST, '0.0.0.0', 'the image listens on all interfaces')
  await t.rejects(access(join(runtime.dir, 'node_modules', 'typescript')), 'no dev dependencies in the image')
  await t.rejects(access(join(runtime.dir, 'src')), 'no sources in the image')

  // Loopback only here: tests never listen beyond this machine.
  const { child } = start(runtime, { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' })
  t.teardown(() => void child.kill('SIGKILL'))
  let url = ''
  let sampleWarned = false
  for await (const line of createInterface({ input: child.stdout })) {
    sampleWarned ||= line.includes('!!! PARTNERS_FILE is not set: the fictitious SAMPLE registry is serving')
    const m = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(line)
    if (m?.[1]) {
      url = m[1]
      break
    }
  }
  t.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
  t.ok(sampleWarned, 'without PARTNERS_FILE the image (NODE_ENV=production) warns that the sample registry is serving')
  const res = await fetch(`${url}/validate-email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'ja' },
    body: JSON.stringify({ email: 'taro@acme.example.co.jp' }),
  })
  t.equal(res.status, 200)
  t.match(await res.json(), { accepted: true, lang: 'ja', partners: [{ id: 'acme' }] })
  const widget = await fetch(`${url}/widget/email-check.js`)
  t.equal(widget.status, 200, 'the image serves the widget’s script (web/ is copied)')
  t.match(await widget.text(), "customElements.define('email-check'")

  const [hcCmd = 'node', ...hcArgs] = runtime.healthcheck
  const port = new URL(url).port
  const hc = await exec(hcCmd, hcArgs, { cwd: runtime.dir, env: { ...process.env, ...runtime.env, PORT: port } }).then(
    () => 0,
    (e: { code: number }) => e.code,
  )
  t.equal(hc, 0, 'the HEALTHCHECK passes against the running server')
  const down = await exec(hcCmd, hcArgs, { cwd: runtime.dir, env: { ...process.env, ...runtime.env, PORT: '1' } }).then(
    () => 0,
    (e: { code: number }) => e.code,
  )
  t.equal(down, 1, 'and fails where nothing answers')

  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const [code] = await exited
  t.equal(code, 0, 'SIGTERM closes it cleanly')

  t.test('a bad configuration stops it at start with a message naming the variable', async (t) => {
    const bad = start(runtime, { PORT: 'abc' })
    const [code] = await once(bad.child, 'exit')
    t.equal(code, 1)
    t.match(bad.stderr.join(''), /cannot start: Invalid configuration:\n {2}- PORT/)
  })

  t.test('an invalid registry stops it at start naming the entry', async (t) => {
    const dir = t.testdir({ 'p.json': JSON.stringify({ partners: [{ id: 'acme', name: 'A', domains: ['co.jp'] }] }) })
    const bad = start(runtime, { PORT: '0', HOST: '127.0.0.1', PARTNERS_FILE: join(dir, 'p.json') })
    const [code] = await once(bad.child, 'exit')
    t.equal(code, 1)
    t.match(bad.stderr.join(''), /partners\[0\] \(id "acme"\)\.domains\[0\]: "co\.jp" is a public suffix/)
  })
})

t.test('the declared Node, the image’s Node and every dependency agree', async (t) => {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }
  const floor = semver.minVersion(pkg.engines.node)!
  // CI runs the suite on the lowest Node the service declares (.ci/run checks it is in range).
  const images = [...(await readFile(join(root, 'Dockerfile'), 'utf8')).matchAll(/^FROM node:(\d+)/gm)].map((m) => m[1]!)
  t.ok(images.length > 0, 'the image is built on the official Node image')
  for (const major of images) t.ok(semver.satisfies(`${major}.0.0`, pkg.engines.node), `the image’s Node ${major} is within engines.node "${pkg.engines.node}"`)
  const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }> }
  const excluding = Object.entries(lock.packages)
    .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(floor, p.engines.node))
    .map(([name, p]) => `${name.replace(/^.*node_modules\//, '')} needs Node ${(p.engines as { node: string }).node}`)
  t.same(excluding, [], `no dependency needs more than Node ${floor.version}`)
  const inImage = Object.entries(lock.packages).filter(([name, p]) => name && !p.dev && p.engines && !Array.isArray(p.engines) && p.engines.node)
  for (const major of new Set(images)) {
    const refused = inImage.filter(([, p]) => !semver.satisfies(`${major}.0.0`, (p.engines as { node: string }).node)).map(([name]) => name)
    t.same(refused, [], `every production dependency runs on the image’s Node ${major}`)
  }
})
