import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDetectionDocs } from '../../src/rules/write-docs';

const ROOT = join(__dirname, '../..');

describe('generated detection docs', () => {
  it('docs/detections.md and docs/stratus-coverage.md match the registry (run npm run docs:detections)', () => {
    const docs = renderDetectionDocs(ROOT);
    expect(Object.keys(docs)).toEqual(['docs/detections.md', 'docs/stratus-coverage.md']);
    for (const [path, text] of Object.entries(docs)) {
      expect([path, readFileSync(join(ROOT, path), 'utf8')]).toEqual([path, text]);
    }
  });

  it('lists every technique with its rules and no uncovered one', () => {
    const coverage = renderDetectionDocs(ROOT)['docs/stratus-coverage.md'];
    expect(coverage).toContain('44 of the 44 AWS techniques');
    expect(coverage).not.toContain('**none**');
    expect(coverage).toMatch(
      /`aws\.defense-evasion\.cloudtrail-stop` +\| .* \| T1562\.008 +\| `cloudtrail-stopped` \(critical\)/,
    );
  });
});
