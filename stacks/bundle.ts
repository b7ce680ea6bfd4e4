import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository root, from the sources (jest) or from dist/: the nearest folder with package-lock.json
 * (dist/ holds a copy of package.json, which the CLI imports for its version, but no lock file).
 */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package-lock.json'))) dir = path.dirname(dir);
  return dir;
})();

/** Where bundles are cached, per entry, outside the synth output (git-ignored). */
export const BUNDLE_CACHE = path.join(REPO_ROOT, '.gen', 'bundles');

/** Settings of every Lambda bundle: Node.js 22 on arm64 runs this JavaScript; the SDK is bundled, not the runtime's. */
const BUILD = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  metafile: true,
} as const;

export interface Bundle {
  /** Folder holding `index.js` and `index.js.map`, ready to zip. */
  readonly dir: string;
  /** Bytes of `index.js`. */
  readonly bytes: number;
  /** Whether this call ran esbuild (false: the cached bundle matched its inputs). */
  readonly built: boolean;
}

interface CacheRecord {
  readonly key: string;
  /** Every file esbuild read, with the SHA-256 of its content when the bundle was built. */
  readonly inputs: Record<string, string>;
}

/**
 * Bundles a handler (a path relative to the repository root) with esbuild into `<cache>/<name>/`, or reuses the folder when none of the files the last
 * build read has changed: synth runs often (tests, the plan workflow, `npm start`) and a build takes seconds.
 * Builds go to a fresh folder that is renamed into place, so parallel synths never see half a bundle.
 */
export function bundleHandler(entry: string, name: string, cacheRoot = BUNDLE_CACHE): Bundle {
  const root = REPO_ROOT;
  const dir = path.join(cacheRoot, name);
  const key = hashText(JSON.stringify({ entry, BUILD, esbuild: esbuildVersion() }));
  const cached = readRecord(path.join(dir, 'inputs.json'));
  if (cached?.key === key && unchanged(cached.inputs, root)) {
    return { dir, bytes: fs.statSync(path.join(dir, 'index.js')).size, built: false };
  }
  fs.mkdirSync(cacheRoot, { recursive: true });
  const staging = fs.mkdtempSync(path.join(cacheRoot, `${name}.tmp-`));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    ...BUILD,
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: path.join(staging, 'index.js'),
  });
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile.inputs)) inputs[input] = hashFile(path.resolve(root, input));
  fs.writeFileSync(path.join(staging, 'inputs.json'), JSON.stringify({ key, inputs } satisfies CacheRecord));
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(staging, dir);
  } catch {
    // Another synth put the same bundle in place first.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { dir, bytes: fs.statSync(path.join(dir, 'index.js')).size, built: true };
}

function unchanged(inputs: Record<string, string>, root: string): boolean {
  return Object.entries(inputs).every(([file, hash]) => {
    try {
      return hashFile(path.resolve(root, file)) === hash;
    } catch {
      return false;
    }
  });
}

function readRecord(file: string): CacheRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as CacheRecord;
  } catch {
    return undefined;
  }
}

function hashFile(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function esbuildVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('esbuild/package.json') as { version: string }).version;
}
