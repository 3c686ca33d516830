// `npm run build`, after the type check: bundles the server into dist/ with esbuild.
//
// Why a bundle: Node resolved, read and compiled some 600 module files at every start (the
// dependencies' CommonJS through the ES module loader), a third of a cold start; one bundle
// starts ~150 ms sooner (bench/HISTORY.md). The tests run the sources; test/dockerfile.test.ts
// builds and runs this bundle as the image does.
//
// The server and the lists snapshot writer share their code through a chunk, so that the
// writer keys the snapshot with the very code the server runs (see src/io/lists.ts).
import { rm } from 'node:fs/promises'
import { build } from 'esbuild'

await rm('dist', { recursive: true, force: true })
await build({
  // The server, the lists snapshot writer and the audit command (dist/audit.js, the package's bin).
  entryPoints: { server: 'src/server.ts', 'snapshot-lists': 'src/snapshot-lists.ts', audit: 'src/audit/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Swagger UI serves its files from its own package folder: it stays a package.
  external: ['@fastify/swagger-ui'],
  // The dependencies are CommonJS and some call require() for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
})
