// What the routes and plugins share, built once per app from the configuration: the shipped
// lists, the partner registry serving, the DNS client, the metrics and the log's address hash.
import { SAMPLE_PARTNERS_FILE, type Config } from './config.js'
import type { CheckContext, CheckOptions } from './core/check.js'
import type { BaseLists } from './core/lists.js'
import { DeliverabilityChecker } from './io/dns.js'
import { loadBaseLists } from './io/lists.js'
import { loadRegistryFile } from './io/registry-file.js'
import { RegistryStore } from './io/registry-store.js'
import { registrySource } from './io/registry-source.js'
import { emailHasher } from './log.js'
import { createMetrics, type Metrics } from './metrics.js'

export interface Services {
  config: Config
  lists: BaseLists
  store: RegistryStore
  dns: DeliverabilityChecker
  metrics: Metrics
  /** The address as it may appear in the log: a keyed hash (LOG_HASH_KEY). */
  hashEmail: (email: string) => string
  /** What a check is given now: one read of the store, so a request sees one registry throughout. */
  context: () => CheckContext
  /** The fictitious sample registry serves (no PARTNERS_FILE), and what to say of it in production. */
  sampleRegistry: { serving: boolean; warning: string | undefined }
  /**
   * The context the API document's examples are computed in: the sample registry whatever the
   * configuration, so that the document is the same everywhere (and matches the committed one).
   */
  sample: CheckContext
}

export async function createServices(config: Config): Promise<Services> {
  const lists = await loadBaseLists()
  const store = await RegistryStore.open(registrySource(config), lists)
  const options: CheckOptions = { allowSmtputf8: config.allowSmtputf8, roleAccounts: config.roleAccounts }
  const serving = store.file === SAMPLE_PARTNERS_FILE
  const sample: CheckContext = {
    lists,
    registry: serving ? store.current : await loadRegistryFile(SAMPLE_PARTNERS_FILE, lists),
    options: { allowSmtputf8: false, roleAccounts: 'warn' },
  }
  const metrics = createMetrics()
  const dns = new DeliverabilityChecker(config.dnsServers, config.dnsTimeoutMs)
  metrics.watchDnsLookups(() => dns.lookups)
  return {
    config,
    lists,
    store,
    dns,
    metrics,
    hashEmail: emailHasher(config.logHashKey),
    context: () => ({ lists, registry: store.current, options }),
    sampleRegistry: {
      serving,
      warning:
        serving && config.sampleRegistryInProduction
          ? 'PARTNERS_FILE is not set: the fictitious SAMPLE registry is serving and every real partner will be refused as NOT_PARTNER. Set PARTNERS_FILE to your partner registry.'
          : undefined,
    },
    sample,
  }
}
