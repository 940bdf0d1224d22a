#!/usr/bin/env node
/**
 * Part of `npm test` (before vitest): makes sure the Chromium that the review page's browser tests
 * drive (through playwright-core) is there: `$CHROMIUM` when it is set, else Debian's
 * `/usr/bin/chromium`.
 *
 * When `/usr/bin/chromium` is missing on Debian (or Ubuntu) and this runs as root (or with sudo that
 * needs no password), it installs Debian's `chromium` package with apt-get, saying so. Otherwise it
 * fails with a message that says what to install: the browser tests are never skipped.
 */

import {spawnSync} from 'node:child_process'
import {accessSync, constants, existsSync, readFileSync} from 'node:fs'

const DEFAULT = '/usr/bin/chromium'
const configured = process.env.CHROMIUM
const executable = configured || DEFAULT

function say(line) {
  console.log(`ensure-chromium: ${line}`)
}

function fail(lines) {
  for (const line of lines) console.error(`ensure-chromium: ${line}`)
  process.exit(1)
}

function runnable(file) {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The browser's own version line, or undefined when it does not start. */
function version(file) {
  const result = spawnSync(file, ['--version'], {encoding: 'utf8', timeout: 60_000})
  return result.status === 0 ? result.stdout.trim() : undefined
}

function isDebian() {
  if (existsSync('/etc/debian_version')) return true
  try {
    return /^ID(?:_LIKE)?=.*\b(?:debian|ubuntu)\b/m.test(readFileSync('/etc/os-release', 'utf8'))
  } catch {
    return false
  }
}

/** How to run apt-get as root: directly, through sudo without a password, or not at all. */
function asRoot() {
  if (process.getuid?.() === 0) return []
  const sudo = spawnSync('sudo', ['-n', 'true'], {stdio: 'ignore'})
  return sudo.status === 0 ? ['sudo', '-n'] : undefined
}

function apt(prefix, args) {
  const [command, ...rest] = [...prefix, 'apt-get', ...args]
  say(`$ ${[command, ...rest].join(' ')}`)
  // apt-get's own output goes to standard output: it is progress, not an error of the tests.
  const result = spawnSync(command, rest, {stdio: ['ignore', 'inherit', 'inherit'], env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}})
  return result.status === 0
}

if (runnable(executable)) {
  const line = version(executable)
  if (!line) fail([`${executable} is there but does not start (\`${executable} --version\` failed).`, configured ? 'Point CHROMIUM at a working Chromium or Chrome.' : 'Reinstall it: apt-get install --reinstall chromium'])
  say(`${line} at ${executable}`)
  process.exit(0)
}

if (configured) fail([`CHROMIUM=${configured} is not an executable file.`, `Unset CHROMIUM to use Debian's ${DEFAULT}, or point it at a Chromium or Chrome.`])

const manual = `Install Chromium (Debian: apt-get install chromium), or set CHROMIUM to the path of a Chromium or Chrome; the review page's browser tests need it.`
if (process.platform !== 'linux' || !isDebian()) fail([`no Chromium at ${DEFAULT}, and this is not Debian, so it is not installed for you.`, manual])
const prefix = asRoot()
if (!prefix) fail([`no Chromium at ${DEFAULT}; installing Debian's chromium package needs root (or sudo without a password).`, `Run: sudo apt-get install chromium   (then npm test again), or set CHROMIUM.`])

say(`no Chromium at ${DEFAULT}: installing Debian's chromium package (once; the review page's browser tests need it)`)
const lock = ['-o', 'DPkg::Lock::Timeout=300', '-o', 'Acquire::Retries=3']
if (!apt(prefix, [...lock, 'update']) || !apt(prefix, [...lock, 'install', '-y', 'chromium'])) {
  fail([`apt-get could not install chromium (see its output above).`, manual])
}
const line = runnable(DEFAULT) ? version(DEFAULT) : undefined
if (!line) fail([`chromium was installed but ${DEFAULT} does not start.`, manual])
say(`installed ${line} at ${DEFAULT}`)
