// A typed client of the service for a portal's TypeScript back end: openapi-fetch over the types
// generated from the committed document (openapi/schema.d.ts), so that a change to the contract
// breaks the portal's build rather than its sign-ups. Copy this file and schema.d.ts, or import
// them from this repository; `npm install openapi-fetch`.
import createClient from 'openapi-fetch'
import type { paths } from './schema.js'

export type { components, paths } from './schema.js'

/** A client of the service at `baseUrl`, presenting `apiKey` (a secret key: back ends only). */
export function createEmailCheckClient(baseUrl: string, apiKey?: string) {
  return createClient<paths>({ baseUrl, headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} })
}
