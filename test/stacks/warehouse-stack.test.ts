import 'cdktf/lib/testing/adapters/jest'; // types of the toHave…WithProperties matchers
import { Testing } from 'cdktf';
import { RedshiftCluster } from '@cdktf/provider-aws/lib/redshift-cluster';
import { RedshiftLogging } from '@cdktf/provider-aws/lib/redshift-logging';
import { RedshiftParameterGroup } from '@cdktf/provider-aws/lib/redshift-parameter-group';
import { RedshiftSubnetGroup } from '@cdktf/provider-aws/lib/redshift-subnet-group';
import { RedshiftserverlessNamespace } from '@cdktf/provider-aws/lib/redshiftserverless-namespace';
import { RedshiftserverlessWorkgroup } from '@cdktf/provider-aws/lib/redshiftserverless-workgroup';
import { schemaStatements } from '../../pipeline-definitions/sql';
import type { EnvironmentConfig } from '../../stacks/config/types';
import { WarehouseStack } from '../../stacks/warehouse-stack';
import { blocks, environment, synthStack, type Json } from './synth-stack';

Testing.setupJest();

const synth = (env: EnvironmentConfig) => synthStack((app) => new WarehouseStack(app, env));

const provisioned = synth(environment('prod'));
const serverless = synth(environment('dev'));
const loadRole = (account: string, env: string) => `arn:aws:iam::${account}:role/logfed-${env}-redshift-load`;

describe('provisioned warehouse', () => {
  it('is encrypted with its own key, private, routed through the VPC, its admin password in Secrets Manager', () => {
    expect(provisioned.text).toHaveResourceWithProperties(RedshiftCluster, {
      cluster_identifier: 'logfed-prod-warehouse',
      node_type: 'ra3.large',
      number_of_nodes: 2,
      cluster_type: 'multi-node',
      encrypted: 'true',
      kms_key_id: expect.stringMatching(/aws_kms_key\.key_\w+\.arn/),
      enhanced_vpc_routing: true,
      publicly_accessible: false,
      manage_master_password: true,
      master_password_secret_kms_key_id: expect.stringMatching(/aws_kms_key\.key_\w+\.arn/),
      iam_roles: [loadRole('222222222222', 'prod')],
      default_iam_role_arn: loadRole('222222222222', 'prod'),
      skip_final_snapshot: false,
    });
    expect(blocks(provisioned.json, 'aws_redshift_cluster')[0].master_password).toBeUndefined();
  });

  it('lives in the configured subnets and requires TLS', () => {
    expect(provisioned.text).toHaveResourceWithProperties(RedshiftSubnetGroup, {
      subnet_ids: ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'],
    });
    expect(provisioned.text).toHaveResourceWithProperties(RedshiftParameterGroup, {
      parameter: expect.arrayContaining([{ name: 'require_ssl', value: 'true' }]),
    });
  });

  it('exports its connection, user and user-activity logs to CloudWatch Logs, not to S3', () => {
    expect(provisioned.text).toHaveResourceWithProperties(RedshiftLogging, {
      cluster_identifier: '${aws_redshift_cluster.cluster.cluster_identifier}',
      log_destination_type: 'cloudwatch',
      log_exports: ['connectionlog', 'userlog', 'useractivitylog'],
    });
    const [logging] = blocks(provisioned.json, 'aws_redshift_logging');
    expect(logging.bucket_name).toBeUndefined();
    expect(logging.s3_key_prefix).toBeUndefined();
    expect(provisioned.text).not.toContain('redshift-audit');
  });

  it('accepts SQL only from inside the VPC and reaches out only to S3 and the endpoints on 443', () => {
    const ingress = blocks(provisioned.json, 'aws_vpc_security_group_ingress_rule');
    expect(ingress.map((r) => [r.from_port, r.to_port, r.cidr_ipv4])).toEqual([
      [5439, 5439, '${data.aws_vpc.vpc.cidr_block}'],
    ]);
    const egress = blocks(provisioned.json, 'aws_vpc_security_group_egress_rule');
    expect(egress.map((r) => [r.from_port, r.prefix_list_id ?? r.cidr_ipv4]).sort()).toEqual([
      [443, '${data.aws_prefix_list.s3-prefix-list.id}'],
      [443, '${data.aws_vpc.vpc.cidr_block}'],
    ]);
    expect(blocks(provisioned.json, 'aws_vpc', 'data')[0]).toEqual(
      expect.objectContaining({ id: 'vpc-0a1b2c3d4e5f60718' }),
    );
  });
});

