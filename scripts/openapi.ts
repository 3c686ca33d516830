// Writes openapi/openapi.json from the code, without listening, and the TypeScript types of that
// document (openapi/schema.d.ts, for the widget's type check and portal teams' clients):
// `npm run openapi`. test/openapi.test.ts fails when either committed file differs from what
// this generates.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { PACKAGE_ROOT } from '../src/paths.js'

export const OPENAPI_FILE = join(PACKAGE_ROOT, 'openapi', 'openapi.json')
export const TYPES_FILE = join(PACKAGE_ROOT, 'openapi', 'schema.d.ts')

/** The document as the service built on its defaults serves it, as stable text. */
export async function generateOpenApi(): Promise<string> {
  // Built-in defaults, not this shell's environment: the same input gives the same bytes.
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }))
  try {
    await app.ready()
    return `${JSON.stringify(app.swagger(), null, 2)}\n`
  } finally {
    await app.close()
  }
}

/** The document's types (openapi-typescript), from the document's text. */
export async function generateTypes(document: string): Promise<string> {
  const types = astToString(await openapiTS(JSON.parse(document) as Parameters<typeof openapiTS>[0]))
  return `// Generated from openapi/openapi.json by \`npm run openapi\` (openapi-typescript): do not edit.\n${types}`
}

/* c8 ignore start -- the command-line entry; generateOpenApi() is what the test exercises */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await mkdir(dirname(OPENAPI_FILE), { recursive: true })
  const document = await generateOpenApi()
  await writeFile(OPENAPI_FILE, document)
  await writeFile(TYPES_FILE, await generateTypes(document))
}
/* c8 ignore stop */
