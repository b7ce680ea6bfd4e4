import * as fs from 'node:fs';
import { parse } from 'yaml';
import { ACCEPTED_FAILURES, CHECKOV_CONFIG, applyAcceptedFailures } from './checkov';

interface CheckovConfig {
  readonly framework?: readonly string[];
  readonly 'skip-check'?: readonly string[];
}

describe('.checkov.yaml', () => {
  const text = fs.readFileSync(CHECKOV_CONFIG, 'utf8');
  const config = parse(text) as CheckovConfig;

  it('scans the Terraform JSON that cdktf writes', () => {
    expect(config.framework).toEqual(['terraform_json']);
  });

  it('gives every skipped check a one-line reason on the line above it', () => {
    const lines = text.split('\n');
    const unexplained = (config['skip-check'] ?? []).filter((id) => {
      const index = lines.findIndex((line) => line.trim() === `- ${id}`);
      const above = index > 0 ? lines[index - 1].trim() : '';
      return !(above.startsWith('#') && above.length > 30);
    });
    expect(unexplained).toEqual([]);
  });

  it('checks S3 event notifications: every bucket has them (log buckets to log-events, all to EventBridge)', () => {
    expect(config['skip-check']).not.toContain('CKV2_AWS_62');
  });

  it('keeps KMS-by-default for every bucket but the server access log targets, which S3 requires be SSE-S3', () => {
    expect(config['skip-check']).not.toContain('CKV_AWS_145');
    const failure = (file: string, resource: string) => ({ checkId: 'CKV_AWS_145', checkName: '', file, resource });
    const { failed, unused } = applyAcceptedFailures([
      failure('/stacks/dev-log-archive/cdk.tf.json', 'aws_s3_bucket.access-logs_bucket_7E528747'),
      failure('/stacks/prod-bootstrap/cdk.tf.json', 'aws_s3_bucket.state-access-logs_bucket_2091920F'),
      failure('/stacks/dev-log-archive/cdk.tf.json', 'aws_s3_bucket.landing_bucket_0A1B2C3D'),
    ]);
    expect(failed.map((f) => f.resource)).toEqual(['aws_s3_bucket.landing_bucket_0A1B2C3D']);
    expect(unused).toEqual([]);
  });

  it('gives every failure accepted by resource a reason', () => {
    for (const accepted of ACCEPTED_FAILURES) expect(accepted.reason.length).toBeGreaterThan(30);
  });
});
