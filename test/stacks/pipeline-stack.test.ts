import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import 'cdktf/lib/testing/adapters/jest'; // types of the toHave…WithProperties matchers
import { Testing } from 'cdktf';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { pipelineModel } from '../../pipeline-definitions/model';
import { STATE } from '../../pipeline-definitions/step-functions';
import type { EnvironmentConfig } from '../../stacks/config/types';
import { PipelineStack } from '../../stacks/pipeline-stack';
import { blocks, environment, synthStack, type Json } from './synth-stack';

Testing.setupJest();

const synth = (env: EnvironmentConfig) => synthStack((app) => new PipelineStack(app, env));

const named = (json: Json, type: string, prefix: string, kind = 'resource') =>
  Object.entries((json[kind]?.[type] ?? {}) as Json).find(([name]) => name.startsWith(prefix))![1] as Json;
/** The inline permissions of the role whose construct id is `role` (ServiceRole names its document `permissions`). */
const permissions = (json: Json, role: string) =>
  named(json, 'aws_iam_policy_document', `${role}_permissions`, 'data').statement as Json[];

/** The key ARN behind the archive alias, from the pipeline stack's alias lookup (the key lives in log-archive). */
const ARCHIVE_KEY_ARN = '${data.aws_kms_alias.archive-key.target_key_arn}';

const account = (name: string) => environment(name).accountId;

const dev = synth(environment('dev')); // Step Functions, created network, serverless warehouse
const prod = synth(environment('prod')); // Step Functions, existing network, provisioned warehouse
/** Data Pipeline stays selectable for accounts that already use it: the prod sample switched to it. */
const dataPipelineEnv: EnvironmentConfig = { ...environment('prod'), orchestrator: 'datapipeline' };
const dataPipeline = synth(dataPipelineEnv);

describe('pipeline stack with Step Functions', () => {
  const machine = blocks(dev.json, 'aws_sfn_state_machine')[0];
  const definition = JSON.parse(machine.definition) as Json;
  const createCluster = definition.States[STATE.createCluster].Parameters as Json;

  it('runs the rendered state machine as the orchestrator role, logging every execution encrypted, traced', () => {
    expect(dev.text).toHaveResourceWithProperties(SfnStateMachine, {
      name: 'logfed-dev-load',
      logging_configuration: {
        include_execution_data: true,
        level: 'ALL',
        log_destination: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.state-machine-logs\.arn\}:\*$/),
      },
      tracing_configuration: { enabled: true },
    });
    expect(machine.role_arn).toMatch(/aws_iam_role\.orchestrator-role_\w+\.arn/);
    const group = blocks(dev.json, 'aws_cloudwatch_log_group').find((g) =>
      g.name.startsWith('/aws/vendedlogs/states/'),
    )!;
    expect(group).toMatchObject({ name: '/aws/vendedlogs/states/logfed-dev-load', retention_in_days: 365 });
    expect(group.kms_key_id).toMatch(/aws_kms_key\.key_\w+\.arn/);
    expect(blocks(dev.json, 'aws_datapipeline_pipeline')).toEqual([]);
  });

  it('starts the transient cluster in a private subnet with its security groups and security configuration', () => {
    expect(createCluster).toMatchObject({
      ServiceRole: 'logfed-dev-emr-service',
      JobFlowRole: 'logfed-dev-emr-instance',
      SecurityConfiguration: 'logfed-dev-emr',
      Instances: {
        KeepJobFlowAliveWhenNoSteps: true,
        Ec2SubnetId: expect.stringMatching(/aws_subnet\.network_private-1_\w+\.id/),
        EmrManagedMasterSecurityGroup: expect.stringMatching(/aws_security_group\.emr_primary_\w+\.id/),
        EmrManagedSlaveSecurityGroup: expect.stringMatching(/aws_security_group\.emr_core_\w+\.id/),
        ServiceAccessSecurityGroup: expect.stringMatching(/aws_security_group\.emr_service-access_\w+\.id/),
      },
    });
  });

  it('creates the cluster with the tag AmazonEMRServicePolicy_v2 requires, besides ours', () => {
    expect(createCluster.Tags).toEqual([
      { Key: 'ManagedBy', Value: 'logfed' },
      { Key: 'Environment', Value: 'dev' },
      { Key: 'for-use-with-amazon-emr-managed-policies', Value: 'true' },
    ]);
  });

  it('starts a run for each object created under a dataset landing prefix, with the key as input', () => {
    const [rule] = blocks(dev.json, 'aws_cloudwatch_event_rule');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: {
        bucket: { name: ['logfed-dev-landing-111111111111'] },
        object: { key: [{ prefix: 'storefront/' }] },
      },
    });
    expect(dev.text).toHaveResourceWithProperties(CloudwatchEventTarget, {
      arn: expect.stringMatching(/aws_sfn_state_machine\.state-machine\.arn/),
      input_transformer: { input_paths: { key: '$.detail.object.key' }, input_template: '{"key": <key>}' },
    });
    expect(permissions(dev.json, 'start-role')).toEqual([
      expect.objectContaining({
        actions: ['states:StartExecution'],
        resources: ['${aws_sfn_state_machine.state-machine.arn}'],
      }),
    ]);
  });

  it('lets the orchestrator create only clusters tagged ManagedBy=logfed and use only the one warehouse', () => {
    const statements = permissions(dev.json, 'orchestrator-role');
    const bySid = Object.fromEntries(statements.map((s) => [s.sid, s]));
    expect(bySid.CreateTaggedClusters.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:RequestTag/ManagedBy', values: ['logfed'] },
    ]);
    expect(bySid.RunStatements.resources).toEqual(['arn:aws:redshift-serverless:eu-west-1:111111111111:workgroup/*']);
    expect(bySid.PublishAlerts.resources).toEqual(['arn:aws:sns:eu-west-1:111111111111:logfed-dev-alerts']);
  });
});

