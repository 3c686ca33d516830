// A registry publisher for the scale part's PARTNERS_URL run: serves one file (BENCH_REGISTRY_FILE)
// at any path, streamed from disk with its length and an ETag, and answers 304 to a matching
// If-None-Match, as a system of record or an object store would. In a process of its own, so
// that the loading process's memory is its own.
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'

const file = process.env.BENCH_REGISTRY_FILE
if (!file) throw new Error('BENCH_REGISTRY_FILE is not set')
const server = createServer((req, res) => {
  const s = statSync(file)
  const etag = `"${s.size.toString(16)}-${Math.round(s.mtimeMs).toString(16)}"`
  if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end()
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': s.size, etag })
  createReadStream(file).pipe(res)
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number }
  process.stdout.write(`Server listening at http://127.0.0.1:${port}\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