describe('serverless warehouse', () => {
  it('is a private, encrypted namespace and workgroup that require TLS', () => {
    expect(serverless.text).toHaveResourceWithProperties(RedshiftserverlessNamespace, {
      namespace_name: 'logfed-dev-warehouse',
      db_name: 'logs',
      manage_admin_password: true,
      kms_key_id: expect.stringMatching(/aws_kms_key\.key_\w+\.arn/),
      iam_roles: [loadRole('111111111111', 'dev')],
      log_exports: ['connectionlog', 'userlog', 'useractivitylog'],
    });
    expect(serverless.text).toHaveResourceWithProperties(RedshiftserverlessWorkgroup, {
      workgroup_name: 'logfed-dev-warehouse',
      base_capacity: 8,
      publicly_accessible: false,
      enhanced_vpc_routing: true,
      config_parameter: expect.arrayContaining([{ parameter_key: 'require_ssl', parameter_value: 'true' }]),
    });
    expect(blocks(serverless.json, 'aws_redshift_cluster')).toEqual([]);
  });

  it('finds the subnets the pipeline stack created by their Name tags', () => {
    expect(blocks(serverless.json, 'aws_vpc', 'data')[0].filter).toEqual([
      { name: 'tag:Name', values: ['logfed-dev-network'] },
    ]);
    expect(blocks(serverless.json, 'aws_subnets', 'data')[0].filter).toEqual([
      { name: 'vpc-id', values: ['${data.aws_vpc.vpc.id}'] },
      { name: 'tag:Name', values: ['logfed-dev-network-private-*'] },
    ]);
    expect(blocks(serverless.json, 'aws_redshiftserverless_workgroup')[0].subnet_ids).toBe(
      '${data.aws_subnets.subnets.ids}',
    );
  });
});

/** The audit log groups of a synthesized warehouse, by name. */
const auditLogGroups = ({ json }: { json: Json }) =>
  Object.fromEntries(
    Object.entries(json.resource.aws_cloudwatch_log_group ?? {}).map(([id, group]) => [
      (group as Json).name as string,
      { ...(group as Json), ref: `aws_cloudwatch_log_group.${id}` },
    ]),
  );

describe('audit log groups', () => {
  it.each([
    ['provisioned', provisioned, '/aws/redshift/cluster/logfed-prod-warehouse', 731, 'aws_redshift_logging'],
    ['serverless', serverless, '/aws/redshift/logfed-dev-warehouse', 365, 'aws_redshiftserverless_namespace'],
  ])(
    'exist in the %s warehouse stack before Redshift writes, with its key and the environment retention',
    (_, warehouse, prefix, days, writer) => {
      const groups = auditLogGroups(warehouse);
      const names = ['connectionlog', 'userlog', 'useractivitylog'].map((log) => `${prefix}/${log}`);
      expect(Object.keys(groups).sort()).toEqual([...names].sort());
      for (const name of names) {
        expect(groups[name]).toMatchObject({
          retention_in_days: days,
          kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.key_\w+\.arn\}$/),
        });
      }
      const [exporter] = blocks(warehouse.json, writer);
      expect([...exporter.depends_on].sort()).toEqual(names.map((name) => groups[name].ref).sort());
    },
  );

  it.each([
    [
      'provisioned',
      provisioned,
      'arn:aws:logs:eu-west-1:222222222222:log-group:/aws/redshift/cluster/logfed-prod-warehouse/',
    ],
    ['serverless', serverless, 'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/redshift/logfed-dev-warehouse/'],
  ])('are the only log groups the %s warehouse key lets CloudWatch Logs encrypt', (_, { json }, arnPrefix) => {
    const [key] = blocks(json, 'aws_kms_key');
    const statement = (JSON.parse(key.policy).Statement as Json[]).find(
      (s) => s.Sid === 'CloudWatchLogsEncryptsLogGroups',
    )!;
    expect(statement.Principal).toEqual({ Service: 'logs.eu-west-1.amazonaws.com' });
    expect(statement.Condition).toEqual({
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': ['connectionlog', 'userlog', 'useractivitylog'].map(
          (log) => `${arnPrefix}${log}`,
        ),
      },
    });
  });
});

