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
    expect(fs.readdirSync(bundle.dir).sort()).toEqual(['index.js', 'index.js.map', 'inputs.json']);
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
});
