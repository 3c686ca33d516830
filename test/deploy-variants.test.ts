// The variants in deploy/variants/ are kustomize overlays of deploy/: their own manifests must
// validate, and the settings they patch in must be ones the service reads and accepts.
import { access, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Deployment } from 'kubernetes-models/apps/v1'
import { Service } from 'kubernetes-models/v1'
import t from 'tap'
import { parseAllDocuments } from 'yaml'
import { EnvSchema, loadConfig } from '../src/config.js'
import { PACKAGE_ROOT } from '../src/paths.js'

const DEPLOY = join(PACKAGE_ROOT, 'deploy')
type Env = { name: string; value?: string; $patch?: string }
type Container = { name: string; env?: Env[]; volumeMounts?: { name?: string; mountPath: string; $patch?: string }[] }
type Doc = { kind: string; metadata: { name: string }; spec: { template: { spec: { containers: Container[]; volumes?: { name: string; secret?: unknown }[] } } } }

const yaml = async (path: string) => parseAllDocuments(await readFile(join(DEPLOY, path), 'utf8')).map((d) => d.toJS() as Doc)

/** The base Deployment's plain env with a variant's env patch applied (strategic merge by name). */
async function patchedEnv(patch: Doc): Promise<Record<string, string>> {
  const [base] = (await yaml('deployment.yaml')) as [Doc]
  const env = new Map((base.spec.template.spec.containers[0]!.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]))
  for (const e of patch.spec.template.spec.containers[0]!.env ?? []) {
    if (e.$patch === 'delete') env.delete(e.name)
    else env.set(e.name, e.value!)
  }
  return Object.fromEntries(env)
}

for (const variant of ['shared-rate-limit', 'registry-url']) {
  t.test(`${variant}: applies the base and files that exist`, async (t) => {
    const [k] = (await yaml(`variants/${variant}/kustomization.yaml`)) as unknown as [{ resources: string[]; patches: { path?: string }[] }]
    t.ok(k.resources.includes('../..'), 'an overlay of deploy/')
    for (const file of [...k.resources.filter((r) => r !== '../..'), ...k.patches.flatMap((p) => (p.path ? [p.path] : []))]) {
      await t.resolves(access(join(DEPLOY, 'variants', variant, file)), file)
    }
    const [patch] = await yaml(`variants/${variant}/deployment-patch.yaml`)
    for (const e of patch!.spec.template.spec.containers[0]!.env ?? []) t.ok(e.name in EnvSchema.in.shape, `${e.name} is a setting the service reads`)
  })
}

t.test('shared-rate-limit: a valid Redis, and the URL points at its Service', async (t) => {
  const docs = await yaml('variants/shared-rate-limit/redis.yaml')
  const deployment = docs.find((d) => d.kind === 'Deployment')!
  const service = docs.find((d) => d.kind === 'Service')! as unknown as { metadata: { name: string }; spec: { ports: { port: number }[] } }
  t.doesNotThrow(() => new Deployment(deployment as never).validate())
  t.doesNotThrow(() => new Service(service as never).validate())
  const [patch] = await yaml('variants/shared-rate-limit/deployment-patch.yaml')
  const config = loadConfig(await patchedEnv(patch!))
  t.equal(config.rateLimitRedisUrl?.hostname, service.metadata.name)
  t.equal(Number(config.rateLimitRedisUrl?.port), service.spec.ports[0]!.port)
  t.ok(config.rateLimitPerMinute > 0, 'there is a limit to share')
})

t.test('registry-url: the URL replaces the file, and the Authorization file is in a mounted Secret', async (t) => {
  const [patch] = await yaml('variants/registry-url/deployment-patch.yaml')
  const env = await patchedEnv(patch!)
  t.notOk('PARTNERS_FILE' in env, 'PARTNERS_FILE is dropped')
  const config = loadConfig(env)
  t.equal(config.partnersUrl?.protocol, 'https:')
  t.ok(config.partnersPollSeconds > 0, 'polled')
  const pod = patch!.spec.template.spec
  const mount = pod.containers[0]!.volumeMounts!.find((m) => m.name && config.partnersUrlAuthorizationFile?.startsWith(`${m.mountPath}/`))
  t.ok(pod.volumes!.find((v) => v.name === mount?.name)?.secret, 'from a Secret')
  t.ok(pod.volumes!.some((v) => v.name === 'partners' && (v as { $patch?: string }).$patch === 'delete'), 'the ConfigMap volume is dropped')
})