describe('the prod sample', () => {
  it('runs Step Functions against its provisioned cluster, not Data Pipeline, which is closed to new customers', () => {
    expect(blocks(prod.json, 'aws_datapipeline_pipeline')).toEqual([]);
    expect(blocks(prod.json, 'aws_datapipeline_pipeline_definition')).toEqual([]);
    expect(blocks(prod.json, 'aws_sfn_state_machine').map((m) => m.name)).toEqual(['logfed-prod-load']);
    const machine = JSON.parse(blocks(prod.json, 'aws_sfn_state_machine')[0].definition) as Json;
    // The cluster gets the security configuration (at-rest encryption) Data Pipeline's EmrCluster cannot carry.
    expect(machine.States[STATE.createCluster].Parameters.SecurityConfiguration).toBe('logfed-prod-emr');
    const bySid = Object.fromEntries(permissions(prod.json, 'orchestrator-role').map((s) => [s.sid, s]));
    expect(bySid.RunStatements.resources).toEqual([
      'arn:aws:redshift:eu-west-1:222222222222:cluster:logfed-prod-warehouse',
    ]);
  });
});

describe('pipeline stack with Data Pipeline', () => {
  const pipeline = blocks(dataPipeline.json, 'aws_datapipeline_pipeline_definition')[0];
  const fields = (id: string) =>
    Object.fromEntries(
      (pipeline.pipeline_object as Json[])
        .find((o) => o.id === id)!
        .field.map((f: Json) => [f.key, f.string_value ?? f.ref_value]),
    );

  it('activates the rendered definition and no state machine', () => {
    expect(blocks(dataPipeline.json, 'aws_datapipeline_pipeline')[0].name).toBe('logfed-prod-load');
    expect(fields('Default')).toMatchObject({
      role: 'logfed-prod-orchestrator',
      resourceRole: 'logfed-prod-pipeline-resource',
    });
    expect(blocks(dataPipeline.json, 'aws_sfn_state_machine')).toEqual([]);
    expect(blocks(dataPipeline.json, 'aws_cloudwatch_event_rule')).toEqual([]);
  });

  it('tags the pipeline with the EMR-managed tag, which Data Pipeline propagates to its clusters', () => {
    expect(blocks(dataPipeline.json, 'aws_datapipeline_pipeline')[0].tags).toEqual({
      'for-use-with-amazon-emr-managed-policies': 'true',
    });
  });

  it('places the EMR cluster in the first configured subnet with the EMR-managed security groups', () => {
    expect(fields('SplitCluster')).toMatchObject({
      subnetId: 'subnet-0a1b2c3d4e5f60718',
      emrManagedMasterSecurityGroupId: expect.stringMatching(/aws_security_group\.emr_primary_\w+\.id/),
      serviceAccessSecurityGroupId: expect.stringMatching(/aws_security_group\.emr_service-access_\w+\.id/),
    });
  });

  it('creates the roles and instance profiles the definition names', () => {
    const roles = blocks(dataPipeline.json, 'aws_iam_role').map((role) => role.name);
    expect(roles.sort()).toEqual(
      [
        'logfed-prod-emr-instance',
        'logfed-prod-emr-service',
        'logfed-prod-orchestrator',
        'logfed-prod-pipeline-resource',
        'logfed-prod-redshift-load',
      ].sort(),
    );
    expect(dataPipeline.text).toHaveResourceWithProperties(IamInstanceProfile, {
      name: 'logfed-prod-pipeline-resource',
    });
  });
});

