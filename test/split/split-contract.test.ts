import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { manifestUri, splitOutputUri, splitStepArgs } from '../../pipeline-definitions/split-contract';
import { venvTool } from '../helpers/tools';

const JOB_DIR = path.resolve(__dirname, '..', '..', 'pipeline-definitions', 'emr');

/** Parses arguments with the job's own argparse (no Spark needed) and returns what it understood. */
function parsedByJob(args: readonly string[]): Record<string, unknown> {
  const code =
    'import json, sys, split_chunks; print(json.dumps(vars(split_chunks.parser().parse_args(sys.argv[1:]))))';
  const run = spawnSync(venvTool('python'), ['-c', code, ...args], { cwd: JOB_DIR, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe('split step contract', () => {
  const output = splitOutputUri('s3://acme-chunks/', 'run-42', 's3://acme-landing/2026/11/28/orders.log.gz');

  it('places each run and input under its own prefix with the manifest beside the chunks', () => {
    expect(output).toBe('s3://acme-chunks/run-42/orders.log/');
    expect(manifestUri(output)).toBe('s3://acme-chunks/run-42/orders.log/manifest.json');
  });

  it('passes arguments the EMR job accepts, with the environment chunking', () => {
    const args = splitStepArgs({
      scriptUri: 's3://acme-artifacts/emr/split_chunks.py',
      inputUri: 's3://acme-landing/2026/11/28/orders.log.gz',
      outputUri: output,
      chunking: { sliceMultiple: 4, targetSizeMb: 256 },
    });
    expect(args.slice(0, 4)).toEqual([
      'spark-submit',
      '--deploy-mode',
      'cluster',
      's3://acme-artifacts/emr/split_chunks.py',
    ]);
    expect(parsedByJob(args.slice(4))).toEqual({
      input: 's3://acme-landing/2026/11/28/orders.log.gz',
      output,
      chunks: null,
      chunk_size: 256 * 2 ** 20,
      slices: 4,
      gzip: true,
    });
  });
});
