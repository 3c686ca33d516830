// The checking core's options as the service passes them with its default configuration
// (src/app.ts builds them from the config), so the in-process figures measure what production runs.
import type { CheckOptions } from '../src/core/check.js'
import { loadConfig } from '../src/config.js'

export function productionCheckOptions(): CheckOptions {
  const config = loadConfig({})
  return { allowSmtputf8: config.allowSmtputf8, roleAccounts: config.roleAccounts }
}
