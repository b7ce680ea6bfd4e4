/**
 * What the benchmarks share: generated CloudTrail data sets kept in `bench/.data/` (git-ignored), command-line
 * options, and timed runs of a command or of the `logfed` CLI with its peak memory.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGunzip } from 'node:zlib';
import { generate } from '../src/generate';

const ROOT = path.resolve(__dirname, '..', '..');
export const DATA = path.join(ROOT, 'bench', '.data');
const CLI = path.join(ROOT, 'bin', 'logfed.js');
const PROBE = path.join(__dirname, 'peak-rss-probe.js');
export const MIB = 1024 ** 2;

export interface Dataset {
  readonly dir: string;
  readonly files: string[];
  readonly events: number;
  readonly uncompressedBytes: number;
  readonly compressedBytes: number;
}

export interface Run {
  readonly seconds: number;
  readonly stdout: string;
  readonly peakRssBytes?: number;
}

export function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return value;
}

/** Generates the data set unless a complete one is cached (its `meta.json` is written last). */
export async function dataset(name: string, events: number, files: number): Promise<Dataset> {
  const dir = path.join(DATA, name);
  const metaFile = path.join(dir, 'meta.json');
  if (!fs.existsSync(metaFile)) {
    fs.rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`generating ${events.toLocaleString('en')} events in ${files} file(s) under ${dir} …\n`);
    const result = await generate({ events, files, out: path.join(dir, 'logs'), seed: 2026 });
    const relative = result.files.map((file) => path.relative(dir, file));
    let uncompressedBytes = 0;
    for (const file of result.files) uncompressedBytes += await gunzippedSize(file);
    fs.writeFileSync(metaFile, JSON.stringify({ files: relative, events, uncompressedBytes }));
  }
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as {
    files: string[];
    events: number;
    uncompressedBytes: number;
  };
  const filesAbsolute = meta.files.map((file) => path.join(dir, file));
  const compressedBytes = filesAbsolute.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  return {
    dir: path.join(dir, 'logs'),
    files: filesAbsolute,
    events: meta.events,
    uncompressedBytes: meta.uncompressedBytes,
    compressedBytes,
  };
}

function gunzippedSize(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0;
    fs.createReadStream(file)
      .pipe(createGunzip())
      .on('data', (chunk: Buffer) => (size += chunk.length))
      .on('end', () => resolve(size))
      .on('error', reject);
  });
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