describe('pipeline stack, both orchestrators', () => {
  it.each([
    ['dev', environment('dev'), dev],
    ['prod', environment('prod'), prod],
    ['prod on Data Pipeline', dataPipelineEnv, dataPipeline],
  ])('%s creates every role with exactly the name the pipeline model uses', (_, env, { json }) => {
    const model = pipelineModel(env);
    const roles = blocks(json, 'aws_iam_role').map((role) => role.name as string);
    expect(roles).toEqual(
      expect.arrayContaining([
        model.emr.serviceRole,
        model.emr.instanceProfile,
        model.orchestratorRole,
        model.redshift.copyRoleArn.split('/').pop(),
      ]),
    );
    expect(blocks(json, 'aws_iam_instance_profile').map((p) => p.name)).toContain(model.emr.instanceProfile);
    expect(blocks(json, 'aws_emr_security_configuration')[0].name).toBe(model.emr.securityConfiguration);
  });

  it('encrypts S3 objects with the archive key and local disks with the pipeline key; no TLS without certificates', () => {
    const config = JSON.parse(
      blocks(dev.json, 'aws_emr_security_configuration')[0].configuration as string,
    ).EncryptionConfiguration;
    expect(config).toMatchObject({
      EnableAtRestEncryption: true,
      EnableInTransitEncryption: false,
      AtRestEncryptionConfiguration: {
        S3EncryptionConfiguration: { EncryptionMode: 'SSE-KMS', AwsKmsKey: ARCHIVE_KEY_ARN },
        LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: 'AwsKms', EnableEbsEncryption: true },
      },
    });
    expect(config.AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration.AwsKmsKey).toMatch(
      /aws_kms_key\.key_\w+\.arn/,
    );
  });

  it('turns in-transit encryption on with the configured certificates', () => {
    const certificates = 's3://logfed-dev-artifacts-111111111111/emr/certs.zip';
    const { json } = synth({ ...environment('dev'), emrTransitCertificates: certificates });
    const config = JSON.parse(
      blocks(json, 'aws_emr_security_configuration')[0].configuration as string,
    ).EncryptionConfiguration;
    expect(config.EnableInTransitEncryption).toBe(true);
    expect(config.InTransitEncryptionConfiguration).toEqual({
      TLSCertificateConfiguration: { CertificateProviderType: 'PEM', S3Object: certificates },
    });
  });

  it('uploads the split job to the artifacts bucket, replaced whenever its content changes', () => {
    const job = path.resolve(__dirname, '..', '..', 'pipeline-definitions', 'emr', 'split_chunks.py');
    expect(dev.text).toHaveResourceWithProperties(S3Object, {
      bucket: 'logfed-dev-artifacts-111111111111',
      key: 'emr/split_chunks.py',
      source_hash: crypto.createHash('sha256').update(fs.readFileSync(job)).digest('hex'),
      kms_key_id: ARCHIVE_KEY_ARN,
    });
  });

  it.each([
    ['dev', dev],
    ['prod', prod],
    ['prod on Data Pipeline', dataPipeline],
  ])('%s gives EMRFS and the split job the archive key by key ARN, looked up by alias', (label, { json }) => {
    const name = label.split(' ')[0];
    // The archive buckets deny SSE-KMS writes whose key id is not the key ARN: an alias ARN would be refused.
    expect(blocks(json, 'aws_kms_alias', 'data')).toEqual([
      expect.objectContaining({ name: `alias/logfed-${name}-log-archive` }),
    ]);
    const config = JSON.parse(blocks(json, 'aws_emr_security_configuration')[0].configuration as string);
    const s3Key = config.EncryptionConfiguration.AtRestEncryptionConfiguration.S3EncryptionConfiguration.AwsKmsKey;
    expect([s3Key, blocks(json, 'aws_s3_object')[0].kms_key_id]).toEqual([ARCHIVE_KEY_ARN, ARCHIVE_KEY_ARN]);
    expect(JSON.stringify(json)).not.toMatch(/:alias\/logfed-\w+-log-archive/);
  });

  it('lets Redshift read only the chunks and write only the load errors, with the archive key through S3', () => {
    const bySid = Object.fromEntries(permissions(prod.json, 'redshift-load-role').map((s) => [s.sid, s]));
    expect(bySid.ReadObjects.resources).toEqual(['arn:aws:s3:::logfed-prod-chunks-222222222222/*']);
    expect(bySid.WriteObjects.resources).toEqual(['arn:aws:s3:::logfed-prod-exceptions-222222222222/load_errors/*']);
    // UNLOAD … ENCRYPTED AUTO reads the bucket's default encryption to use its KMS key rather than SSE-S3.
    expect(bySid.ReadExceptionsDefaultEncryption).toMatchObject({
      actions: ['s3:GetEncryptionConfiguration'],
      resources: ['arn:aws:s3:::logfed-prod-exceptions-222222222222'],
    });
    // Both renderings unload there.
    const definition = JSON.stringify(blocks(dataPipeline.json, 'aws_datapipeline_pipeline_definition')[0]);
    expect(definition).toContain('s3://logfed-prod-exceptions-222222222222/load_errors/');
    expect(blocks(dev.json, 'aws_sfn_state_machine')[0].definition).toContain(
      's3://logfed-dev-exceptions-111111111111/load_errors/',
    );
    expect(bySid.ArchiveKeyThroughS3.condition).toEqual(
      expect.arrayContaining([
        { test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.eu-west-1.amazonaws.com'] },
        {
          test: 'ForAnyValue:StringEquals',
          variable: 'kms:ResourceAliases',
          values: ['alias/logfed-prod-log-archive'],
        },
      ]),
    );
  });
});

