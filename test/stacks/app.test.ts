import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import 'cdktf/lib/testing/adapters/jest'; // types of the toHave…WithProperties matchers
import { Testing } from 'cdktf';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { buildApp } from '../../stacks/app';
import { ENVIRONMENTS } from '../../stacks/config/environments';
import { PipelineStack } from '../../stacks/pipeline-stack';
import { ARCHIVE_BUCKETS } from '../../stacks/config/names';
import { InvalidConfigError } from '../../stacks/config/validate';
import { SUBJECT_CLAIM_KEYS } from '../../stacks/constructs/github-oidc-role';
import { actionCovers, resourceCovers } from '../../stacks/policy/rules/iam-policies';

Testing.setupJest();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-synth-'));
buildApp(ENVIRONMENTS, { outdir }).synth();

const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Json;
const text = (stack: string) => fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
const json = (stack: string) => JSON.parse(text(stack)) as Json;
const all = (stack: string, type: string, kind = 'resource') =>
  Object.values((json(stack)[kind]?.[type] ?? {}) as Json) as Json[];
const document = (stack: string, pathEnd: string) =>
  all(stack, 'aws_iam_policy_document', 'data').find((d) => d['//'].metadata.path.endsWith(pathEnd))!;
const statement = (doc: Json, sid: string) => (doc.statement as Json[]).find((s) => s.sid === sid);
/** The apply role's permissions, inline and in its managed policies, as one document. */
const applyPermissions = (stack: string) => ({
  statement: all(stack, 'aws_iam_policy_document', 'data')
    .filter((d) => /\/apply-role\/(permissions|[a-z]+-document)$/.test(d['//'].metadata.path))
    .flatMap((d) => d.statement as Json[]),
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe('synthesized app', () => {
  it('writes a manifest the workflows can iterate: every stack, its folder and what it depends on', () => {
    expect(Object.keys(manifest.stacks).sort()).toEqual([
      'dev-bootstrap',
      'dev-intelligence',
      'dev-log-archive',
      'dev-pipeline',
      'dev-warehouse',
      'prod-bootstrap',
      'prod-intelligence',
      'prod-log-archive',
      'prod-pipeline',
      'prod-warehouse',
    ]);
    expect(manifest.stacks['prod-intelligence'].dependencies).toEqual(['prod-log-archive']);
    expect(manifest.stacks['prod-log-archive']).toMatchObject({
      workingDirectory: 'stacks/prod-log-archive',
      synthesizedStackPath: 'stacks/prod-log-archive/cdk.tf.json',
      dependencies: ['prod-bootstrap'],
    });
    expect(manifest.stacks['dev-bootstrap'].dependencies).toEqual([]);
    expect(manifest.stacks['dev-pipeline'].dependencies).toEqual(['dev-intelligence']);
    expect(manifest.stacks['dev-warehouse'].dependencies).toEqual(['dev-pipeline']);
  });

  it('records each accepted policy exception, with its reason, in the manifest', () => {
    expect(manifest.stacks['prod-bootstrap'].annotations).toEqual([
      {
        constructPath: 'prod-bootstrap/apply-role/named',
        level: '@cdktf/info',
        message: expect.stringMatching(
          /^\[policy:iam-no-wildcard-resource-write\] accepted: Statement ManageEmrSecurityConfigurations/,
        ),
      },
    ]);
    expect(manifest.stacks['prod-log-archive'].annotations).toEqual([]);
    expect(manifest.stacks['dev-pipeline'].annotations).toEqual([
      expect.objectContaining({
        constructPath: 'dev-pipeline/orchestrator-role/policy',
        message: expect.stringMatching(/accepted: Statements CreateTaggedClusters, DeliverExecutionLogs and Trace/),
      }),
    ]);
    expect(manifest.stacks['prod-intelligence'].annotations).toEqual([
      expect.objectContaining({
        constructPath: 'prod-intelligence/log-intelligence/policy',
        message: expect.stringMatching(/^\[policy:iam-no-wildcard-resource-write\] accepted: Statement WriteTraces/),
      }),
    ]);
  });

  it.each(['dev-bootstrap', 'dev-log-archive', 'dev-intelligence', 'dev-pipeline', 'prod-warehouse'])(
    'gives %s its own encrypted, locked S3 state',
    (stack) => {
      const [env] = stack.split('-');
      const account = env === 'dev' ? '111111111111' : '222222222222';
      expect(json(stack).terraform.backend.s3).toEqual({
        bucket: `logfed-${env}-tfstate-${account}`,
        key: `${stack}/terraform.tfstate`,
        region: 'eu-west-1',
        encrypt: true,
        kms_key_id: `arn:aws:kms:eu-west-1:${account}:alias/logfed-${env}-tfstate`,
        use_lockfile: true,
      });
      expect(json(stack).provider.aws[0]).toMatchObject({ region: 'eu-west-1', allowed_account_ids: [account] });
    },
  );
});

describe('log-archive stack', () => {
  it('has one bucket per kind of data or log, named after environment and account', () => {
    const names = all('prod-log-archive', 'aws_s3_bucket').map((b) => b.bucket);
    expect(names.sort()).toEqual(ARCHIVE_BUCKETS.map((purpose) => `logfed-prod-${purpose}-222222222222`).sort());
  });

  it('logs server access of every bucket but the access-logs bucket into it', () => {
    const logging = all('dev-log-archive', 'aws_s3_bucket_logging');
    expect(logging).toHaveLength(ARCHIVE_BUCKETS.length - 1);
    expect(logging.map((l) => l.target_prefix)).not.toContain('logfed-dev-access-logs-111111111111/');
    expect(new Set(logging.map((l) => l.target_bucket))).toEqual(
      new Set([expect.stringContaining('aws_s3_bucket.access-logs_bucket')]),
    );
  });

  it('applies the lifecycle of the environment', () => {
    expect(text('prod-log-archive')).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          transition: [
            { days: 30, storage_class: 'STANDARD_IA' },
            { days: 180, storage_class: 'GLACIER' },
          ],
          expiration: [{ days: 2557 }],
        }),
      ],
    });
  });

  it('uses one rotating key whose policy admits each service only from this account or trail', () => {
    const keys = all('dev-log-archive', 'aws_kms_key');
    expect(keys).toHaveLength(1);
    expect(keys[0].enable_key_rotation).toBe(true);
    const policy = JSON.parse(keys[0].policy) as { Statement: Json[] };
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    expect(bySid.CloudTrailEncryptsLogFiles.Condition.StringEquals['aws:SourceArn']).toEqual([
      'arn:aws:cloudtrail:eu-west-1:111111111111:trail/logfed-dev-management',
      'arn:aws:cloudtrail:eu-west-1:111111111111:trail/logfed-dev-s3-data',
      'arn:aws:cloudtrail:eu-west-1:111111111111:trail/logfed-dev-lambda-data',
    ]);
    expect(bySid.S3AndSnsEncryptNotifications.Condition.StringEquals['aws:SourceAccount']).toBe('111111111111');
    // Server access logs land in an SSE-S3 bucket: S3 logging has no use for the key.
    expect(bySid.S3EncryptsServerAccessLogs).toBeUndefined();
    expect(bySid.CloudWatchLogsEncryptsLogGroups.Principal.Service).toBe('logs.eu-west-1.amazonaws.com');
  });

  it('runs a multi-region management trail with validation, KMS and CloudWatch Logs delivery', () => {
    expect(text('dev-log-archive')).toHaveResourceWithProperties(Cloudtrail, {
      name: 'logfed-dev-management',
      is_multi_region_trail: true,
      enable_log_file_validation: true,
      kms_key_id: expect.stringContaining('aws_kms_key.'),
      cloud_watch_logs_group_arn: expect.stringMatching(/aws_cloudwatch_log_group\..*\.arn\}:\*$/),
      cloud_watch_logs_role_arn: expect.stringMatching(/aws_iam_role\..*delivery-role.*\.arn/),
      s3_bucket_name: expect.stringContaining('aws_s3_bucket.trail-management_bucket'),
    });
    expect(text('dev-log-archive')).toHaveResourceWithProperties(CloudwatchLogGroup, {
      retention_in_days: 365,
      kms_key_id: expect.stringContaining('aws_kms_key.'),
    });
    const trust = document('dev-log-archive', 'management-trail/delivery-trust');
    expect(trust.statement[0].condition).toEqual([
      {
        test: 'StringEquals',
        variable: 'aws:SourceArn',
        values: ['arn:aws:cloudtrail:eu-west-1:111111111111:trail/logfed-dev-management'],
      },
    ]);
  });

  it('records S3 object events of landing, chunks and exceptions, and Lambda invocations, in their own trails', () => {
    const trails = Object.fromEntries(all('dev-log-archive', 'aws_cloudtrail').map((t) => [t.name, t]));
    const s3Selector = trails['logfed-dev-s3-data'].advanced_event_selector[0].field_selector as Json[];
    const arnField = s3Selector.find((f) => f.field === 'resources.ARN')!;
    expect(arnField.starts_with.map((arn: string) => /aws_s3_bucket\.([a-z]+)_bucket/.exec(arn)![1])).toEqual([
      'landing',
      'chunks',
      'exceptions',
    ]);
    expect(s3Selector).toContainEqual({ field: 'resources.type', equals: ['AWS::S3::Object'] });
    const lambdaSelector = trails['logfed-dev-lambda-data'].advanced_event_selector[0].field_selector as Json[];
    expect(lambdaSelector).toContainEqual({
      field: 'resources.ARN',
      starts_with: ['arn:aws:lambda:eu-west-1:111111111111:function:logfed-dev-'],
    });
    expect(trails['logfed-dev-lambda-data'].s3_bucket_name).toContain('aws_s3_bucket.trail-lambda-data_bucket');
  });

  const bucketKey = (arn: string) => /aws_s3_bucket\.([a-z0-9-]+)_bucket/.exec(arn)?.[1] ?? arn;
  const byPath = (stack: string, type: string): Record<string, Json> =>
    Object.fromEntries(all(stack, type).map((r) => [r['//'].metadata.path.split('/')[1], r]));

  it('locks every version of the trail buckets, and keeps them and the access-log bucket from destroy', () => {
    const locks = byPath('prod-log-archive', 'aws_s3_bucket_object_lock_configuration');
    expect(Object.keys(locks).sort()).toEqual(['trail-lambda-data', 'trail-management', 'trail-s3-data']);
    expect(locks['trail-management'].rule).toEqual({ default_retention: { mode: 'GOVERNANCE', days: 731 } });
    expect(byPath('dev-log-archive', 'aws_s3_bucket_object_lock_configuration')['trail-s3-data'].rule).toEqual({
      default_retention: { mode: 'GOVERNANCE', days: 365 },
    });
    const buckets = byPath('prod-log-archive', 'aws_s3_bucket');
    expect(buckets['trail-management'].lifecycle).toEqual({ prevent_destroy: true });
    expect(buckets['access-logs'].lifecycle).toEqual({ prevent_destroy: true });
    expect(buckets['trail-management'].object_lock_enabled).toBeUndefined();
    expect(buckets.landing.lifecycle).toBeUndefined();
  });

  it('has no bucket for Redshift audit logs, and no bucket policy admits Redshift: they go to CloudWatch Logs', () => {
    for (const stack of ['dev-log-archive', 'prod-log-archive']) {
      expect(all(stack, 'aws_s3_bucket').map((b) => b.bucket)).not.toContainEqual(
        expect.stringContaining('redshift-audit'),
      );
      expect(text(stack)).not.toContain('redshift.amazonaws.com');
    }
  });

  it('gives each kind of bucket its lifecycle: artifacts stay, chunks expire, audit logs go to Glacier IR first', () => {
    const rules = Object.fromEntries(
      Object.entries(byPath('dev-log-archive', 'aws_s3_bucket_lifecycle_configuration')).map(([k, v]) => [
        k,
        v.rule[0],
      ]),
    );
    expect(rules.artifacts.transition).toBeUndefined();
    expect(rules.artifacts.expiration).toBeUndefined();
    expect(rules.chunks).toMatchObject({ expiration: [{ days: 7 }] });
    expect(rules.chunks.transition).toBeUndefined();
    expect(rules['trail-management'].transition).toEqual([
      { days: 30, storage_class: 'GLACIER_IR' },
      { days: 90, storage_class: 'GLACIER' },
    ]);
    expect(rules['access-logs'].transition[0]).toEqual({ days: 30, storage_class: 'GLACIER_IR' });
    expect(rules['access-logs'].expiration).toEqual([{ days: 400 }]);
    expect(rules.landing.transition[0]).toEqual({ days: 30, storage_class: 'STANDARD_IA' });
  });

  it('records writes to every archive bucket and all state access, without the deliveries that record themselves', () => {
    const trails = Object.fromEntries(all('dev-log-archive', 'aws_cloudtrail').map((t) => [t.name, t]));
    const selectors = trails['logfed-dev-s3-data'].advanced_event_selector as Json[];
    const arnsOf = (selector: Json) =>
      (selector.field_selector as Json[]).find((f) => f.field === 'resources.ARN')!.starts_with as string[];
    const [, state, writes, functionOutput, feedback] = selectors;
    expect(arnsOf(state)).toEqual(['arn:aws:s3:::logfed-dev-tfstate-111111111111/']);
    expect(state.field_selector).not.toContainEqual(expect.objectContaining({ field: 'readOnly' }));
    expect(writes.field_selector).toContainEqual({ field: 'readOnly', equals: ['false'] });
    expect(arnsOf(writes).map(bucketKey).sort()).toEqual(
      ['artifacts', 'emr-logs', 'pipeline-logs', 'trail-lambda-data', 'trail-management'].sort(),
    );
    // Writes to the intelligence bucket are recorded, but not the function's own: it reads this trail's files.
    expect(arnsOf(functionOutput).map(bucketKey)).toEqual(['intelligence']);
    expect(functionOutput.field_selector).toContainEqual({ field: 'readOnly', equals: ['false'] });
    expect(functionOutput.field_selector).toContainEqual({
      field: 'userIdentity.arn',
      not_starts_with: ['arn:aws:sts::111111111111:assumed-role/logfed-dev-log-intelligence/'],
    });
    const functionRole = all('dev-intelligence', 'aws_iam_role').find((r) =>
      r['//'].metadata.path.endsWith('/log-intelligence/role'),
    );
    expect(functionRole?.name).toBe('logfed-dev-log-intelligence');
    expect(feedback.field_selector).toContainEqual({ field: 'eventName', not_equals: ['PutObject'] });
    expect(arnsOf(feedback).map(bucketKey).sort()).toEqual(['access-logs', 'trail-s3-data']);
    const covered = [...selectors.flatMap(arnsOf)].map(bucketKey);
    for (const bucket of ARCHIVE_BUCKETS) expect(covered).toContain(bucket);
  });

  it('turns on CloudTrail Insights on the management trail unless the guardrail is off', () => {
    const insights = (stack: string) =>
      all(stack, 'aws_cloudtrail').find((t) => t.name.endsWith('-management'))!.insight_selector;
    expect(insights('dev-log-archive')).toEqual([
      { insight_type: 'ApiCallRateInsight' },
      { insight_type: 'ApiErrorRateInsight' },
    ]);
  });

  it('gives the archive key an administrator and keeps everyone else from disabling, deleting or re-granting it', () => {
    const [key] = all('prod-log-archive', 'aws_kms_key');
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
    const bySid = Object.fromEntries((JSON.parse(key.policy).Statement as Json[]).map((st) => [st.Sid, st]));
    expect(bySid.KeyAdministrator.Principal).toEqual({ AWS: 'arn:aws:iam::222222222222:role/logfed-break-glass' });
    expect(bySid.KeyUsersThroughIam.Action).not.toContain('kms:*');
    expect(bySid.OnlyTheAdministratorAdministers).toMatchObject({
      Effect: 'Deny',
      Action: expect.arrayContaining(['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey']),
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/logfed-break-glass' } },
    });
    expect(bySid.GrantsOnlyForAwsResources.Condition.Bool).toEqual({ 'kms:GrantIsForAWSResource': 'false' });
    expect(JSON.stringify(bySid)).not.toMatch(/"Action":"kms:\*"[^}]*root/);
  });

  it('lets IAM delegate kms:CreateGrant on every key of every stack only for AWS resources; break-glass alone otherwise', () => {
    const createsGrants = (s: Json) =>
      [s.Action].flat().some((action: string) => ['kms:CreateGrant', 'kms:Create*', 'kms:*', '*'].includes(action));
    let keys = 0;
    for (const env of ENVIRONMENTS) {
      const breakGlass = `arn:aws:iam::${env.accountId}:role/${env.breakGlassRoleName}`;
      for (const stack of Object.keys(manifest.stacks).filter((id) => id.startsWith(`${env.name}-`))) {
        for (const key of all(stack, 'aws_kms_key')) {
          keys += 1;
          const statements = JSON.parse(key.policy).Statement as Json[];
          // Grants let Redshift, Lambda and EBS hold the key; the IAM policies asking for them work only through this.
          expect(statements.filter((s) => s.Effect === 'Allow' && createsGrants(s))).toEqual([
            expect.objectContaining({ Sid: 'KeyAdministrator', Principal: { AWS: breakGlass } }),
            {
              Sid: 'GrantsForAwsResourcesThroughIam',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${env.accountId}:root` },
              Action: 'kms:CreateGrant',
              Resource: '*',
              Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
            },
          ]);
          expect(statements.filter((s) => s.Effect === 'Deny' && createsGrants(s))).toEqual([
            expect.objectContaining({
              Principal: { AWS: '*' },
              Condition: {
                ArnNotEquals: { 'aws:PrincipalArn': breakGlass },
                Bool: { 'kms:GrantIsForAWSResource': 'false' },
              },
            }),
          ]);
        }
      }
    }
    expect(keys).toBe(5 * ENVIRONMENTS.length);
  });

  it('lets only its trail write into a trail bucket', () => {
    const policy = document('dev-log-archive', 'trail-s3-data/policy-document');
    const write = statement(policy, 'CloudTrailWrites3datatrail');
    expect(write).toMatchObject({
      actions: ['s3:PutObject'],
      principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
      condition: expect.arrayContaining([
        {
          test: 'StringEquals',
          variable: 'aws:SourceArn',
          values: ['arn:aws:cloudtrail:eu-west-1:111111111111:trail/logfed-dev-s3-data'],
        },
      ]),
    });
    expect(statement(policy, 'DenyInsecureTransport')).toBeDefined();
  });
});

/** The encryption, Object Lock and bucket policy of one bucket of a stack, by construct id. */
function bucketSetup(stack: string, id: string) {
  const of = (type: string) => all(stack, type).filter((r) => r['//'].metadata.path.startsWith(`${stack}/${id}/`));
  return {
    encryption: of('aws_s3_bucket_server_side_encryption_configuration'),
    locks: of('aws_s3_bucket_object_lock_configuration'),
    policy: document(stack, `${id}/policy-document`),
  };
}

describe('explicit SSE-S3 uploads', () => {
  it('are denied in every SSE-KMS bucket of every stack, and in no access-log target', () => {
    let kmsBuckets = 0;
    for (const stack of Object.keys(manifest.stacks)) {
      for (const e of all(stack, 'aws_s3_bucket_server_side_encryption_configuration')) {
        const id = e['//'].metadata.path.split('/')[1];
        const deny = statement(document(stack, `${id}/policy-document`), 'DenyS3ManagedEncryption');
        if (e.rule[0].apply_server_side_encryption_by_default.sse_algorithm !== 'aws:kms') {
          expect(deny).toBeUndefined();
          continue;
        }
        kmsBuckets += 1;
        expect(deny).toMatchObject({
          effect: 'Deny',
          actions: ['s3:PutObject'],
          condition: [{ test: 'StringEquals', variable: 's3:x-amz-server-side-encryption', values: ['AES256'] }],
        });
      }
    }
    expect(kmsBuckets).toBeGreaterThan(ARCHIVE_BUCKETS.length);
  });
});

describe('S3 Bucket Keys', () => {
  it('are off for the three trail buckets only: every other SSE-KMS bucket of every stack keeps one', () => {
    const withoutBucketKey: string[] = [];
    for (const stack of Object.keys(manifest.stacks)) {
      for (const e of all(stack, 'aws_s3_bucket_server_side_encryption_configuration')) {
        const [rule] = e.rule as Json[];
        if (rule.apply_server_side_encryption_by_default.sse_algorithm !== 'aws:kms') continue;
        expect(typeof rule.bucket_key_enabled).toBe('boolean');
        if (!rule.bucket_key_enabled) withoutBucketKey.push(`${stack}/${e['//'].metadata.path.split('/')[1]}`);
      }
    }
    // CloudTrail needs kms:Decrypt to create or update a trail whose bucket has a Bucket Key; nobody else may decrypt.
    expect(withoutBucketKey.sort()).toEqual(
      ['dev', 'prod'].flatMap((env) =>
        ['trail-lambda-data', 'trail-management', 'trail-s3-data'].map((b) => `${env}-log-archive/${b}`),
      ),
    );
  });
});

describe('server access log targets', () => {
  it.each([
    ['dev-log-archive', 'access-logs', '111111111111'],
    ['prod-log-archive', 'access-logs', '222222222222'],
    ['dev-bootstrap', 'state-access-logs', '111111111111'],
    ['prod-bootstrap', 'state-access-logs', '222222222222'],
  ])('%s %s is SSE-S3 without Object Lock, as S3 requires, and only break-glass may erase it', (stack, id, account) => {
    const { encryption, locks, policy } = bucketSetup(stack, id);
    expect(encryption.map((e) => e.rule)).toEqual([
      [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    ]);
    expect(locks).toEqual([]);
    expect(statement(policy, 'OnlyTheAdministratorErasesLogs')).toMatchObject({
      effect: 'Deny',
      principals: [{ type: 'AWS', identifiers: ['*'] }],
      actions: expect.arrayContaining([
        's3:DeleteObject',
        's3:DeleteObjectVersion',
        's3:PutLifecycleConfiguration',
        's3:PutBucketVersioning',
        's3:PutBucketPolicy',
        's3:DeleteBucketPolicy',
      ]),
      condition: [
        {
          test: 'ArnNotEquals',
          variable: 'aws:PrincipalArn',
          values: [`arn:aws:iam::${account}:role/logfed-break-glass`],
        },
      ],
    });
    expect(statement(policy, 'DenyKmsEncryptedUploads')).toBeDefined();
    expect(statement(policy, 'AllowServerAccessLogDelivery')!.principals).toEqual([
      { type: 'Service', identifiers: ['logging.s3.amazonaws.com'] },
    ]);
  });

  it('are the only SSE-S3 buckets: every other bucket of every stack stays SSE-KMS', () => {
    const targets: Record<string, string[]> = { 'log-archive': ['access-logs'], bootstrap: ['state-access-logs'] };
    for (const stack of Object.keys(manifest.stacks)) {
      const sseS3 = all(stack, 'aws_s3_bucket_server_side_encryption_configuration')
        .filter((e) => e.rule[0].apply_server_side_encryption_by_default.sse_algorithm !== 'aws:kms')
        .map((e) => e['//'].metadata.path.split('/')[1]);
      expect(sseS3).toEqual(targets[stack.replace(/^(dev|prod)-/, '')] ?? []);
    }
  });

  it('need no key: neither the archive nor the state key lets S3 logging use it', () => {
    for (const stack of ['prod-log-archive', 'prod-bootstrap']) {
      for (const key of all(stack, 'aws_kms_key')) expect(key.policy).not.toContain('logging.s3.amazonaws.com');
    }
  });
});

describe('bootstrap stack', () => {
  const trustOf = (role: string) => document('prod-bootstrap', `${role}-role/trust`).statement[0];

  it('trusts GitHub OIDC tokens for STS only', () => {
    expect(text('prod-bootstrap')).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
    });
  });

  const ids = 'repository_id:700000001:repository_owner_id:90000001';
  const workflowRef = (file: string, ref: string) =>
    `job_workflow_ref:example-org/logfed/.github/workflows/${file}@${ref}`;
  it.each([
    [
      'plan',
      'StringLike',
      [
        `repo:example-org/logfed:environment:prod-plan:ref:refs/pull/*/merge:${workflowRef('plan.yml', 'refs/pull/*/merge')}:${ids}`,
        `repo:example-org/logfed:ref:refs/heads/main:ref:refs/heads/main:${workflowRef('drift.yml', 'refs/heads/main')}:${ids}`,
        `repo:example-org/logfed:ref:refs/heads/main:ref:refs/heads/main:${workflowRef('apply.yml', 'refs/heads/main')}:${ids}`,
      ],
    ],
    [
      'apply',
      'StringEquals',
      [
        `repo:example-org/logfed:environment:prod:ref:refs/heads/main:${workflowRef('apply.yml', 'refs/heads/main')}:${ids}`,
      ],
    ],
    [
      'digest',
      'StringEquals',
      [
        `repo:example-org/logfed:ref:refs/heads/main:ref:refs/heads/main:${workflowRef('nightly-digest.yml', 'refs/heads/main')}:${ids}`,
      ],
    ],
  ])(
    'lets only the workflow file, ref, environment and repository ids meant for the %s role assume it',
    (role, test, subjects) => {
      expect(trustOf(role).condition).toEqual([
        { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
        { test, variable: 'token.actions.githubusercontent.com:sub', values: subjects },
      ]);
    },
  );

  it('gives the plan role state reads and settings reads, no lock writes, and denies reading data', () => {
    expect(text('prod-bootstrap')).not.toContain('arn:aws:iam::aws:policy/ReadOnlyAccess');
    const plan = document('prod-bootstrap', 'plan-role/permissions');
    const actions = plan.statement.filter((s: Json) => s.effect !== 'Deny').flatMap((s: Json) => s.actions);
    expect(actions).not.toContain('s3:PutObject');
    expect(actions).not.toContain('s3:DeleteObject');
    expect(statement(plan, 'NoDataPlaneReads')).toMatchObject({
      effect: 'Deny',
      actions: expect.arrayContaining([
        'ssm:GetParameter*',
        'logs:GetLogEvents',
        'logs:FilterLogEvents',
        'logs:StartQuery',
        'sqs:ReceiveMessage',
        'secretsmanager:GetSecretValue',
      ]),
      resources: ['*'],
    });
    expect(statement(plan, 'NoObjectReadsOutsideStateAndArtifacts')).toMatchObject({
      effect: 'Deny',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      not_resources: [
        expect.stringMatching(/aws_s3_bucket\.state_bucket_[0-9A-F]+\.arn\}\/\*$/),
        'arn:aws:s3:::logfed-prod-artifacts-222222222222/*',
      ],
    });
  });

  it('lets the apply role create only tagged resources and change only tagged ones of its account', () => {
    const apply = applyPermissions('prod-bootstrap');
    expect(statement(apply, 'CreateTaggedResources')).toMatchObject({
      actions: expect.arrayContaining(['ec2:CreateVpc', 'redshift:CreateCluster', 'elasticmapreduce:RunJobFlow']),
      condition: [{ test: 'StringEquals', variable: 'aws:RequestTag/ManagedBy', values: ['logfed'] }],
    });
    expect(statement(apply, 'ChangeTaggedResources')).toMatchObject({
      actions: expect.arrayContaining(['ec2:DeleteVpc', 'redshift:ModifyCluster', 'datapipeline:DeletePipeline']),
      condition: [
        { test: 'StringEquals', variable: 'aws:ResourceTag/ManagedBy', values: ['logfed'] },
        { test: 'StringEquals', variable: 'aws:ResourceAccount', values: ['222222222222'] },
      ],
    });
    const all = (apply.statement as Json[]).flatMap((s) => s.actions);
    expect(all.filter((action: string) => /^[a-z-]+:\*$/.test(action))).toEqual([]);
    expect(statement(apply, 'ManageOurBuckets')!.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:ResourceAccount', values: ['222222222222'] },
    ]);
  });

  it('lets the apply role set role permissions only within the boundary, with allow-listed managed policies', () => {
    const apply = applyPermissions('prod-bootstrap');
    const boundary = {
      test: 'StringEquals',
      variable: 'iam:PermissionsBoundary',
      values: ['arn:aws:iam::222222222222:policy/logfed-prod-permissions-boundary'],
    };
    expect(statement(apply, 'SetRolePermissionsWithinTheBoundary')!.condition).toEqual([boundary]);
    expect(statement(apply, 'AttachAllowListedPolicies')!.condition).toEqual([
      boundary,
      expect.objectContaining({ test: 'ArnEquals', variable: 'iam:PolicyARN' }),
    ]);
  });

  it('lets the apply role pass each role the stacks create to the service that assumes it, and no other', () => {
    const passedTo = (env: string) =>
      statement(applyPermissions(`${env}-bootstrap`), 'PassOurRolesToOurServices')!.condition.find(
        (c: Json) => c.variable === 'iam:PassedToService',
      ).values as string[];
    const servicesAssuming = (documents: Json[]) =>
      documents
        .flatMap((doc) => (doc.statement ?? []) as Json[])
        .filter((s) => [s.actions].flat().includes('sts:AssumeRole'))
        .flatMap((s) => (s.principals ?? []) as Json[])
        .filter((p) => p.type === 'Service')
        .flatMap((p) => p.identifiers as string[]);
    const assumingServices = (env: string) =>
      servicesAssuming(
        Object.keys(manifest.stacks)
          .filter((stack) => stack.startsWith(`${env}-`))
          .flatMap((stack) => all(stack, 'aws_iam_policy_document', 'data')),
      );
    // Neither sample runs Data Pipeline any more; an environment that selects it is synthesized to cover its roles.
    const dataPipelineEnv = {
      ...ENVIRONMENTS.find((env) => env.name === 'prod')!,
      orchestrator: 'datapipeline' as const,
    };
    const dataPipelineStack = JSON.parse(Testing.synth(new PipelineStack(Testing.app(), dataPipelineEnv))) as Json;
    const dataPipelineServices = servicesAssuming(Object.values(dataPipelineStack.data.aws_iam_policy_document));
    expect(dataPipelineServices).toContain('datapipeline.amazonaws.com');
    const used = new Set<string>();
    for (const [env, services] of [
      ['dev', assumingServices('dev')],
      ['prod', assumingServices('prod')],
      ['prod', dataPipelineServices],
    ] as const) {
      for (const service of services) {
        expect(passedTo(env)).toContain(service);
        used.add(service);
      }
    }
    expect(used).toContain('vpc-flow-logs.amazonaws.com'); // the created network's flow logs (dev)
    expect([...used].sort()).toEqual([...passedTo('prod')].sort());
  });

  it('lets the apply role sign in to its own warehouse for the schema and use its own keys, never to read the archive', () => {
    const apply = applyPermissions('prod-bootstrap');
    expect(statement(apply, 'ReadOurWarehouseAdminSecret')!.resources).toEqual([
      'arn:aws:secretsmanager:eu-west-1:222222222222:secret:redshift!logfed-prod-*',
    ]);
    // Redshift names the managed secret after the cluster (or namespace), which must carry our prefix.
    expect(all('prod-warehouse', 'aws_redshift_cluster')[0].cluster_identifier).toMatch(/^logfed-prod-/);
    expect(all('dev-warehouse', 'aws_redshiftserverless_namespace')[0].namespace_name).toMatch(/^logfed-dev-/);
    const tagged = { test: 'StringEquals', variable: 'aws:ResourceTag/ManagedBy', values: ['logfed'] };
    const inAccount = { test: 'StringEquals', variable: 'aws:ResourceAccount', values: ['222222222222'] };
    expect(statement(apply, 'UseOurKeys')!.condition).toEqual([tagged, inAccount]);
    expect(statement(apply, 'LetServicesHoldOurKeys')!.condition).toEqual([
      tagged,
      inAccount,
      { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] },
    ]);
    expect(statement(apply, 'NeverReadArchivedLogs')).toMatchObject({
      effect: 'Deny',
      actions: ['kms:Decrypt'],
      condition: [
        {
          test: 'ForAnyValue:StringEquals',
          variable: 'kms:ResourceAliases',
          values: ['alias/logfed-prod-log-archive'],
        },
      ],
    });
  });

  it('lets the plan and apply roles read the archive alias the pipeline stack looks up, as data sources do on plan', () => {
    // aws_kms_alias calls ListAliases, then DescribeKey with the alias name; the key policy delegates DescribeKey.
    const covers = (doc: Json, action: string, effect: string) =>
      (doc.statement as Json[]).some(
        (s) =>
          (s.effect ?? 'Allow') === effect && [s.actions ?? []].flat().some((a: string) => actionCovers(a, action)),
      );
    expect(all('dev-pipeline', 'aws_kms_alias', 'data')).toEqual([
      expect.objectContaining({ name: 'alias/logfed-dev-log-archive' }),
    ]);
    for (const role of ['plan', 'apply']) {
      const doc =
        role === 'apply' ? applyPermissions('prod-bootstrap') : document('prod-bootstrap', 'plan-role/permissions');
      for (const action of ['kms:ListAliases', 'kms:DescribeKey']) {
        expect([role, action, covers(doc, action, 'Allow'), covers(doc, action, 'Deny')]).toEqual([
          role,
          action,
          true,
          false,
        ]);
      }
    }
  });

  it('writes state only under the keys of the stacks the apply role applies, never the bootstrap state', () => {
    const apply = applyPermissions('prod-bootstrap');
    const keys = statement(apply, 'WriteStateOfAppliedStacks')!.resources.map((arn: string) => arn.split('}/')[1]);
    expect(keys).toEqual(['prod-log-archive/*', 'prod-intelligence/*', 'prod-pipeline/*', 'prod-warehouse/*']);
  });

  it('bounds every role of every stack with the environment boundary', () => {
    for (const stack of ['dev-bootstrap', 'dev-log-archive', 'prod-bootstrap', 'prod-log-archive']) {
      const roles = all(stack, 'aws_iam_role');
      expect(roles.length).toBeGreaterThan(0);
      for (const role of roles) {
        expect(role.permissions_boundary).toMatch(
          /^(arn:aws:iam::\d{12}:policy\/logfed-(dev|prod)-permissions-boundary|\$\{aws_iam_policy\.permissions-boundary\.arn\})$/,
        );
      }
    }
    // The boundary, and the apply role's permissions (IAM's quota on inline policies per role).
    expect(
      all('prod-bootstrap', 'aws_iam_policy')
        .map((p) => p.name)
        .sort(),
    ).toEqual([
      'logfed-prod-apply-named',
      'logfed-prod-apply-roles',
      'logfed-prod-apply-tagged',
      'logfed-prod-permissions-boundary',
    ]);
  });

  it('attaches the apply role its managed policies, which no bounded role, the apply role included, may change', () => {
    const policies = all('prod-bootstrap', 'aws_iam_policy').filter((p) => p.name.startsWith('logfed-prod-apply-'));
    const attachments = all('prod-bootstrap', 'aws_iam_role_policy_attachment');
    expect(attachments.map((a) => a.role)).toEqual(
      policies.map(() => expect.stringContaining('aws_iam_role.apply-role_')),
    );
    expect(attachments.map((a) => a.policy_arn.replace(/^\$\{aws_iam_policy\.(.+)\.arn\}$/, '$1')).sort()).toEqual(
      ['apply-role_named_', 'apply-role_roles_', 'apply-role_tagged_'].map((id) => expect.stringContaining(id)),
    );
    const boundary = document('prod-bootstrap', 'permissions-boundary-document');
    const [versions] = statement(boundary, 'NeverChangeTheBoundary')!.resources as string[];
    for (const { name } of policies) {
      expect(resourceCovers(versions, `arn:aws:iam::222222222222:policy/${name}`)).toBe(true);
    }
    expect(statement(boundary, 'NeverChangeTheBoundary')!.actions).toEqual(
      expect.arrayContaining(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy']),
    );
    // Attaching or detaching a policy is a write to the apply role itself, which the boundary denies.
    expect(statement(boundary, 'NeverChangeBootstrapIdentities')).toMatchObject({
      actions: expect.arrayContaining(['iam:Attach*', 'iam:Detach*', 'iam:Put*', 'iam:Delete*']),
      resources: expect.arrayContaining(['arn:aws:iam::222222222222:role/logfed-prod-apply']),
    });
    const granted = applyPermissions('prod-bootstrap').statement.flatMap((s: Json) => s.actions ?? []);
    expect(
      granted.filter((action: string) => /^iam:.*Polic(y|ies)Version|^iam:(Create|Delete)Policy$/.test(action)),
    ).toEqual([]);
  });

  it('caps roles in the boundary: no role without it, no change to it, only our roles passed', () => {
    const boundary = document('prod-bootstrap', 'permissions-boundary-document');
    expect(statement(boundary, 'NoRoleWithoutThisBoundary')).toMatchObject({
      effect: 'Deny',
      actions: expect.arrayContaining(['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy']),
      condition: [
        {
          test: 'StringNotEquals',
          variable: 'iam:PermissionsBoundary',
          values: ['arn:aws:iam::222222222222:policy/logfed-prod-permissions-boundary'],
        },
      ],
    });
    const unchangeable = statement(boundary, 'NeverChangeTheBoundary')!.resources as string[];
    expect(unchangeable).toHaveLength(1);
    expect(resourceCovers(unchangeable[0], 'arn:aws:iam::222222222222:policy/logfed-prod-permissions-boundary')).toBe(
      true,
    );
    expect(statement(boundary, 'NeverDropTheBoundary')!.actions).toEqual(['iam:DeleteRolePermissionsBoundary']);
    expect(statement(boundary, 'PassOnlyOurRoles')!.not_resources).toContain(
      'arn:aws:iam::222222222222:role/logfed-prod-*',
    );
  });

  it('forbids every bounded role to change what the bootstrap stack owns or erase state history', () => {
    const boundary = document('prod-bootstrap', 'permissions-boundary-document');
    expect(statement(boundary, 'NeverTouchBootstrapBuckets')).toMatchObject({
      effect: 'Deny',
      resources: [
        'arn:aws:s3:::logfed-prod-tfstate-222222222222',
        'arn:aws:s3:::logfed-prod-state-access-logs-222222222222',
      ],
    });
    expect(statement(boundary, 'NeverChangeBootstrapIdentities')).toMatchObject({
      effect: 'Deny',
      actions: expect.arrayContaining(['iam:Put*', 'iam:Update*', 'iam:Attach*', 'iam:Create*', 'iam:Delete*']),
      resources: expect.arrayContaining([
        'arn:aws:iam::222222222222:role/logfed-prod-apply',
        'arn:aws:iam::222222222222:oidc-provider/*',
      ]),
    });
    expect(statement(boundary, 'NeverEraseStateHistory')).toMatchObject({
      effect: 'Deny',
      actions: expect.arrayContaining(['s3:DeleteObjectVersion']),
      resources: ['arn:aws:s3:::logfed-prod-tfstate-222222222222/*'],
    });
  });

  it('admits only the plan, apply and break-glass roles to the state bucket', () => {
    const policy = document('prod-bootstrap', 'state/policy-document');
    expect(statement(policy, 'OnlyPlanApplyAndBreakGlass')).toMatchObject({
      effect: 'Deny',
      actions: ['s3:*'],
      condition: [
        {
          test: 'ArnNotEquals',
          variable: 'aws:PrincipalArn',
          values: [
            expect.stringContaining('aws_iam_role.plan-role_'),
            expect.stringContaining('aws_iam_role.apply-role_'),
            'arn:aws:iam::222222222222:role/logfed-break-glass',
          ],
        },
      ],
    });
  });

  it('lets the digest role read log buckets and decrypt only through S3 with the archive key', () => {
    const digest = document('prod-bootstrap', 'digest-role/permissions');
    expect(statement(digest, 'ReadLogObjects')!.resources).toContain(
      'arn:aws:s3:::logfed-prod-intelligence-222222222222/*',
    );
    expect(statement(digest, 'ReadLogObjects')!.resources).not.toContain(
      'arn:aws:s3:::logfed-prod-landing-222222222222/*',
    );
    expect(statement(digest, 'DecryptThroughS3')!.condition).toContainEqual({
      test: 'StringEquals',
      variable: 'kms:ViaService',
      values: ['s3.eu-west-1.amazonaws.com'],
    });
  });

  it('blocks public access to S3 for the whole account, a setting no bounded role may change', () => {
    expect(all('prod-bootstrap', 'aws_s3_account_public_access_block')).toEqual([
      expect.objectContaining({
        account_id: '222222222222',
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      }),
    ]);
    const boundary = document('prod-bootstrap', 'permissions-boundary-document');
    expect(statement(boundary, 'NeverOpenTheAccount')!.actions).toEqual(['s3:PutAccountPublicAccessBlock']);
  });

  it('forbids every bounded role to erase archived logs or blind the keys, trails and audit log groups', () => {
    const boundary = document('prod-bootstrap', 'permissions-boundary-document');
    const erase = statement(boundary, 'NeverEraseArchivedLogs')!;
    expect(erase).toMatchObject({
      effect: 'Deny',
      actions: expect.arrayContaining(['s3:DeleteObjectVersion', 's3:BypassGovernanceRetention']),
    });
    // Every evidence bucket and its objects, by name or pattern, and no other bucket of the stacks.
    const guardedBucket = (arn: string) =>
      (erase.resources as string[]).some((pattern) => resourceCovers(pattern, arn));
    for (const bucket of [...ARCHIVE_BUCKETS, 'tfstate', 'state-access-logs']) {
      const arn = `arn:aws:s3:::logfed-prod-${bucket}-222222222222`;
      const evidence = ['trail-management', 'trail-s3-data', 'trail-lambda-data', 'access-logs'].includes(bucket);
      expect([bucket, guardedBucket(arn), guardedBucket(`${arn}/any/key`)]).toEqual([bucket, evidence, evidence]);
    }
    expect(statement(boundary, 'NeverDisableTheKeys')!.condition[0].values).toEqual([
      'alias/logfed-prod-tfstate',
      'alias/logfed-prod-log-archive',
    ]);
    const trails = statement(boundary, 'NeverStopTheTrails')!;
    expect(trails.actions).toEqual(['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail']);
    for (const { name } of all('prod-log-archive', 'aws_cloudtrail')) {
      const arn = `arn:aws:cloudtrail:eu-west-1:222222222222:trail/${name}`;
      expect((trails.resources as string[]).some((pattern) => resourceCovers(pattern, arn))).toBe(true);
    }
    expect(statement(boundary, 'NeverDeleteTheAuditLogGroups')!.resources[0]).toBe(
      'arn:aws:logs:eu-west-1:222222222222:log-group:/aws/cloudtrail/logfed-prod-management',
    );
  });

  it.each([
    ['prod', '222222222222', '/aws/redshift/cluster/logfed-prod-warehouse'],
    ['dev', '111111111111', '/aws/redshift/logfed-dev-warehouse'],
  ])(
    'forbids every bounded role of %s to delete the Redshift audit log groups or drop their retention',
    (env, account, prefix) => {
      const boundary = document(`${env}-bootstrap`, 'permissions-boundary-document');
      const guard = (statement(boundary, 'NeverDeleteTheAuditLogGroups') ?? { actions: [], resources: [] }) as Json;
      expect(guard.effect).toBe('Deny');
      expect(guard.actions).toEqual(
        expect.arrayContaining(['logs:DeleteLogGroup', 'logs:DeleteRetentionPolicy', 'logs:DisassociateKmsKey']),
      );
      const warehouseGroups = all(`${env}-warehouse`, 'aws_cloudwatch_log_group').map((g) => g.name as string);
      expect(warehouseGroups.sort()).toEqual(
        ['connectionlog', 'useractivitylog', 'userlog'].map((log) => `${prefix}/${log}`),
      );
      const guarded = (arn: string) => (guard.resources as string[]).some((pattern) => resourceCovers(pattern, arn));
      for (const name of warehouseGroups) {
        const arn = `arn:aws:logs:eu-west-1:${account}:log-group:${name}`;
        expect(guarded(arn)).toBe(true);
        expect(guarded(`${arn}:log-stream:any`)).toBe(true);
      }
      expect(guarded(`arn:aws:logs:eu-west-1:${account}:log-group:/aws/lambda/logfed-${env}-any`)).toBe(false);
    },
  );

  it('outputs the role ARNs and the state bucket the admin wires into GitHub', () => {
    expect(Object.keys(json('dev-bootstrap').output).sort()).toEqual([
      'apply-role-arn',
      'digest-role-arn',
      'plan-role-arn',
      'state-bucket',
    ]);
    expect(json('dev-bootstrap').output['apply-role-arn'].value).toMatch(
      /^\$\{aws_iam_role\.apply-role_[0-9A-F]+\.arn\}$/,
    );
  });

  it('keeps state in a SecureBucket encrypted with its own rotating key', () => {
    expect(text('dev-bootstrap')).toHaveResourceWithProperties(S3Bucket, { bucket: 'logfed-dev-tfstate-111111111111' });
    expect(text('dev-bootstrap')).toHaveResourceWithProperties(KmsKey, {
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
    expect(text('dev-bootstrap')).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: expect.arrayContaining([expect.objectContaining({ sid: 'DenyInsecureTransport' })]),
    });
  });
});

describe('pipeline and warehouse stacks', () => {
  it('lets the orchestrator create Data API grants for AWS resources on the warehouse key alone, found by its alias', () => {
    const keyAlias = all('dev-warehouse', 'aws_kms_alias').map((alias) => alias.name as string);
    expect(keyAlias).toEqual(['alias/logfed-dev-warehouse']);
    const orchestrator = document('dev-pipeline', 'orchestrator-role/permissions');
    const onTheWarehouseKey = [{ test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: keyAlias }];
    expect(statement(orchestrator, 'LetDataApiHoldWarehouseKey')).toMatchObject({
      actions: ['kms:CreateGrant'],
      resources: ['arn:aws:kms:eu-west-1:111111111111:key/*'],
      condition: [...onTheWarehouseKey, { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
    });
    expect(statement(orchestrator, 'DescribeWarehouseKey')).toMatchObject({
      actions: ['kms:DescribeKey'],
      resources: ['arn:aws:kms:eu-west-1:111111111111:key/*'],
      condition: onTheWarehouseKey,
    });
  });
});

describe('the README bootstrap steps', () => {
  it('set the OIDC subject claims the roles trust, in their order', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const claims = [...readme.matchAll(/include_claim_keys\[\]=([a-z_]+)/g)].map((m) => m[1]);
    expect(claims).toEqual(SUBJECT_CLAIM_KEYS);
  });
});

describe('synth with the guardrails switched off', () => {
  it('leaves out the account public access block and the Insights selectors', () => {
    const off = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-synth-'));
    const envs = ENVIRONMENTS.map((env) => ({
      ...env,
      guardrails: { accountPublicAccessBlock: false, cloudTrailInsights: false },
    }));
    buildApp(envs, { outdir: off }).synth();
    const stack = (id: string) =>
      JSON.parse(fs.readFileSync(path.join(off, 'stacks', id, 'cdk.tf.json'), 'utf8')) as Json;
    expect(stack('dev-bootstrap').resource.aws_s3_account_public_access_block).toBeUndefined();
    const trails = Object.values(stack('dev-log-archive').resource.aws_cloudtrail as Json) as Json[];
    expect(trails.every((t) => t.insight_selector === undefined)).toBe(true);
    fs.rmSync(off, { recursive: true, force: true });
  });
});

describe('synth with a configuration mistake', () => {
  it('stops before building anything and names the environment, the field and the problem', () => {
    const broken = ENVIRONMENTS.map((env) => (env.name === 'prod' ? { ...env, adminEmails: ['not-an-address'] } : env));
    expect(() => buildApp(broken, { outdir })).toThrow(InvalidConfigError);
    expect(() => buildApp(broken, { outdir })).toThrow(
      'prod.adminEmails[0]: "not-an-address" is not an e-mail address',
    );
  });
});
