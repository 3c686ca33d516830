// The process: read the environment, build the app, listen, reload the registry on SIGHUP, and
// shut down gracefully on SIGTERM or SIGINT. Everything that changes behaviour lives in buildApp.
import { setTimeout as sleep } from 'node:timers/promises'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { listenProblem, loadConfig } from './config.js'

function die(err: unknown): never {
  // A bad configuration or registry stops the service with a message that names the problem.
  process.stderr.write(`email-prevalidation: cannot start: ${(err as Error).message}\n`)
  process.exit(1)
}

let app: Awaited<ReturnType<typeof buildApp>>
let config: ReturnType<typeof loadConfig>
try {
  config = loadConfig(process.env, { interactive: process.stdin.isTTY === true })
  app = await buildApp(config)
  await app.listen({ port: config.port, host: config.host }).catch((err: NodeJS.ErrnoException) => {
    throw new Error(listenProblem(err, config))
  })
} catch (err) {
  die(err)
}

process.on('SIGHUP', () => void app.reloadRegistry('SIGHUP'))

// Readiness goes false at once; after SHUTDOWN_DELAY_SECONDS (time for the load balancer to
// notice) the server drains (src/connections.ts): it answers what arrives with "Connection:
// close", closes quiet connections gracefully, stops accepting once connections stop coming, and
// exits when all are closed. close-with-grace exits the process if that takes longer than the
// shutdown timeout.
// SIGHUP means "reload" here, not "close" as close-with-grace would take it.
closeWithGrace({ delay: (config.shutdownDelaySeconds + config.shutdownTimeoutSeconds) * 1000, skip: ['SIGHUP'] }, async ({ err, signal }) => {
  app.drain()
  /* c8 ignore next -- only after an uncaught error, which no test can cause in a sound server */
  if (err) app.log.error({ err }, 'closing after an uncaught error')
  else app.log.info({ signal, delaySeconds: config.shutdownDelaySeconds }, 'draining')
  if (signal && config.shutdownDelaySeconds > 0) await sleep(config.shutdownDelaySeconds * 1000)
  await app.close()
  app.log.info('closed')
})
