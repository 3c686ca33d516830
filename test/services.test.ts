import t from 'tap'
import { loadConfig } from '../src/config.js'
import { createServices } from '../src/services.js'
import { FIXTURE_REGISTRY } from './support/helpers.js'

t.test('the document examples use the sample registry whatever registry serves', async (t) => {
  const services = await createServices(loadConfig({ PARTNERS_FILE: FIXTURE_REGISTRY, PARTNERS_RELOAD: 'false' }))
  t.teardown(() => services.store.close())
  t.equal(services.store.file, FIXTURE_REGISTRY)
  t.not(services.sample.registry, services.store.current)
  t.equal(services.context().registry, services.store.current, 'a check reads the registry serving')
  t.not(services.hashEmail('a@b.jp'), 'a@b.jp')
})
