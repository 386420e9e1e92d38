/**
 * Key-pattern matching time against 512-byte keys, worst case: hostile globs, `^…` regexes and
 * access patterns, compiled as the server compiles them (globs in one pass, regexes with RE2
 * within MAX_RE2_INSTRUCTIONS), each timed in CPU time (other processes on the machine do not
 * count) on freshly compiled tokens (cold DFA, the slowest case) and on one reused token. "Before" is the former matcher (globs as `.*` chains, regexes with the
 * platform's backtracking RegExp), timed on growing keys until one match passes a second.
 * `npm run bench:patterns`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MAX_KEY_BYTES } from '../lib/protocol';
import { createRe2Compiler } from '../lib/server/re2-regex';
import { compileTokenPatterns } from '../lib/server/token-patterns';

type Kind = 'glob' | 'regex' | 'access';

interface Case {
  kind: Kind;
  pattern: string;
  /** The worst key of `length` characters for this pattern. */
  key: (length: number) => string;
}

const COLD_SAMPLES = 20;
const WARM_SAMPLES = 200;
const BEFORE_BUDGET_MS = 1000;

/** The largest `n` for which `make(n)` fits the token's RE2 budget. */
function largestFitting(make: (n: number) => string): number {
  let n = 1;
  const fits = (count: number): boolean => {
    try {
      createRe2Compiler()(make(count));
      return true;
    } catch {
      return false;
    }
  };
  while (fits(n * 2)) n *= 2;
  for (let step = n / 2; step >= 1; step /= 2) if (fits(n + step)) n += step;
  return n;
}

const as = (length: number): string => 'a'.repeat(length);
const asThenBang = (length: number): string => `${'a'.repeat(length - 1)}!`;
const globStars = `${'*a'.repeat(255)}*!`;
const dotA = largestFitting((n) => `^(.*a){${n}}$`);
const optionalA = largestFitting((n) => `^(?:a?){${n}}a{${n}}$`);
const tailClass = largestFitting((n) => `[ab]*a[ab]{${n}}$`);

const CASES: Case[] = [
  { kind: 'glob', pattern: '*a*a*a*a*a*a*a*!', key: as },
  { kind: 'glob', pattern: globStars, key: as },
  { kind: 'glob', pattern: `*${'a'.repeat(255)}b*`, key: as },
  { kind: 'regex', pattern: '^(a+)+$', key: asThenBang },
  { kind: 'regex', pattern: '^(a|a)*$', key: asThenBang },
  { kind: 'regex', pattern: `^(.*a){${dotA}}$`, key: (length) => `${as(length - 1)}b` },
  { kind: 'regex', pattern: `^(?:a?){${optionalA}}a{${optionalA}}$`, key: as },
  { kind: 'access', pattern: '(x+x+)+y', key: (length) => 'x'.repeat(length) },
  { kind: 'access', pattern: '^(a+)+$', key: asThenBang },
  { kind: 'access', pattern: `[ab]*a[ab]{${tailClass}}$`, key: (length) => 'ab'.repeat(length / 2) },
];

function matcherFor(testCase: Case): (key: string) => boolean {
  const { subscriptions, access } = testCase.kind === 'access' ? compileTokenPatterns([], testCase.pattern) : compileTokenPatterns([testCase.pattern]);
  return access ?? subscriptions;
}

/**
 * The matcher this replaced (globs as `^…$` with `.*` for each `*`, regexes with the platform's
 * RegExp), timed in a worker on keys growing by 2 characters until one match passes the budget.
 * The worker is terminated at 5× the budget: one step can turn seconds into centuries.
 */
const FORMER = `
  const { parentPort, workerData: { source, flags, keys } } = require('node:worker_threads');
  const regex = new RegExp(source, flags);
  for (const key of keys) {
    const started = process.hrtime.bigint();
    regex.test(key);
    parentPort.postMessage({ length: key.length, ms: Number(process.hrtime.bigint() - started) / 1e6 });
  }
`;

/** The former compile step: a glob became `^…$` with `.*` for each `*`. */
function formerRegex(testCase: Case): { source: string; flags: string } {
  if (testCase.kind !== 'glob') return { source: testCase.pattern, flags: '' };
  const parts = testCase.pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { source: `^${parts.join('.*')}$`, flags: 's' };
}

