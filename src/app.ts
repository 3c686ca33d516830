// buildApp(config) is the whole service: tests and the server build the very same app. It reads
// as the list of the service's parts, in the order they apply; every route is registered here,
// explicitly, so that this one file shows the whole API.
import Fastify, { type FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { DestinationStream } from 'pino'
import type { Config } from './config.js'
import accessLog from './plugins/access-log.js'
import docs from './plugins/docs.js'
import errors from './plugins/errors.js'
import lifecycle from './plugins/lifecycle.js'
import security from './plugins/security.js'
import { domainsRoutes } from './routes/domains.js'
import { operationsRoutes } from './routes/operations.js'
import { pagesRoutes } from './routes/pages.js'
import { partnerTypesRoutes } from './routes/partner-types.js'
import { streamRoutes } from './routes/stream.js'
import { validateEmailRoutes } from './routes/validate-email.js'
import { serverOptions } from './server-options.js'
import { createServices } from './services.js'

export interface BuildOptions {
  /** Where logs go (stdout when not given); tests pass a stream to read them. */
  logStream?: DestinationStream
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  // The lists, the registry serving, DNS, metrics: built once, shared by the parts below.
  const services = await createServices(config)
  const app = Fastify(serverOptions(config, options.logStream)).withTypeProvider<ZodTypeProvider>()

  // Plugins: how every request is answered, whatever its route.
  await app.register(errors)
  await app.register(lifecycle, { services })
  await app.register(security, { config, metrics: services.metrics })
  await app.register(docs, { sample: services.sample })
  await app.register(accessLog, { logLevel: config.logLevel, metrics: services.metrics })

  // Routes, by resource.
  await app.register(operationsRoutes, { services })
  await app.register(validateEmailRoutes, { services })
  await app.register(streamRoutes, { services })
  await app.register(pagesRoutes, { config })
  await app.register(domainsRoutes, { services })
  await app.register(partnerTypesRoutes)
  return app
}
