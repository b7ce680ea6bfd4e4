import * as fs from 'node:fs';
import { parse } from 'yaml';
import { CHECKOV_CONFIG } from './checkov';

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
});
