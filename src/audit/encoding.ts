// Which encoding a CSV export is in, and the streams that read and write it. Japanese Excel saves
// "CSV" in Shift_JIS (precisely Windows-31J, CP932); "CSV UTF-8" with a BOM. A file that is valid
// UTF-8 throughout is taken as UTF-8 (Shift_JIS text with any Japanese in it almost never is);
// anything else as CP932.
import { createReadStream } from 'node:fs'
import type { Transform } from 'node:stream'
import iconv from 'iconv-lite'

export type Encoding = 'utf8' | 'cp932'
/** What the report is written in: UTF-8 with or without a BOM, or CP932. */
export type OutputEncoding = Encoding | 'utf8-bom'

const NAMES: Record<string, OutputEncoding> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  'utf8-bom': 'utf8-bom',
  'utf-8-bom': 'utf8-bom',
  cp932: 'cp932',
  'windows-31j': 'cp932',
  'shift-jis': 'cp932',
  shift_jis: 'cp932',
  sjis: 'cp932',
  ms932: 'cp932',
}

/** The encoding a user named, in any usual spelling; null when it is not one we read or write. */
export function encodingByName(name: string): OutputEncoding | null {
  return NAMES[name.trim().toLowerCase()] ?? null
}

export interface Detected {
  encoding: Encoding
  /** The file starts with a UTF-8 byte order mark. */
  bom: boolean
  /** The first line ends with CRLF (as Excel writes): the report's lines do too. */
  crlf: boolean
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf])

/**
 * Reads the file once: valid UTF-8 from end to end, else CP932. The whole file, not a prefix:
 * an export can be ASCII for thousands of rows before its first Japanese name.
 */
export async function detectEncoding(file: string, forced?: Encoding): Promise<Detected> {
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  let head: Buffer | null = null
  let valid = forced === undefined
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    head ??= chunk
    if (!valid) break
    try {
      utf8.decode(chunk, { stream: true })
    } catch {
      valid = false
    }
  }
  if (valid) {
    try {
      utf8.decode()
    } catch {
      // The file ends inside a character.
      valid = false
    }
  }
  const first = head ?? Buffer.alloc(0)
  const nl = first.indexOf(10)
  return {
    encoding: forced ?? (valid ? 'utf8' : 'cp932'),
    bom: first.subarray(0, 3).equals(BOM),
    crlf: nl > 0 && first[nl - 1] === 13,
  }
}

/** Bytes in `encoding` to text; a UTF-8 BOM is dropped. */
export const decoder = (encoding: Encoding): Transform => iconv.decodeStream(encoding) as unknown as Transform

/** Text to bytes in `encoding`; a character CP932 cannot hold becomes "?". */
export const encode = (text: string, encoding: Encoding): Buffer => iconv.encode(text, encoding)