describe('star schema', () => {
  it.each([
    [
      'provisioned',
      provisioned,
      'cluster_identifier',
      /aws_redshift_cluster\.cluster/,
      /cluster\.master_password_secret_arn/,
    ],
    [
      'serverless',
      serverless,
      'workgroup_name',
      /aws_redshiftserverless_workgroup\.workgroup/,
      /namespace\.admin_password_secret_arn/,
    ],
  ])(
    'is applied to the %s warehouse one DDL statement after the other, then the loader grants',
    (_, { json }, target, warehouse, secret) => {
      const byName = json.resource.aws_redshiftdata_statement as Record<string, Json>;
      // Follow the chain of depends_on from the statement that waits for the warehouse itself.
      const chain: Json[] = [];
      let next = Object.entries(byName).find(([, s]) => warehouse.test(String(s.depends_on)));
      while (next) {
        chain.push(next[1]);
        const previous = `aws_redshiftdata_statement.${next[0]}`;
        next = Object.entries(byName).find(([, s]) => s.depends_on?.[0] === previous);
      }
      const tables = schemaStatements();
      expect(chain.slice(0, tables.length).map((s) => s.sql)).toEqual(tables);
      expect(Object.keys(byName)).toHaveLength(chain.length);
      for (const statement of chain) {
        expect(statement).toMatchObject({ database: 'logs', [target]: expect.stringMatching(warehouse) });
        // The admin user's managed secret: no password in the configuration or the state.
        expect(statement.secret_arn).toMatch(secret);
      }
    },
  );
});

/** The warehouse statements in the order their depends_on chain runs them. */
function statementChain(json: Json): string[] {
  const byName = json.resource.aws_redshiftdata_statement as Record<string, Json>;
  const chain: string[] = [];
  let next = Object.entries(byName).find(([, s]) => !String(s.depends_on).includes('aws_redshiftdata_statement'));
  while (next) {
    chain.push(String(next[1].sql));
    const previous = `aws_redshiftdata_statement.${next[0]}`;
    next = Object.entries(byName).find(([, s]) => s.depends_on?.[0] === previous);
  }
  return chain;
}

describe('the loader database role', () => {
  const dims = 'dim_time, dim_service, dim_source, dim_event_type, dim_dataset';
  const grants = [
    'CALL logfed_create_loader()',
    'GRANT USAGE ON SCHEMA public TO ROLE logfed_loader',
    'GRANT TEMP ON DATABASE logs TO ROLE logfed_loader',
    `GRANT SELECT, INSERT ON ${dims} TO ROLE logfed_loader`,
    'GRANT SELECT, INSERT, DELETE ON fact_log_event TO ROLE logfed_loader',
  ];

  it.each([
    ['provisioned', provisioned, [...grants, 'GRANT ROLE logfed_loader TO logfed_loader']],
    ['serverless', serverless, grants],
  ])('is created and granted exactly what the load needs, after the tables (%s)', (kind, { json }, expected) => {
    const chain = statementChain(json);
    const lastTable = chain.findIndex((sql) => sql.includes('CREATE TABLE IF NOT EXISTS fact_log_event'));
    const after = chain.slice(lastTable + 1);
    expect(lastTable).toBe(schemaStatements().length - 1);
    expect(after[0]).toMatch(/^CREATE OR REPLACE PROCEDURE logfed_create_loader\(\)/);
    // No IF NOT EXISTS for roles or users in Redshift: the procedure checks the catalog, so a rerun does not fail.
    expect(after[0]).toContain("IF NOT EXISTS (SELECT 1 FROM svv_roles WHERE role_name = 'logfed_loader') THEN");
    expect(after[0]).toContain('CREATE ROLE logfed_loader;');
    if (kind === 'provisioned') expect(after[0]).toContain('CREATE USER logfed_loader PASSWORD DISABLE;');
    else {
      expect(after[0]).not.toContain('CREATE USER');
      // A database user from an earlier sign-in, made before the tag, gets the role too.
      expect(after[0]).toContain(
        "IF EXISTS (SELECT 1 FROM pg_user WHERE usename = 'IAMR:logfed-dev-orchestrator') THEN\n" +
          '        GRANT ROLE logfed_loader TO "IAMR:logfed-dev-orchestrator";',
      );
    }
    expect(after.slice(1)).toEqual(expected);
    expect(chain.join('\n')).not.toMatch(/GRANT[^;]*\b(ALL|UPDATE|TRUNCATE|DROP|CREATE ON)\b/);
  });
});
