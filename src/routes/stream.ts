// POST /validate-email/stream: NDJSON in, NDJSON out. Each line is the body POST /validate-email
// takes and is answered, in order, by the verdict that endpoint gives it, or by one problem
// line naming the line at fault; the stream goes on after a bad line. Answers are written as the
// lines arrive, and the request is read only as fast as the client reads the answers (a Node
// stream pipeline: backpressure both ways), so memory stays flat over millions of lines.
import type { Socket } from 'node:net'
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream'
import { domainToASCII } from 'node:url'
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import { validatorCompiler } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { mapLimit } from '../concurrency.js'
import type { Config } from '../config.js'
import { checkEmail, type CheckContext } from '../core/check.js'
import { withDeliverability } from '../core/deliverability.js'
import { negotiateLang, type Lang } from '../core/messages.js'
import type { PartnerType } from '../core/partner-types.js'
import type { DeliverabilityChecker } from '../io/dns.js'
import { problem, problemFromError } from '../errors.js'
import type { Metrics } from '../metrics.js'
import { AcceptLanguageHeadersSchema, API_PROBLEMS, API_SECURITY, ProblemSchema, problemResponse, ValidateEmailBodySchema, VerdictSchema, type Problem, type Verdict } from '../schemas.js'
import { verdictJson } from '../verdict-json.js'
import type { Services } from '../services.js'
import { resolveChosenType, unknownPartnerType } from './validate-email.js'

export const NDJSON = 'application/x-ndjson'
/** Also taken as NDJSON: the same format under its other names. */
const NDJSON_TYPES = [NDJSON, 'application/jsonl', 'application/x-jsonlines']

/**
 * What a stream's lines cost against the client's rate limit: as a batch, one address a line
 * (app.chargeAddresses), charged as lines are read; false answers the next line with
 * RATE_LIMITED and ends the stream.
 */
export type ChargeLines = (request: FastifyRequest, lines: number) => boolean

/** Sockets serving a stream: their request may outlast REQUEST_TIMEOUT_MS (see clientError in src/plugins/errors.ts). */
const STREAMING = new WeakSet<Socket>()
export const isStreaming = (socket: Socket): boolean => STREAMING.has(socket)

export interface StreamDeps {
  config: Pick<Config, 'bodyLimit' | 'deliverabilityCheck' | 'dnsTimeoutMs' | 'requestTimeoutMs' | 'streamMaxLines'>
  context: () => CheckContext
  dns: Pick<DeliverabilityChecker, 'check'>
  metrics: Pick<Metrics, 'verdict'>
  charge: ChargeLines
  /** The partner type a line chose: null when none, undefined when no type has that name. */
  resolveType: (name: string | undefined) => PartnerType | null | undefined
  unknownType: (request: FastifyRequest, name: string) => Problem
}

export const StreamLineSchema = ValidateEmailBodySchema.describe(
  'One line of the stream: the body POST /validate-email takes, as one line of JSON (NDJSON). A line longer than BODY_LIMIT bytes is answered with PAYLOAD_TOO_LARGE.',
)
const StreamAnswerSchema = z.union([VerdictSchema, ProblemSchema]).describe('One line of the answer: the verdict for the line in the same place, or a problem (with `line`) when that line is malformed.')

const validateLine = validatorCompiler({ schema: StreamLineSchema, method: 'POST', url: '/validate-email/stream', httpPart: 'body' }) as (
  data: unknown,
) => { value: z.infer<typeof StreamLineSchema> } | { error: NonNullable<FastifyError['validation']> }

/** What is known of one line once read: a check to make, or the problem that answers it. */
type Judged = { email: string; type: PartnerType | null; dns: boolean } | Problem

interface Tally {
  lines: number
  accepted: number
  problems: number
}

/**
 * The stream of answers: written to with the request's bytes, read as NDJSON answers. Lines are
 * cut on "\n" (a "\r" before it is dropped) and each is answered; a line past `maxLineBytes` is
 * not kept whole, only skipped to its end and answered with PAYLOAD_TOO_LARGE.
 */
