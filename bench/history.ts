// The HTTP part's figures of every default run, one row added to a table of bench/HISTORY.md, so
// that runs (and the commits they measured) can be compared over time. Runs with shortened
// settings (BENCH_DURATION, BENCH_ROUNDS) or without all three HTTP modes write nothing: their
// figures are not comparable.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fmt, fmtInt } from './format.js'
import type { HttpMode } from './http.js'
import { ROOT } from './lib.js'
import { HTTP_DEFAULTS, SETTINGS } from './settings.js'

export const HISTORY_FILE = join(ROOT, 'bench', 'HISTORY.md')
export const HEADING = '## HTTP: every default run of `npm run bench`'
const INTRO = [
  '',
  'Written by the benchmark (bench/history.ts), one row per run with the default settings; see',
  'bench/README.md for the method. Ratios: service ÷ bare Fastify answering the same bytes, the',
  'median of the per-round ratios (min–max). CPU: server CPU µs per request, service / reference.',
  'Runs on a busy machine (load average above the core count) are rough.',
  '',
  '| run (UTC) | commit | load at start / end | pinned | logging off, mix | logging off, one address | production logging | CPU mix | CPU one address | CPU logging |',
  '|---|---|---|---|---|---|---|---|---|---|',
]

export interface HistoryRun {
  at: string
  commit: string | null
  dirty: boolean | null
  loadStart: number | null
  loadEnd: number | null
  silent: HttpMode
  single: HttpMode
  info: HttpMode
}

/** Whether this run's HTTP figures go into the history: all three modes, default settings. */
export function historyRun(silent: HttpMode | null, single: HttpMode | null, info: HttpMode | null): { silent: HttpMode; single: HttpMode; info: HttpMode } | null {
  if (!silent || !single || !info) return null
  if (SETTINGS.durationSeconds !== HTTP_DEFAULTS.durationSeconds || SETTINGS.rounds !== HTTP_DEFAULTS.rounds) return null
  return { silent, single, info }
}

const ratio = (m: HttpMode): string => `${fmt(m.ratios.rps.median, 2)} (${fmt(m.ratios.rps.min, 2)}–${fmt(m.ratios.rps.max, 2)})`
const cpu = (m: HttpMode): string => `${fmtInt(m.service.median.cpuUsPerRequest)} / ${fmtInt(m.referenceFigures.median.cpuUsPerRequest)}`

export function historyRow(r: HistoryRun): string {
  const cells = [
    r.at.slice(0, 16).replace('T', ' '),
    `${r.commit ?? '?'}${r.dirty ? ' (uncommitted changes)' : ''}`,
    `${fmt(r.loadStart, 2)} / ${fmt(r.loadEnd, 2)}`,
    r.silent.pinning ? 'yes' : 'no',
    ratio(r.silent),
    ratio(r.single),
    ratio(r.info),
    cpu(r.silent),
    cpu(r.single),
    cpu(r.info),
  ]
  return `| ${cells.join(' | ')} |`
}

/** Adds the row under the section's table, making the section (at the end) when there is none. */
export function addHistoryRow(row: string, file = HISTORY_FILE): void {
  const lines = readFileSync(file, 'utf8').replace(/\n+$/, '').split('\n')
  const at = lines.indexOf(HEADING)
  if (at === -1) {
    lines.push('', HEADING, ...INTRO, row)
  } else {
    let i = lines.findIndex((l, j) => j > at && l.startsWith('|'))
    if (i === -1) throw new Error(`${file}: no table under "${HEADING}"`)
    while (i < lines.length && lines[i]!.startsWith('|')) i++
    lines.splice(i, 0, row)
  }
  writeFileSync(file, `${lines.join('\n')}\n`)
}
