/** Timed runs the benchmarks share: of any command, or of the `logfed` CLI with its peak memory. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DATA } from './datasets';

const CLI = path.join(path.resolve(__dirname, '..', '..'), 'bin', 'logfed.js');
const PROBE = path.join(__dirname, 'peak-rss-probe.js');
export const MIB = 1024 ** 2;

export interface Run {
  readonly seconds: number;
  readonly stdout: string;
  readonly peakRssBytes?: number;
}

/** Runs a command to its end without blocking this process (a benchmark may serve the command meanwhile). */
export async function timed(
  label: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Run> {
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${label} failed (exit ${code ?? signal}): ${stderr}`);
  return { seconds, stdout };
}

/** `logfed <args…>` in its own process, timed, with its peak resident memory. */
export async function logfed(args: readonly string[]): Promise<Run> {
  const rssFile = path.join(DATA, `peak-rss-${process.pid}`);
  const run = await timed(`logfed ${args[0]}`, process.execPath, ['--require', PROBE, CLI, ...args], {
    ...process.env,
    LOGFED_PEAK_RSS_FILE: rssFile,
  });
  const peakRssBytes = Number(fs.readFileSync(rssFile, 'utf8'));
  fs.rmSync(rssFile);
  return { ...run, peakRssBytes };
}
