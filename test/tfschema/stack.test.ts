import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatViolations, validateStack, validateSynthOutput } from '../../src/tfschema';
import type { ProviderSchemas } from '../../src/tfschema';
import { loadAwsReferenceSchema } from './schema-file';

let schemas: ProviderSchemas;
beforeAll(() => {
  schemas = loadAwsReferenceSchema();
});

/** A stack in the shape cdktf writes, with a bucket, its encryption and versioning, and a data source. */
function stack(overrides: { resource?: Record<string, unknown>; data?: Record<string, unknown> } = {}) {
  return {
    '//': { metadata: { stackName: 'dev-log-archive', version: '0.21.0' } },
    provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { project: 'logfed' } }] }] },
    terraform: { backend: { s3: { bucket: 'state', key: 'dev-log-archive.tfstate', encrypt: true } } },
    resource: {
      aws_s3_bucket: {
        landing: { '//': { metadata: { path: 'dev-log-archive/landing' } }, bucket_prefix: 'landing-' },
      },
      aws_s3_bucket_server_side_encryption_configuration: {
        landing: {
          bucket: '${aws_s3_bucket.landing.id}',
          rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true }],
        },
      },
      aws_s3_bucket_versioning: {
        landing: {
          bucket: '${aws_s3_bucket.landing.id}',
          versioning_configuration: { status: 'Enabled' },
          depends_on: [],
        },
      },
      ...overrides.resource,
    },
    data: { aws_caller_identity: { current: {} }, ...overrides.data },
  };
}

const report = (document: unknown) => formatViolations(validateStack('dev-log-archive', document, schemas)).split('\n');

