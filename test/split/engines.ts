import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { splitFile } from '../../src/split';
import { javaHome, venvTool } from '../helpers/tools';

/** One split request in both engines' terms. */
export interface SplitCase {
  readonly input: string;
  readonly out: string;
  readonly sizing: { chunks: number } | { chunkSize: number; slices: number };
  readonly gzip: boolean;
}

export type Outcome = { ok: true } | { ok: false; error: string };

/** Runs every case and returns the outcomes in order; an engine is a way to run a list of cases. */
export type Engine = (cases: readonly SplitCase[]) => Promise<Outcome[]>;

export const localEngine: Engine = async (cases) => {
  const outcomes: Outcome[] = [];
  for (const c of cases) {
    try {
      await splitFile({ input: c.input, out: c.out, sizing: c.sizing, gzipLevel: c.gzip ? 6 : undefined });
      outcomes.push({ ok: true });
    } catch (error) {
      outcomes.push({ ok: false, error: (error as Error).message });
    }
  }
  return outcomes;
};

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The EMR job for real in pyspark local mode: all cases in one Python process, because Spark starts slowly.
 * `conf` adds Spark settings (e.g. the s3a connector and its endpoint).
 */
export const sparkEngineWith =
  (conf: Record<string, string>): Engine =>
  async (cases) => {
    // The case list lives in a folder of its own: outputs may be s3a:// locations.
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-cases-'));
    const list = path.join(workDir, 'spark-cases.json');
    fs.writeFileSync(list, JSON.stringify(cases.map(sparkArgs)));
    const python = venvTool('python');
    // Not spawnSync: a blocked event loop would stop draining a moto server's log pipe, and moto would hang.
    const child = spawn(python, [path.join(__dirname, 'spark_cases.py'), list], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...javaHome(),
        PYSPARK_PYTHON: python,
        PYSPARK_DRIVER_PYTHON: python,
        SPARK_CASES_CONF: JSON.stringify(conf),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-100_000)));
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
    const run = { stdout, stderr, status };
    fs.rmSync(workDir, { recursive: true, force: true });
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULTS '));
    if (!line) throw new Error(`spark_cases.py failed (exit ${run.status}): ${run.stderr.slice(-3000)}`);
    return JSON.parse(line.slice('RESULTS '.length)) as Outcome[];
  };

export const sparkEngine: Engine = sparkEngineWith({});

function sparkArgs(c: SplitCase): string[] {
  const sizing =
    'chunks' in c.sizing
      ? ['--chunks', String(c.sizing.chunks)]
      : ['--chunk-size', String(c.sizing.chunkSize), '--slices', String(c.sizing.slices)];
  return ['--input', c.input, '--output', c.out, ...sizing, ...(c.gzip ? ['--gzip'] : [])];
}