describe('orchestrator role, both orchestrators', () => {
  it.each([
    ['dev', dev],
    ['prod', prod],
    ['prod on Data Pipeline', dataPipeline],
  ])(
    '%s encrypts alerts with the key of the alerts topic, the intelligence key, only through SNS',
    (label, { json }) => {
      const name = label.split(' ')[0];
      const bySid = Object.fromEntries(permissions(json, 'orchestrator-role').map((s) => [s.sid, s]));
      expect(bySid.PublishAlerts.resources).toEqual([`arn:aws:sns:eu-west-1:${account(name)}:logfed-${name}-alerts`]);
      expect(bySid.EncryptAlerts).toMatchObject({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [`arn:aws:kms:eu-west-1:${account(name)}:key/*`],
        condition: [
          { test: 'StringEquals', variable: 'kms:ViaService', values: ['sns.eu-west-1.amazonaws.com'] },
          {
            test: 'ForAnyValue:StringEquals',
            variable: 'kms:ResourceAliases',
            values: [`alias/logfed-${name}-intelligence`],
          },
        ],
      });
    },
  );
});

describe('passing the cluster roles', () => {
  it.each([
    ['dev', dev],
    ['prod', prod],
    ['prod on Data Pipeline', dataPipeline],
  ])('%s passes the EMR service role to EMR and the instance role to EC2, nothing else', (label, { json }) => {
    const name = label.split(' ')[0];
    const passes = permissions(json, 'orchestrator-role')
      .filter((s) => s.actions.includes('iam:PassRole'))
      .filter((s) => s.resources.some((arn: string) => /emr-(service|instance)$/.test(arn)));
    const role = (suffix: string) => `arn:aws:iam::${account(name)}:role/logfed-${name}-${suffix}`;
    const passedTo = (service: string) => [
      { test: 'StringEquals', variable: 'iam:PassedToService', values: [service] },
    ];
    expect(passes.map((s) => [s.resources, s.condition])).toEqual([
      [[role('emr-service')], passedTo('elasticmapreduce.amazonaws.com')],
      [[role('emr-instance')], passedTo('ec2.amazonaws.com')],
    ]);
  });
});

