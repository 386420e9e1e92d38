import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/**
 * CPU time (user + system, µs) another process has used so far, from /proc/PID/stat (Linux;
 * undefined elsewhere). Resolution is one clock tick (10 ms at the usual 100 Hz): fine over
 * runs of a second or more.
 */
export function processCpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime, stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
  } catch {
    return undefined;
  }
}

/** Fraction of `elapsedMs` that process `pid` was on a CPU since `startMicros`. */
export function busyFraction(pid: number, startMicros: number | undefined, elapsedMs: number): number | undefined {
  const now = processCpuMicros(pid);
  return now === undefined || startMicros === undefined ? undefined : (now - startMicros) / 1000 / elapsedMs;
}
