import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleHandler, REPO_ROOT } from '../../stacks/bundle';

describe('bundleHandler', () => {
  fs.mkdirSync(path.join(REPO_ROOT, '.gen'), { recursive: true });
  const work = fs.mkdtempSync(path.join(REPO_ROOT, '.gen', 'bundle-test-'));
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-bundles-'));
  const entry = path.relative(REPO_ROOT, path.join(work, 'handler.ts'));
  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(cache, { recursive: true, force: true });
  });

  fs.writeFileSync(path.join(work, 'greeting.ts'), "export const greeting = 'hello';\n");
  fs.writeFileSync(
    path.join(work, 'handler.ts'),
    "import { greeting } from './greeting';\nexport const handler = async () => greeting;\n",
  );

  it('builds a minified CommonJS bundle with a source map that exports the handler', async () => {
    const bundle = bundleHandler(entry, 'greeter', cache);
    expect(bundle.built).toBe(true);
    expect(fs.readdirSync(bundle.dir).sort()).toEqual(['code.zip', 'index.js', 'index.js.map', 'inputs.json']);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { handler } = require(path.join(bundle.dir, 'index.js')) as { handler: () => Promise<string> };
    expect(await handler()).toBe('hello');
  });

  it('reuses the bundle while no input changed, and rebuilds when an imported file changes', () => {
    expect(bundleHandler(entry, 'greeter', cache).built).toBe(false);
    fs.writeFileSync(path.join(work, 'greeting.ts'), "export const greeting = 'hi';\n");
    const rebuilt = bundleHandler(entry, 'greeter', cache);
    expect(rebuilt.built).toBe(true);
    expect(fs.readFileSync(path.join(rebuilt.dir, 'index.js'), 'utf8')).toContain('"hi"');
  });

  it('puts the AWS SDK in sdk.js, which index.js requires on first use and not when it loads', () => {
    fs.writeFileSync(
      path.join(work, 'sdk-handler.ts'),
      [
        "import type { SNSClient } from '@aws-sdk/client-sns';",
        'export const handler = async () => {',
        '  // eslint-disable-next-line @typescript-eslint/no-require-imports',
        "  const sns = require('@aws-sdk/client-sns') as { SNSClient: typeof SNSClient };",
        "  return new sns.SNSClient({ region: 'us-east-1' }).config.region();",
        '};',
        '',
      ].join('\n'),
    );
    const bundle = bundleHandler(path.relative(REPO_ROOT, path.join(work, 'sdk-handler.ts')), 'sdk-user', cache);
    expect(fs.readdirSync(bundle.dir).sort()).toEqual([
      'code.zip',
      'index.js',
      'index.js.map',
      'inputs.json',
      'sdk.js',
      'sdk.js.map',
    ]);
    expect(bundle.entryBytes).toBe(fs.statSync(path.join(bundle.dir, 'index.js')).size);
    expect(bundle.bytes).toBe(bundle.entryBytes + fs.statSync(path.join(bundle.dir, 'sdk.js')).size);
    // index.js holds the handler and a stub per SDK import; the SNS client's code is in sdk.js.
    expect(bundle.entryBytes).toBeLessThan(2048);
    expect(loadedThenHandled(bundle.dir)).toEqual({ atLoad: [], afterHandler: ['sdk.js'], result: 'us-east-1' });
  });

  it('zips the bundle files, and only them, as a package Python reads back byte for byte', () => {
    const bundle = bundleHandler(entry, 'greeter', cache);
    const listing = execFileSync('python3', ['-c', READ_ZIP, bundle.zip], { encoding: 'utf8' });
    const entries = JSON.parse(listing) as { name: string; mode: string; date: number[]; sha256: string }[];
    expect(entries.map((e) => e.name)).toEqual(['index.js', 'index.js.map']);
    for (const e of entries) {
      expect(e).toMatchObject({ mode: '0o100644', date: [1980, 1, 1, 0, 0, 0] });
      expect(e.sha256).toBe(
        createHash('sha256')
          .update(fs.readFileSync(path.join(bundle.dir, e.name)))
          .digest('hex'),
      );
    }
  });

  it('gives the same zip bytes when the same code is built again elsewhere', () => {
    const first = fs.readFileSync(bundleHandler(entry, 'greeter', cache).zip);
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-bundles-again-'));
    try {
      const again = bundleHandler(entry, 'greeter', elsewhere);
      expect(again.built).toBe(true);
      expect(fs.readFileSync(again.zip).equals(first)).toBe(true);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

/** In a fresh process: the bundle files loaded by requiring index.js, then after one call of its handler. */
function loadedThenHandled(dir: string): { atLoad: string[]; afterHandler: string[]; result: unknown } {
  const script = `
    const dir = ${JSON.stringify(dir)};
    const loaded = () => Object.keys(require.cache).filter((f) => f.startsWith(dir) && !f.endsWith('index.js')).map((f) => f.slice(dir.length + 1));
    const { handler } = require(dir + '/index.js');
    const atLoad = loaded();
    handler().then((result) => console.log(JSON.stringify({ atLoad, afterHandler: loaded(), result })));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: 'pipe' })) as ReturnType<
    typeof loadedThenHandled
  >;
}

/** Lists a zip with Python's reader (which checks every CRC): name, Unix mode, timestamp and SHA-256 per entry. */
const READ_ZIP = `
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None
    print(json.dumps([{"name": i.filename, "mode": oct(i.external_attr >> 16), "date": list(i.date_time),
        "sha256": hashlib.sha256(z.read(i)).hexdigest()} for i in z.infolist()]))
`;