export class NdjsonChecker extends Transform {
  #parts: Buffer[] = []
  #partBytes = 0
  #overlong = false
  #line = 0
  #done = false
  #idle: NodeJS.Timeout
  readonly tally: Tally = { lines: 0, accepted: 0, problems: 0 }

  constructor(
    private readonly request: FastifyRequest,
    private readonly deps: StreamDeps,
    private readonly lang: Lang,
    private readonly parseJson: (text: string) => { value: unknown } | { error: FastifyError },
  ) {
    super({ readableHighWaterMark: 64 * 1024 })
    const { requestTimeoutMs } = deps.config
    // Node's REQUEST_TIMEOUT_MS bounds a whole request; a stream's bounds each silence instead.
    this.#idle = setTimeout(() => this.#timedOut(), requestTimeoutMs)
    this.once('close', () => clearTimeout(this.#idle))
  }

  override _read(size: number): void {
    // The client reads: that is progress too.
    if (!this.#done) this.#idle.refresh()
    super._read(size)
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.#done) return callback()
    this.#idle.refresh()
    const lines: (string | null)[] = []
    let start = 0
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      lines.push(this.#take(chunk, start, nl))
      start = nl + 1
    }
    this.#keep(chunk, start)
    this.#answer(lines, callback)
  }

  override _flush(callback: TransformCallback): void {
    if (this.#done || (this.#partBytes === 0 && !this.#overlong)) return callback()
    this.#answer([this.#take(Buffer.alloc(0), 0, 0)], callback)
  }

  /** The line ending at `end` of `chunk`, with what came before it; null when it is too long. */
  #take(chunk: Buffer, start: number, end: number): string | null {
    const overlong = this.#overlong || this.#partBytes + (end - start) > this.deps.config.bodyLimit + 1
    let text: string | null = null
    if (!overlong) {
      text = this.#parts.length ? Buffer.concat([...this.#parts, chunk.subarray(start, end)]).toString('utf8') : chunk.toString('utf8', start, end)
      if (text.endsWith('\r')) text = text.slice(0, -1)
      // The "+ 1" above let a "\r" through; without it, the line must fit the limit itself.
      if (Buffer.byteLength(text) > this.deps.config.bodyLimit) text = null
    }
    this.#parts = []
    this.#partBytes = 0
    this.#overlong = false
    return text
  }

  #keep(chunk: Buffer, start: number): void {
    if (start === chunk.length || this.#overlong) return
    this.#partBytes += chunk.length - start
    if (this.#partBytes > this.deps.config.bodyLimit + 1) {
      this.#overlong = true
      this.#parts = []
    } else this.#parts.push(chunk.subarray(start))
  }

  #answer(lines: (string | null)[], callback: TransformCallback): void {
    const { streamMaxLines } = this.deps.config
    const first = this.#line + 1
    let ending: Problem | null = null
    if (streamMaxLines > 0 && this.#line + lines.length > streamMaxLines) {
      lines = lines.slice(0, Math.max(0, streamMaxLines - this.#line))
      ending = { ...problem(
          'TOO_MANY_LINES',
          this.request,
          { detail: `The stream has more than ${streamMaxLines} lines (STREAM_MAX_LINES); lines 1 to ${streamMaxLines} were answered.` },
          { detail: `ストリームが ${streamMaxLines} 行(STREAM_MAX_LINES)を超えました。1 行目から ${streamMaxLines} 行目までは回答済みです。` },
        ), line: streamMaxLines + 1 }
    }
    if (lines.length > 0 && !this.deps.charge(this.request, lines.length)) {
      lines = []
      ending = { ...problem('RATE_LIMITED', this.request), line: first }
    }
    this.#line += lines.length
    const judged = lines.map((text, i) => this.#judge(text, first + i))
    const finish = (text: string): void => {
      if (text) this.push(text)
      if (ending) this.#end(ending)
      callback()
    }
    if (!judged.some((j) => 'email' in j && j.dns)) return finish(this.#write(judged, []))
    void this.#withDns(judged).then(finish, callback)
  }

  async #withDns(judged: Judged[]): Promise<string> {
    const verdicts = judged.map((j) => ('email' in j ? this.#check(j) : null))
    // Each distinct domain once, a few at a time, within one DNS_TIMEOUT_MS for the lines read
    // together, as the batch does for its addresses.
    const deadline = Date.now() + this.deps.config.dnsTimeoutMs
    const ascii = verdicts.map((v, i) => (v?.domain && (judged[i] as { dns: boolean }).dns ? domainToASCII(v.domain) : null))
    const domains = [...new Set(ascii.filter((d) => d !== null))]
    const found = new Map(await mapLimit(domains, 16, async (d) => [d, await this.deps.dns.check(d, deadline)] as const))
    return this.#write(
      judged,
      verdicts.map((v, i) => (v && ascii[i] ? withDeliverability(v, found.get(ascii[i])!, this.lang) : v)),
    )
  }

  #check(j: Exclude<Judged, Problem>): Verdict {
    return checkEmail(j.email, this.#context, this.lang, j.type)
  }

  /** One registry for the whole stream: read from the store once, at the first line. */
  get #context(): CheckContext {
    return (this.#ctx ??= this.deps.context())
  }
  #ctx: CheckContext | undefined

  /** The answers to `judged`, in order; `verdicts[i]`, when given, is line i's verdict. */
  #write(judged: Judged[], verdicts: (Verdict | null)[]): string {
    let out = ''
    for (let i = 0; i < judged.length; i++) {
      const j = judged[i]!
      this.tally.lines++
      if ('email' in j) {
        const v = verdicts[i] ?? this.#check(j)
        this.deps.metrics.verdict(v)
        if (v.accepted) this.tally.accepted++
        out += `${verdictJson(v)}\n`
      } else {
        this.tally.problems++
        out += `${JSON.stringify(j)}\n`
      }
    }
    return out
  }

  #judge(text: string | null, line: number): Judged {
    const at = (p: Problem): Problem => ({ ...p, detail: this.lang === 'ja' ? `${line} 行目: ${p.detail}` : `Line ${line}: ${p.detail}`, line })
    if (text === null) {
      return at(problem(
          'PAYLOAD_TOO_LARGE',
          this.request,
          { detail: `the line is longer than ${this.deps.config.bodyLimit} bytes (BODY_LIMIT).` },
          { detail: `行が ${this.deps.config.bodyLimit} バイト(BODY_LIMIT)を超えています。` },
        ))
    }
    const parsed = this.parseJson(text)
    if ('error' in parsed) return at(problemFromError(parsed.error, this.request))
    const valid = validateLine(parsed.value)
    if ('error' in valid) return at(problemFromError(Object.assign(new Error('invalid line'), { validation: valid.error, validationContext: 'body' }) as FastifyError, this.request))
    const { email, partnerType, checkDeliverability } = valid.value
    const type = this.deps.resolveType(partnerType)
    if (type === undefined) return at(this.deps.unknownType(this.request, partnerType!))
    return { email, type, dns: checkDeliverability ?? this.deps.config.deliverabilityCheck }
  }

  /** Answers `last` and ends the answer; what the client still sends is read and dropped. */
  #end(last: Problem): void {
    this.#done = true
    clearTimeout(this.#idle)
    this.tally.problems++
    this.push(`${JSON.stringify(last)}\n`)
    this.push(null)
  }

  #timedOut(): void {
    // Not reached once done: #end clears the timer.
    if (this.readableLength > 0) {
      // Neither sending nor reading: nothing can reach the client, so let it go.
      this.destroy(new Error('stream stalled: the client neither sent nor read'))
      return
    }
    const seconds = this.deps.config.requestTimeoutMs / 1000
    this.#end({ ...problem(
        'REQUEST_TIMEOUT',
        this.request,
        { detail: `No data arrived for ${seconds} s (REQUEST_TIMEOUT_MS); the lines before were answered.` },
        { detail: `${seconds} 秒間(REQUEST_TIMEOUT_MS)データが届きませんでした。それより前の行には回答済みです。` },
      ), line: this.#line + 1 })
  }
}

/** POST /validate-email/stream: NDJSON in and out, line by line; its body parser kept to its own scope. */
export async function streamRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const deps: StreamDeps = {
    config: services.config,
    context: services.context,
    dns: services.dns,
    metrics: services.metrics,
    charge: (request, lines) => app.chargeAddresses(request, lines),
    resolveType: resolveChosenType,
    unknownType: unknownPartnerType,
  }
  const parser = app.getDefaultJsonParser('error', 'error')
  await app.register(async (scope) => {
    // The body reaches the route unread: the route reads it line by line. Nothing else is taken.
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser(NDJSON_TYPES, (_request, payload, done) => done(null, payload))
    scope.post(
      '/validate-email/stream',
      {
        // The body is a stream, checked line by line below; the schema is there for the document.
        validatorCompiler: (def) => (def.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(def as never)),
        schema: {
          operationId: 'validateEmailStream',
          security: API_SECURITY,
          summary: 'Check any number of addresses over one request, as NDJSON (audits of existing accounts)',
          description: [
            'Send `Content-Type: application/x-ndjson` and one JSON object a line, each the body POST /validate-email takes (`email`, optional `partnerType` and `checkDeliverability`). The answer is NDJSON too: one line per line sent, in order, each the verdict POST /validate-email would give, written as the lines are checked. The request is read only as fast as the answer is read, so a client can send millions of lines over one request.',
            '',
            'A malformed line (not JSON, an empty line, `email` missing, an unknown partnerType) is answered with one problem line carrying its `line` number, and the stream goes on. A line longer than BODY_LIMIT bytes is answered with PAYLOAD_TOO_LARGE. With STREAM_MAX_LINES set, the line past it is answered with TOO_MANY_LINES and the answer ends. A stream on which nothing is sent or read for REQUEST_TIMEOUT_MS ends with REQUEST_TIMEOUT. The whole stream is checked against one registry, the one serving when it started. API keys and the rate limit are those of the batch endpoint.',
          ].join('\n'),
          tags: ['validation'],
          consumes: NDJSON_TYPES,
          headers: AcceptLanguageHeadersSchema,
          body: StreamLineSchema,
          response: {
            200: { description: 'One NDJSON line per line sent, in order: a verdict, or a problem naming the line.', content: { [NDJSON]: { schema: StreamAnswerSchema } } },
            415: problemResponse('The body is not sent as application/x-ndjson (UNSUPPORTED_MEDIA_TYPE).'),
            ...API_PROBLEMS,
          },
        },
      },
      async (request, reply) => {
        const lang = negotiateLang(request.headers['accept-language'])
        const parseJson = (text: string): { value: unknown } | { error: FastifyError } => {
          let result: { value: unknown } | { error: FastifyError } = { value: undefined }
          parser(request, text, (err, value) => (result = err ? { error: err as FastifyError } : { value }))
          return result
        }
        const checker = new NdjsonChecker(request, deps, lang, parseJson)
        const socket = request.raw.socket
        STREAMING.add(socket)
        reply.raw.once('close', () => STREAMING.delete(socket))
        pipeline(request.body as Readable, checker, () => {
          // An aborted request ends here; the checker is destroyed with it and the reply with that.
        })
        request.logFacts = () => ({ stream: { ...checker.tally } })
        // A stream holds its connection to the end; the client's next request opens a new one.
        return reply.header('connection', 'close').header('content-language', lang).type(`${NDJSON}; charset=utf-8`).send(checker)
      },
    )
  })
}
