// Loaded with --import into a process the benchmark measures: at exit, writes the process's peak
// resident set size (KiB, from getrusage) to the file named by BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs'

const file = process.env.BENCH_RSS_FILE
if (file) process.once('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)))
