// The instance's life: the connections it holds, readiness, the graceful drain on shutdown, and
// what the partner registry's loads and reloads report (the log and the metrics).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { trackConnections } from '../connections.js'
import type { RegistryStore } from '../io/registry-store.js'
import type { Services } from '../services.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Reads the registry file again; the last good registry keeps serving if it fails. */
    reloadRegistry(trigger: string): Promise<void>
    /** Reports not-ready from now on (the first step of a graceful shutdown). */
    drain(): void
    /** True once draining has begun: answers carry "Connection: close", /readyz says 503. */
    isDraining(): boolean
    registryStore: RegistryStore
  }
}

export interface LifecycleOptions {
  services: Services
}

async function lifecycle(app: FastifyInstance, { services }: LifecycleOptions): Promise<void> {
  const { config, store, metrics } = services
  const connections = trackConnections(app.server)
  app.server.maxConnections = config.maxConnections
  metrics.watchConnections(() => new Promise((resolve) => app.server.getConnections((_err, n) => resolve(n))))

  // The registry: reloaded on change of its file (and on SIGHUP, through reloadRegistry).
  store.on('load', (result) => {
    metrics.registryLoad(result, store.current)
    if (!result.ok) app.log.error({ trigger: result.trigger, error: result.error }, 'partner registry reload failed; the previous registry keeps serving')
    else if (!result.unchanged) {
      app.log.info({ trigger: result.trigger, partners: store.current.partners.length, domains: store.current.domainCount }, 'partner registry reloaded')
      for (const warning of store.current.warnings) app.log.warn({ file: store.file, warning }, 'partner registry: check this entry')
    }
    else app.log.debug({ trigger: result.trigger }, 'partner registry unchanged')
  })
  metrics.registryLoad(store.lastLoad, store.current)
  for (const warning of config.warnings) app.log.warn({ warning }, 'configuration: check this setting')
  for (const warning of store.current.warnings) app.log.warn({ file: store.file, warning }, 'partner registry: check this entry')
  const sampleWarning = services.sampleRegistry.warning
  if (sampleWarning) app.log.warn({ partnersFile: store.file }, `!!! ${sampleWarning} !!!`)
  if (config.partnersReload) store.watch({ events: true, pollSeconds: config.partnersPollSeconds })
  app.decorate('registryStore', store)
  app.decorate('reloadRegistry', (trigger: string) => store.reload(trigger))

  // Graceful shutdown: readiness goes false first; requests that still arrive are answered,
  // with "Connection: close" so the client's next request goes to another replica.
  let draining = false
  app.decorate('drain', () => {
    draining = true
  })
  app.decorate('isDraining', () => draining)
  app.addHook('preClose', async () => {
    draining = true
    // Keep-alive connections are closed after their next answer or once quiet, never reset.
    await connections.drain()
  })
  app.addHook('onClose', async () => {
    metrics.close()
    await store.close()
  })
}

export default fp(lifecycle, { name: 'lifecycle' })
