#!/usr/bin/env node
// The email-audit command: see cli.ts.
import { runAudit } from './cli.js'

process.exitCode = await runAudit(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env })
