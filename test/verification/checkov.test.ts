import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheckov } from './checkov';

/** Writes stacks in the layout cdktf uses (`stacks/<name>/cdk.tf.json`) into a fresh directory. */
function writeSynthOutput(stacks: Record<string, unknown>): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-checkov-'));
  for (const [name, document] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(outdir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(document, null, 2));
  }
  return outdir;
}

describe('checkov with the project configuration', () => {
  let outdir: string;
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('reports failed checks of a bare bucket with their id, stack file and resource', () => {
    outdir = writeSynthOutput({
      'dev-bare': { resource: { aws_s3_bucket: { bare: { bucket: 'bare' } }, aws_kms_key: { unrotated: {} } } },
    });
    const report = runCheckov(outdir);
    expect(report.parsingErrors).toEqual([]);
    expect(report.failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          checkId: 'CKV_AWS_21',
          resource: 'aws_s3_bucket.bare',
          file: '/stacks/dev-bare/cdk.tf.json',
        }),
        expect.objectContaining({ checkId: 'CKV_AWS_7', resource: 'aws_kms_key.unrotated' }),
      ]),
    );
  });

  it('reports a stack file it cannot read instead of passing it silently', () => {
    outdir = writeSynthOutput({ 'dev-empty': {} });
    expect(runCheckov(outdir)).toEqual(
      expect.objectContaining({ failed: [], parsingErrors: [path.join(outdir, 'stacks', 'dev-empty', 'cdk.tf.json')] }),
    );
  });
});
