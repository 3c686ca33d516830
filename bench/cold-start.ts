// Part 5, cold start: from spawning the production server (sample registry, production logging)
// to its first 200 from GET /readyz, polled every 5 ms.
import { fmt } from './format.js'
import { SERVER_JS, startServer } from './lib.js'
import { log, SERVICE_ENV, SETTINGS } from './settings.js'

/** Milliseconds to ready, one per run. */
export async function coldStart(): Promise<number[]> {
  const runs: number[] = []
  for (let i = 0; i < SETTINGS.coldStartRuns; i++) {
    const s = await startServer({
      label: 'service (cold start)',
      script: SERVER_JS,
      env: { ...SERVICE_ENV, LOG_LEVEL: 'info' },
      listenLine: false,
      readyPath: '/readyz',
      pollMs: 5,
      timeoutMs: 10_000,
    })
    try {
      runs.push(s.readyMs!)
      log(`  run ${i + 1}: ${fmt(s.readyMs!, 0)} ms`)
    } finally {
      await s.stop()
    }
  }
  return runs
}