describe('validateStack against the AWS provider 6.25.0 schema', () => {
  it('keys the loaded schema by the local provider name', () => {
    expect([...schemas.keys()]).toEqual(['aws']);
    expect(Object.keys(schemas.get('aws')!.resource_schemas)).toContain('aws_cloudtrail');
  });

  it('knows the attributes named description (the fixture keeps them) and checks their type', () => {
    const aws = schemas.get('aws')!;
    expect(aws.resource_schemas.aws_kms_key.block.attributes?.description).toMatchObject({ type: 'string' });
    expect(aws.resource_schemas.aws_iam_role.block.attributes?.description).toMatchObject({ type: 'string' });
    const document = stack({
      resource: {
        aws_kms_key: { k: { description: 'archive key' } },
        aws_iam_role: { r: { assume_role_policy: '{}', description: ['x'] } },
      },
    });
    expect(report(document)).toEqual(['dev-log-archive/aws_iam_role.r.description: expected string, got list ["x"]']);
  });

  it('passes a stack cdktf would write for valid resources', () => {
    expect(validateStack('dev-log-archive', stack(), schemas)).toEqual([]);
  });

  it('fails an unknown attribute with the resource path', () => {
    const document = stack({ resource: { aws_kms_key: { archive: { enable_key_rotations: true } } } });
    expect(report(document)).toEqual([
      'dev-log-archive/aws_kms_key.archive.enable_key_rotations: unknown attribute or block',
    ]);
  });

  it('fails a missing required attribute and a missing required block', () => {
    const document = stack({
      resource: {
        aws_cloudtrail: { management: { name: 'management' } },
        aws_s3_bucket_versioning: { v: { bucket: 'b' } },
      },
    });
    expect(report(document)).toEqual([
      'dev-log-archive/aws_s3_bucket_versioning.v.versioning_configuration: missing required block (at least 1)',
      'dev-log-archive/aws_cloudtrail.management.s3_bucket_name: missing required attribute',
    ]);
  });

  it('fails a computed-only attribute that is set', () => {
    const document = stack({
      resource: { aws_cloudtrail: { t: { name: 't', s3_bucket_name: 'b', home_region: 'eu-west-1' } } },
    });
    expect(report(document)).toEqual([
      'dev-log-archive/aws_cloudtrail.t.home_region: is computed by the provider and cannot be set',
    ]);
  });

  it('fails too many blocks and a block given as a plain value', () => {
    const encryption = {
      apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }, { sse_algorithm: 'AES256' }],
    };
    const document = stack({
      resource: {
        aws_s3_bucket_server_side_encryption_configuration: { landing: { bucket: 'b', rule: [encryption] } },
        aws_s3_bucket_versioning: { v: { bucket: 'b', versioning_configuration: 'Enabled' } },
      },
    });
    expect(report(document)).toEqual([
      'dev-log-archive/aws_s3_bucket_server_side_encryption_configuration.landing.rule[0].apply_server_side_encryption_by_default: wrong nesting: expected at most 1 blocks, got 2',
      'dev-log-archive/aws_s3_bucket_versioning.v.versioning_configuration: wrong nesting: expected a block or a list of blocks, got string "Enabled"',
    ]);
  });

  it('fails literal values of the wrong type, deep in nested blocks', () => {
    const document = stack({
      resource: {
        aws_cloudwatch_log_group: { trail: { name: 'trail', retention_in_days: 'a year', tags: ['logfed'] } },
        aws_cloudtrail: {
          data: {
            name: 'data',
            s3_bucket_name: 'b',
            advanced_event_selector: [{ field_selector: [{ field: 'eventCategory', equals: 'Data' }] }],
          },
        },
      },
    });
    expect(report(document)).toEqual([
      'dev-log-archive/aws_cloudwatch_log_group.trail.retention_in_days: expected number, got string "a year"',
      'dev-log-archive/aws_cloudwatch_log_group.trail.tags: expected map(string), got list ["logfed"]',
      'dev-log-archive/aws_cloudtrail.data.advanced_event_selector[0].field_selector[0].equals: expected list(string), got string "Data"',
    ]);
  });

  it('checks data sources under data. and reports types the schema does not know', () => {
    const document = stack({
      resource: { aws_s3_buckett: { typo: {} }, random_id: { suffix: { byte_length: 4 } } },
      data: { aws_iam_policy_document: { tls: { statement: [{ effect: 'Deny', actions: 's3:*' }] } } },
    });
    expect(report(document)).toEqual([
      'dev-log-archive/aws_s3_buckett: unknown resource type for provider "aws"',
      'dev-log-archive/random_id: no schema loaded for provider "random"',
      'dev-log-archive/data.aws_iam_policy_document.tls.statement[0].actions: expected set(string), got string "s3:*"',
    ]);
  });

  it('checks provider blocks only when the schema describes the provider configuration', () => {
    const provider = { block: { attributes: { region: { type: 'string' as const, optional: true } } } };
    const withProvider: ProviderSchemas = new Map([['aws', { ...schemas.get('aws')!, provider }]]);
    const document = { provider: { aws: [{ region: 'eu-west-1' }, { alias: 'us', regoin: 'us-east-1' }] } };
    expect(validateStack('s', document, withProvider)).toEqual([
      { path: 's/provider.aws[1].regoin', message: 'unknown attribute or block' },
    ]);
    expect(validateStack('s', document, schemas)).toEqual([]);
  });
});

describe('validateSynthOutput', () => {
  it('validates every stacks/<name>/cdk.tf.json and names each stack', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-tfschema-'));
    try {
      for (const [name, document] of [
        ['dev-bootstrap', stack()],
        ['prod-log-archive', stack({ resource: { aws_kms_key: { k: { rotation_period_in_days: 'yearly' } } } })],
      ] as const) {
        fs.mkdirSync(path.join(outdir, 'stacks', name), { recursive: true });
        fs.writeFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(document));
      }
      expect(formatViolations(validateSynthOutput(outdir, schemas))).toBe(
        'prod-log-archive/aws_kms_key.k.rotation_period_in_days: expected number, got string "yearly"',
      );
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
