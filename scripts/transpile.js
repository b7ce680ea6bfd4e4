#!/usr/bin/env node
// Fast build for the edit loop (`npm run synth`, `npm start`): compiles the TypeScript sources that
// tsconfig.build.json includes to dist/ with swc, file by file and only where the source is newer than its
// output, without type-checking. `npm run build` (tsc) writes the same layout; type errors are caught by
// `npm run typecheck`, the test command and CI, not here.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** swc settings matching tsconfig.json: ES2022, CommonJS, define semantics for class fields (as tsc at ES2022). */
const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript' },
    target: 'es2022',
    transform: { useDefineForClassFields: true },
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

/** JSON modules the sources import (`import x from './a.json'`): tsc copies them beside the output, so do we. */
const JSON_IMPORT = /\bfrom\s+['"](\.{1,2}\/[^'"]+\.json)['"]/g;

/** The folders tsconfig.build.json compiles: the first path segment of each `include` pattern. */
function sourceFolders(root) {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8'));
  const outDir = config.compilerOptions?.outDir ?? 'dist';
  const folders = [...new Set((config.include ?? []).map((pattern) => pattern.split('/')[0]))];
  return { folders: folders.filter((folder) => fs.existsSync(path.join(root, folder))), outDir };
}

/** Every `.ts` source under a folder, tests and declaration files left out (tsconfig.build.json excludes them). */
function sources(folder, found = []) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'test') sources(file, found);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) {
      found.push(file);
    }
  }
  return found;
}

function isStale(source, output) {
  try {
    return fs.statSync(output).mtimeMs < fs.statSync(source).mtimeMs;
  } catch {
    return true;
  }
}

/**
 * Compiles the stale sources of the project at `root` into its outDir and copies the JSON they import.
 * Returns what it wrote, so callers (and tests) can tell an incremental run from a full one.
 */
function transpileProject(root = ROOT) {
  const swc = require('@swc/core');
  const { folders, outDir } = sourceFolders(root);
  const compiled = [];
  for (const source of folders.flatMap((folder) => sources(path.join(root, folder)))) {
    const relative = path.relative(root, source);
    const output = path.join(root, outDir, relative.replace(/\.ts$/, '.js'));
    const text = fs.readFileSync(source, 'utf8');
    if (isStale(source, output)) {
      const result = swc.transformSync(text, {
        ...SWC_OPTIONS,
        filename: source,
        sourceFileName: path.relative(path.dirname(output), source),
      });
      fs.mkdirSync(path.dirname(output), { recursive: true });
      fs.writeFileSync(`${output}.map`, result.map);
      fs.writeFileSync(output, `${result.code}\n//# sourceMappingURL=${path.basename(output)}.map\n`);
      compiled.push(relative);
    }
    for (const [, specifier] of text.matchAll(JSON_IMPORT)) {
      const json = path.resolve(path.dirname(source), specifier);
      const copy = path.join(root, outDir, path.relative(root, json));
      if (isStale(json, copy)) {
        fs.mkdirSync(path.dirname(copy), { recursive: true });
        fs.copyFileSync(json, copy);
        compiled.push(path.relative(root, json));
      }
    }
  }
  return { compiled };
}

module.exports = { transpileProject };

if (require.main === module) {
  try {
    transpileProject();
  } catch (error) {
    process.stderr.write(`transpile: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