describe('network', () => {
  it('creates private subnets in three zones, an S3 gateway and the interface endpoints, and no way out', () => {
    expect(blocks(dev.json, 'aws_subnet').map((s) => [s.availability_zone, s.map_public_ip_on_launch])).toEqual([
      ['eu-west-1a', false],
      ['eu-west-1b', false],
      ['eu-west-1c', false],
    ]);
    expect(dev.text).toHaveResourceWithProperties(Subnet, {
      tags: expect.objectContaining({ 'for-use-with-amazon-emr-managed-policies': 'true' }),
    });
    expect(dev.text).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: 'com.amazonaws.eu-west-1.s3',
      vpc_endpoint_type: 'Gateway',
    });
    const interfaces = blocks(dev.json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface');
    expect(interfaces.map((e) => [e.service_name, e.private_dns_enabled]).sort()).toEqual(
      ['elasticmapreduce', 'kms', 'redshift-data', 'sts'].map((s) => [`com.amazonaws.eu-west-1.${s}`, true]),
    );
    for (const type of ['aws_internet_gateway', 'aws_nat_gateway', 'aws_eip'])
      expect(blocks(dev.json, type)).toEqual([]);
    expect(blocks(dev.json, 'aws_flow_log')[0]).toMatchObject({
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
    });
  });

  it('lets flow logs write their own log group and find it, as the role AWS documents does', () => {
    const [write, describe] = permissions(dev.json, 'network_flow-log-role');
    expect(write).toMatchObject({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [expect.stringMatching(/flow-logs_\w+\.arn\}$/), expect.stringMatching(/flow-logs_\w+\.arn\}:\*$/)],
    });
    // DescribeLogGroups cannot name one group; it stays in this account and region.
    expect(describe).toMatchObject({
      actions: ['logs:DescribeLogGroups'],
      resources: ['arn:aws:logs:eu-west-1:111111111111:log-group:*'],
    });
  });

  it('creates nothing but security groups in an existing VPC', () => {
    expect(blocks(prod.json, 'aws_vpc')).toEqual([]);
    expect(blocks(prod.json, 'aws_subnet')).toEqual([]);
    expect(new Set(blocks(prod.json, 'aws_security_group').map((g) => g.vpc_id))).toEqual(
      new Set(['vpc-0a1b2c3d4e5f60718']),
    );
  });
});

describe('the identity the state machine signs in to Redshift as', () => {
  const definition = (json: Json) => JSON.parse(blocks(json, 'aws_sfn_state_machine')[0].definition as string);
  const dataApiCalls = (json: Json) =>
    Object.values(definition(json).States as Record<string, Json>).filter(
      (state) =>
        String(state.Resource).startsWith('arn:aws:states:::aws-sdk:redshiftdata:') &&
        /xecuteStatement$/.test(String(state.Resource)),
    );

  it.each([
    ['dev', dev],
    ['prod', prod],
  ])('%s: never the admin user anywhere in the pipeline stack', (_, { text }) => {
    expect(text).not.toContain('logfed_admin');
  });

  it('prod (provisioned) runs every statement as the loader user, the only db user it may get credentials for', () => {
    const calls = dataApiCalls(prod.json);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.Parameters).toMatchObject({ ClusterIdentifier: 'logfed-prod-warehouse', DbUser: 'logfed_loader' });
    }
    const credentials = permissions(prod.json, 'orchestrator-role').filter((s) =>
      (s.actions as string[]).some((action) => action.startsWith('redshift:GetClusterCredentials')),
    );
    expect(credentials).toHaveLength(1);
    expect(credentials[0].resources).toEqual([
      'arn:aws:redshift:eu-west-1:222222222222:dbuser:logfed-prod-warehouse/logfed_loader',
      'arn:aws:redshift:eu-west-1:222222222222:dbname:logfed-prod-warehouse/logs',
    ]);
  });

  it('dev (serverless) signs in as the orchestrator role, which the RedshiftDbRoles tag binds to the loader role', () => {
    const calls = dataApiCalls(dev.json);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.Parameters).toMatchObject({ WorkgroupName: 'logfed-dev-warehouse', Database: 'logs' });
      expect(call.Parameters).not.toHaveProperty('DbUser');
      expect(call.Parameters).not.toHaveProperty('SecretArn');
    }
    const role = blocks(dev.json, 'aws_iam_role').find((r) => r.name === 'logfed-dev-orchestrator')!;
    expect(role.tags).toEqual({ RedshiftDbRoles: 'logfed_loader' });
    const prodRole = blocks(prod.json, 'aws_iam_role').find((r) => r.name === 'logfed-prod-orchestrator')!;
    expect(prodRole.tags).toBeUndefined();
  });
});

describe('the EMR cleanup service-linked role', () => {
  it.each([
    ['dev', dev],
    ['prod', prod],
  ])('%s: the orchestrator may create AWSServiceRoleForEMRCleanup for EMR, and nothing else', (name, { json }) => {
    const statement = permissions(json, 'orchestrator-role').find((s) => s.sid === 'CreateEmrCleanupRole');
    expect(statement).toEqual({
      sid: 'CreateEmrCleanupRole',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [
        `arn:aws:iam::${account(name)}:role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup*`,
      ],
      condition: [{ test: 'StringLike', variable: 'iam:AWSServiceName', values: ['elasticmapreduce.amazonaws.com'] }],
    });
  });
});
