// The Kubernetes manifests in deploy/ are applied as they are: they must validate against the
// Kubernetes schemas (kubernetes-models) and agree with the service they run.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Deployment } from 'kubernetes-models/apps/v1'
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2'
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1'
import { ConfigMap, Service } from 'kubernetes-models/v1'
import t from 'tap'
import { parseAllDocuments } from 'yaml'
import { EnvSchema, loadConfig } from '../src/config.js'
import { loadBaseLists } from '../src/io/lists.js'
import { compileRegistry } from '../src/core/registry-compiler.js'
import { PACKAGE_ROOT } from '../src/paths.js'

const DIR = join(PACKAGE_ROOT, 'deploy')
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
}

type Doc = { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, unknown>; data?: Record<string, string> }
const files = (await readdir(DIR)).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort()
const docs: Doc[] = []
for (const file of files) {
  for (const d of parseAllDocuments(await readFile(join(DIR, file), 'utf8'))) docs.push(d.toJS() as Doc)
}
const find = <T = Doc>(kind: string): T => docs.find((d) => d.kind === kind) as T

t.test('every manifest validates against the Kubernetes schemas', async (t) => {
  t.same(docs.map((d) => d.kind).sort(), ['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service'])
  for (const doc of docs) {
    const Model = MODELS[`${doc.apiVersion}/${doc.kind}`]
    t.ok(Model, `${doc.apiVersion} ${doc.kind} is a known model`)
    t.doesNotThrow(() => new Model!(doc as never).validate(), `${doc.kind} ${doc.metadata.name}`)
  }
  const broken = structuredClone(find('Deployment')) as { spec: { replicas: unknown } }
  broken.spec.replicas = 'three'
  t.throws(() => new Deployment(broken as never).validate(), 'the validation can fail')
})

t.test('kustomization.yaml applies every manifest', async (t) => {
  const k = parseAllDocuments(await readFile(join(DIR, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as { resources: string[] }
  t.same([...k.resources].sort(), files)
})

t.test('the manifests agree with each other and with the service', async (t) => {
  const deployment = new Deployment(find('Deployment') as never)
  const pod = deployment.spec!.template.spec!
  const container = pod.containers[0]!
  const labels = deployment.spec!.template.metadata!.labels!
  t.same(deployment.spec!.selector.matchLabels, labels)
  t.ok(deployment.spec!.replicas! >= 2, 'several replicas')
  t.same(find<{ spec: { selector: unknown } }>('Service').spec.selector, labels)
  t.same(find<{ spec: { selector: { matchLabels: unknown } } }>('PodDisruptionBudget').spec.selector.matchLabels, labels)
  t.equal(find<{ spec: { scaleTargetRef: { name: string } } }>('HorizontalPodAutoscaler').spec.scaleTargetRef.name, deployment.metadata!.name)
  t.equal(container.livenessProbe?.httpGet?.path, '/healthz')
  t.equal(container.readinessProbe?.httpGet?.path, '/readyz')
  t.ok(container.resources?.requests && container.resources.limits, 'resources are set')

  const env = Object.fromEntries((container.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]))
  for (const e of container.env ?? []) t.ok(e.name in EnvSchema.in.shape, `${e.name} is a setting the service reads`)
  const config = loadConfig(env)
  t.equal(String(config.port), String(container.ports![0]!.containerPort))
  t.equal(config.host, '0.0.0.0')
  t.ok(config.shutdownDelaySeconds + config.shutdownTimeoutSeconds < pod.terminationGracePeriodSeconds!, 'the drain fits in the grace period')

  const mount = container.volumeMounts!.find((m) => config.partnersFile.startsWith(`${m.mountPath}/`))
  t.ok(mount, 'PARTNERS_FILE is in a mounted volume')
  t.notOk(mount?.subPath, 'mounted as a folder, so ConfigMap updates reach the pod')
  const volume = pod.volumes!.find((v) => v.name === mount?.name)
  const configMap = find('ConfigMap')
  t.equal(volume?.configMap?.name, configMap.metadata.name)
  const registryText = configMap.data?.[config.partnersFile.slice(mount!.mountPath.length + 1)]
  t.ok(registryText, 'the ConfigMap holds the registry file')
  const registry = compileRegistry(JSON.parse(registryText!), await loadBaseLists(), 'configmap')
  // No fictitious partner reaches a cluster: the operator's own go in, and until they do the start warns.
  t.same(registry.partners, [], 'and it is a valid registry, with no sample partners in it')
  t.match(registry.warnings, [/lists no partners/])
})
