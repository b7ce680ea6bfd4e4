import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** The lines a `== n/m <title>` step of scripts/start.sh printed, blank lines left out. */
function stepOutput(stdout: string, title: RegExp): string[] {
  const steps = stdout.split(/^== /m).slice(1);
  const step = steps.find((text) => title.test(text.split('\n')[0]));
  if (!step) throw new Error(`no step matching ${title} in:\n${stdout}`);
  return step
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '');
}

describe('npm start (scripts/start.sh on the built project)', () => {
  let stdout = '';

  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'stacks', 'main.js'))) throw new Error('run npm run build first');
    const run = spawnSync('bash', [path.join(ROOT, 'scripts', 'start.sh')], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`start.sh failed (exit ${run.status ?? run.signal}):\n${run.stderr}`);
    stdout = run.stdout;
  });

  it('reports the split in one line: chunks, bytes and where the manifest is', () => {
    const lines = stepOutput(stdout, /^\d+\/\d+ split /);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toEqual({
      chunks: 4,
      bytes: expect.any(Number),
      manifest: 'out/chunks/manifest.json',
    });
  });

  it('says how many summaries the digest merged, in singular for one', () => {
    const lines = stepOutput(stdout, /^\d+\/\d+ digest /);
    expect(lines).toContain('Source: `out/summaries` · 1 summary merged');
  });
});
