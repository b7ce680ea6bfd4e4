import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const LOCAL = path.join(ROOT, 'dist', 'lambdas', 'log-intelligence', 'local.js');

describe('the handler on local folders (npm start step 5)', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-local-intelligence-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
  const run = () => spawnSync(process.execPath, [LOCAL, path.join(ROOT, 'samples', 'logs'), out], { encoding: 'utf8' });

  it('writes a summary per sample object and reports the grouped alerts', () => {
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('alerts (one per rule, principal and hour): 8');
    expect(result.stdout).toContain('[logfed critical] CloudTrail logging stopped (1x)');
    const summaries = fs
      .readdirSync(path.join(out, 'summaries'), { recursive: true })
      .filter((f) => String(f).endsWith('.json'));
    expect(summaries).toHaveLength(
      fs
        .readdirSync(path.join(ROOT, 'samples', 'logs'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile()).length,
    );
  });

  it('sends no alert twice when the same objects are announced again', () => {
    const again = run();
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('alerts (one per rule, principal and hour): 0');
  });

  it('exits 2 with the usage when a folder is missing', () => {
    const result = spawnSync(process.execPath, [LOCAL], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^usage: /);
  });
});
