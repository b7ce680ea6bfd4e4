import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeZip } from './zip';

/** The repository root, from the sources (jest) or from dist/: the nearest folder with cdktf.json (dist/ has a package.json). */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'cdktf.json'))) dir = path.dirname(dir);
  return dir;
})();

/** Where bundles are cached, per entry, outside the synth output (git-ignored). */
export const BUNDLE_CACHE = path.join(REPO_ROOT, '.gen', 'bundles');

/**
 * Settings of every Lambda bundle: Node.js 22 on arm64 runs this JavaScript; the SDK is bundled, not the runtime's.
 * The source maps carry no copy of the sources: stack traces need only the mappings, and Node reads the whole map
 * of a file when it loads it (`--enable-source-maps`, see `NODE_OPTIONS`).
 */
const BUILD = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
} as const;

/** The Node.js options of every function: stack traces name the TypeScript sources. */
export const NODE_OPTIONS = '--enable-source-maps';

/**
 * The AWS SDK's package scopes. Their code goes to `sdk.js` beside `index.js`, which requires it on the first use
 * of an SDK import: Lambda's init then parses only the handler's own code (the SDK is most of the bytes, and
 * parsing it was about half of the module load), and a handler that creates its clients on the first event pays
 * for them once, there.
 */
const SDK_SCOPES = ['@aws-sdk', '@smithy', '@aws-crypto'];
const SDK_FILE = 'sdk.js';
/** Bumped when the layout of the bundle folder changes, so cached bundles of an older layout are rebuilt. */
const LAYOUT = 3;
/** The deployment package in the bundle folder: every file but itself and the cache record. */
const ZIP_FILE = 'code.zip';
const RECORD_FILE = 'inputs.json';

export interface Bundle {
  /** Folder holding `index.js`, `sdk.js` (when the handler imports the AWS SDK) and their source maps. */
  readonly dir: string;
  /** Those files zipped, the same bytes for the same bundle on any machine: the function's deployment package. */
  readonly zip: string;
  /** Bytes of the JavaScript shipped: `index.js` and `sdk.js`. */
  readonly bytes: number;
  /** Bytes of `index.js`, the file Lambda loads at init. */
  readonly entryBytes: number;
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
  const key = hashText(JSON.stringify({ entry, BUILD, LAYOUT, esbuild: esbuildVersion() }));
  const cached = readRecord(path.join(dir, RECORD_FILE));
  const zip = path.join(dir, ZIP_FILE);
  if (cached?.key === key && unchanged(cached.inputs, root)) return { dir, zip, ...sizes(dir), built: false };
  fs.mkdirSync(cacheRoot, { recursive: true });
  const staging = fs.mkdtempSync(path.join(cacheRoot, `${name}.tmp-`));
  const inputs: Record<string, string> = {};
  for (const input of build(entry, staging, cacheRoot)) inputs[input] = hashFile(path.resolve(root, input));
  writeZip(staging, fs.readdirSync(staging), path.join(staging, ZIP_FILE));
  fs.writeFileSync(path.join(staging, RECORD_FILE), JSON.stringify({ key, inputs } satisfies CacheRecord));
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(staging, dir);
  } catch {
    // Another synth put the same bundle in place first.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { dir, zip, ...sizes(dir), built: true };
}

/**
 * Writes `index.js` (the handler and everything but the SDK) and, when the handler imports the SDK, `sdk.js`
 * (the SDK packages it imports, each evaluated on its first `require`). Returns the files esbuild read.
 */
function build(entry: string, outdir: string, cacheRoot: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  // First the SDK packages the handler's code imports (a quick pass that leaves them out)…
  const scan = esbuild.buildSync({
    ...BUILD,
    minify: false,
    sourcemap: false,
    write: false,
    absWorkingDir: REPO_ROOT,
    entryPoints: [entry],
    outfile: path.join(outdir, 'index.js'),
    external: SDK_SCOPES.map((scope) => `${scope}/*`),
  });
  const isSdk = (specifier: string) => SDK_SCOPES.some((scope) => specifier.startsWith(`${scope}/`));
  const specifiers = [
    ...new Set(
      Object.values(scan.metafile.inputs).flatMap((input) =>
        input.imports.filter((i) => i.external && isSdk(i.path)).map((i) => i.path),
      ),
    ),
  ].sort();

  // …then the handler, each of those imports replaced by a stub that takes the package from `sdk.js`.
  const stubs = path.join(cacheRoot, 'sdk-stubs');
  if (specifiers.length > 0) fs.mkdirSync(stubs, { recursive: true });
  const alias: Record<string, string> = {};
  for (const specifier of specifiers) {
    const stub = path.join(stubs, `${specifier.replace(/^@/, '').replace(/\//g, '+')}.js`);
    writeIfChanged(stub, `module.exports = require("./${SDK_FILE}")[${JSON.stringify(specifier)}];\n`);
    alias[specifier] = stub;
  }
  const main = esbuild.buildSync({
    ...BUILD,
    absWorkingDir: REPO_ROOT,
    entryPoints: [entry],
    outfile: path.join(outdir, 'index.js'),
    alias,
    external: [`./${SDK_FILE}`],
  });
  const read = Object.keys(main.metafile.inputs).filter((input) => !path.resolve(REPO_ROOT, input).startsWith(stubs));
  if (specifiers.length === 0) return read;

  const getters = specifiers.map((s) => `  get ${JSON.stringify(s)}() { return require(${JSON.stringify(s)}); },`);
  const sdk = esbuild.buildSync({
    ...BUILD,
    absWorkingDir: REPO_ROOT,
    stdin: { contents: `module.exports = {\n${getters.join('\n')}\n};\n`, resolveDir: REPO_ROOT, loader: 'js' },
    outfile: path.join(outdir, SDK_FILE),
  });
  return [...read, ...Object.keys(sdk.metafile.inputs).filter((input) => input !== '<stdin>')];
}

/** Writes a file only when its content differs, by rename, so parallel builds never read half a stub. */
function writeIfChanged(file: string, content: string): void {
  try {
    if (fs.readFileSync(file, 'utf8') === content) return;
  } catch {
    // not written yet
  }
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

function sizes(dir: string): { bytes: number; entryBytes: number } {
  const size = (file: string) => (fs.existsSync(path.join(dir, file)) ? fs.statSync(path.join(dir, file)).size : 0);
  const entryBytes = size('index.js');
  return { bytes: entryBytes + size(SDK_FILE), entryBytes };
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
