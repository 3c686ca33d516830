// The process: read the environment, build the app, listen, and close gracefully on a signal.
// Everything that changes behaviour lives in buildApp.
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'

function die(err: unknown): never {
  // A bad configuration or registry stops the service with a message that names the problem.
  process.stderr.write(`email-prevalidation: cannot start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
}

let app: Awaited<ReturnType<typeof buildApp>>
try {
  const config = loadConfig(process.env)
  app = await buildApp(config)
  await app.listen({ port: config.port, host: config.host })
} catch (err) {
  die(err)
}

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error')
  else app.log.info({ signal }, 'closing')
  await app.close()
})