function before(testCase: Case): Promise<{ length: number; ms: number; stopped: boolean }> {
  const keys: string[] = [];
  for (let length = 8; length <= MAX_KEY_BYTES; length += 2) keys.push(testCase.key(length));
  const worker = new Worker(FORMER, { eval: true, workerData: { ...formerRegex(testCase), keys } });
  let last = { length: 0, ms: 0, stopped: false };
  return new Promise((done) => {
    let watchdog = setTimeout(() => stop(true), 5 * BEFORE_BUDGET_MS);
    const stop = (stopped: boolean): void => {
      clearTimeout(watchdog);
      if (stopped) last = { length: last.length + 2, ms: 5 * BEFORE_BUDGET_MS, stopped: true };
      void worker.terminate().then(() => done(last));
    };
    worker.on('message', (result: { length: number; ms: number }) => {
      last = { ...result, stopped: false };
      clearTimeout(watchdog);
      if (result.ms > BEFORE_BUDGET_MS || result.length >= MAX_KEY_BYTES) return stop(false);
      watchdog = setTimeout(() => stop(true), 5 * BEFORE_BUDGET_MS);
    });
  });
}

/** CPU time of `run` in ms: immune to other processes taking the core, unlike wall time. */
function cpuMs(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

interface Timing {
  median: number;
  worst: number;
}

function summary(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], worst: sorted[sorted.length - 1] };
}

/** Cold: each sample compiles the token afresh (RE2's lazy DFA starts empty). Warm: one token, reused. */
function after(testCase: Case): { cold: Timing; warm: Timing } {
  const key = testCase.key(MAX_KEY_BYTES);
  const cold: number[] = [];
  for (let i = 0; i < COLD_SAMPLES; i++) {
    const matches = matcherFor(testCase);
    cold.push(cpuMs(() => matches(key)));
  }
  const matches = matcherFor(testCase);
  const warm: number[] = [];
  for (let i = 0; i < WARM_SAMPLES; i++) warm.push(cpuMs(() => matches(key)));
  return { cold: summary(cold), warm: summary(warm) };
}

async function main(): Promise<void> {
  // One untimed pass, so the first case does not pay for compiling the matchers' own code.
  for (const testCase of CASES) after(testCase);
  const rows = [];
  for (const testCase of CASES) rows.push({ kind: testCase.kind, pattern: testCase.pattern, before: await before(testCase), after: after(testCase) });
  const short = (pattern: string): string => (pattern.length > 28 ? `${pattern.slice(0, 25)}…` : pattern);
  const ms = (value: number): string => (value >= 1 ? `${value.toFixed(1)} ms` : `${(value * 1000).toFixed(0)} µs`);
  console.log(`| kind | pattern | before: key length, one match | after, cold: median / worst of ${COLD_SAMPLES} | after, warm: median / worst of ${WARM_SAMPLES} |`);
  console.log('| --- | --- | --- | ---: | ---: |');
  for (const row of rows) {
    const former = `${row.before.length} chars: ${row.before.stopped ? `> ${ms(row.before.ms)} (stopped)` : ms(row.before.ms)}`;
    const { cold, warm } = row.after;
    console.log(`| ${row.kind} | \`${short(row.pattern)}\` | ${former} | ${ms(cold.median)} / ${ms(cold.worst)} | ${ms(warm.median)} / ${ms(warm.worst)} |`);
  }
  const worst: Record<string, number> = {};
  for (const row of rows) worst[row.kind] = Math.max(worst[row.kind] ?? 0, row.after.cold.worst);
  console.log(`worst CPU time of one ${MAX_KEY_BYTES}-char key, per kind (cold token): ${Object.entries(worst).map(([kind, value]) => `${kind} ${ms(value)}`).join(', ')}`);
  await mkdir(resolve(__dirname, 'results'), { recursive: true });
  await writeFile(resolve(__dirname, 'results/patterns.json'), `${JSON.stringify({ machine: { node: process.version, cpus: cpus().length }, rows, worst }, null, 2)}\n`);
}

void main();
