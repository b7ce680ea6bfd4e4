import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectionsMarkdown, STRATUS_TECHNIQUES, stratusCoverageMarkdown } from './catalog';
import { RULES } from './registry';

/** The generated rule docs, by path from the repository root. */
const DETECTION_DOCS: Record<string, () => string> = {
  'docs/detections.md': () => detectionsMarkdown(RULES),
  'docs/stratus-coverage.md': () => stratusCoverageMarkdown(RULES, STRATUS_TECHNIQUES),
};

/**
 * Each generated doc as committed: rendered, then formatted by the repository's prettier exactly as
 * `npm run format` would, so formatting the repository never makes the docs look stale. (Prettier's CLI, not its
 * API: the API loads plugins by dynamic import, which jest's module sandbox refuses.)
 */
export function renderDetectionDocs(root: string): Record<string, string> {
  const prettier = require.resolve('prettier/bin/prettier.cjs');
  const docs: Record<string, string> = {};
  for (const [path, render] of Object.entries(DETECTION_DOCS)) {
    docs[path] = execFileSync(process.execPath, [prettier, '--stdin-filepath', path], {
      cwd: root,
      input: render(),
      encoding: 'utf8',
    });
  }
  return docs;
}

/** `npm run docs:detections`: regenerates the rule catalogue and the Stratus coverage table. */
if (require.main === module) {
  const root = process.cwd();
  for (const [path, text] of Object.entries(renderDetectionDocs(root))) {
    writeFileSync(join(root, path), text);
    process.stdout.write(`wrote ${path}\n`);
  }
}
