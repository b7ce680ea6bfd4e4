import type { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsPrefixList } from '@cdktf/provider-aws/lib/data-aws-prefix-list';
import { DataAwsSubnets } from '@cdktf/provider-aws/lib/data-aws-subnets';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { RedshiftCluster } from '@cdktf/provider-aws/lib/redshift-cluster';
import { RedshiftLogging } from '@cdktf/provider-aws/lib/redshift-logging';
import { RedshiftParameterGroup } from '@cdktf/provider-aws/lib/redshift-parameter-group';
import { RedshiftSubnetGroup } from '@cdktf/provider-aws/lib/redshift-subnet-group';
import { RedshiftserverlessNamespace } from '@cdktf/provider-aws/lib/redshiftserverless-namespace';
import { RedshiftserverlessWorkgroup } from '@cdktf/provider-aws/lib/redshiftserverless-workgroup';
import { RedshiftdataStatement } from '@cdktf/provider-aws/lib/redshiftdata-statement';
import type { ITerraformDependable } from 'cdktf';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { breakGlassRoleArn, resourceName, warehouseKeyAlias } from './config/names';
import type { EnvironmentConfig } from './config/types';
import { EncryptionKey, logGroupEncryption } from './constructs/encryption-key';
import { EnvironmentStack } from './environment-stack';
import { REDSHIFT_AUDIT_LOGS, redshiftAuditLogGroups } from './warehouse-audit-logs';
import { pipelineModel, type RedshiftTarget } from '../pipeline-definitions/model';
import { loaderStatements, schemaStatements } from '../pipeline-definitions/sql';

/** Redshift's port; only clients inside the VPC reach it. */
const REDSHIFT_PORT = 5439;

/** Defaults of the optional warehouse settings. */
const WAREHOUSE_DEFAULTS = { nodeType: 'ra3.large', nodes: 2, baseCapacityRpu: 8 };

/** What the warehouse talks through: its subnets and its security group. */
interface WarehousePlacement {
  readonly subnetIds: string[];
  readonly securityGroupId: string;
}

/**
 * `<env>-warehouse`: Redshift in the pipeline's private subnets, encrypted with its own key, reachable only
 * from inside the VPC with TLS, loading through the S3 gateway endpoint (enhanced VPC routing), the admin
 * password managed by Secrets Manager, and the COPY/UNLOAD role of the pipeline stack attached by ARN. Its audit
 * logs go to CloudWatch Logs, into log groups this stack creates with its key and the environment's retention
 * (docs/decisions/aws-log-delivery-constraints.md).
 */
export class WarehouseStack extends EnvironmentStack {
  readonly key: EncryptionKey;
  /** Names of the cluster or workgroup, database, admin user and COPY role, from the pipeline model. */
  readonly target: RedshiftTarget;
  /** The log groups Redshift exports the audit logs into, one per log. */
  readonly auditLogGroups: CloudwatchLogGroup[];
  private readonly identifier: string;
  /** The state machine's role: on Serverless its database user is `IAMR:<this name>`. */
  private readonly orchestratorRole: string;

  constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env, 'warehouse');
    const model = pipelineModel(env);
    this.target = model.redshift;
    this.orchestratorRole = model.orchestratorRole;
    this.identifier = this.target.identifier;
    const auditLogs = redshiftAuditLogGroups(this.target);
    this.key = new EncryptionKey(this, 'key', {
      alias: warehouseKeyAlias(env),
      description: `logfed ${env.name}: Redshift data, its admin secret and its audit logs`,
      accountId: env.accountId,
      administratorArn: breakGlassRoleArn(env),
      // CloudWatch Logs may use the key for the audit log groups only.
      serviceStatements: [
        logGroupEncryption(
          env.region,
          env.accountId,
          auditLogs.map((group) => group.name),
        ),
      ],
    });
    this.auditLogGroups = auditLogs.map(
      ({ log, name }) =>
        new CloudwatchLogGroup(this, `audit-log-${log}`, {
          name,
          retentionInDays: env.retention.logGroupDays,
          kmsKeyId: this.key.key.arn,
        }),
    );
    const placement = this.place(env);
    if (this.target.kind === 'provisioned') this.provisioned(env, placement);
    else this.serverless(env, placement);
  }

  /**
   * The subnets come from the configuration, or are the pipeline stack's, found by their Name tags: the
   * warehouse is applied after the pipeline stack, which creates the network.
   */
  private place(env: EnvironmentConfig): WarehousePlacement {
    const network = env.network;
    const vpc =
      network.mode === 'existing'
        ? new DataAwsVpc(this, 'vpc', { id: network.vpcId })
        : new DataAwsVpc(this, 'vpc', { filter: [{ name: 'tag:Name', values: [resourceName(env, 'network')] }] });
    const subnetIds =
      network.mode === 'existing'
        ? [...network.subnetIds]
        : new DataAwsSubnets(this, 'subnets', {
            filter: [
              { name: 'vpc-id', values: [vpc.id] },
              { name: 'tag:Name', values: [`${resourceName(env, 'network')}-private-*`] },
            ],
          }).ids;
    const s3 = new DataAwsPrefixList(this, 's3-prefix-list', { name: `com.amazonaws.${env.region}.s3` });
    const group = new SecurityGroup(this, 'security-group', {
      name: this.identifier,
      description: 'Redshift: SQL from inside the VPC, COPY and UNLOAD through the S3 endpoint',
      vpcId: vpc.id,
    });
    const rule = (description: string, port: number, to: { cidrIpv4?: string; prefixListId?: string }) => ({
      securityGroupId: group.id,
      description,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      ...to,
    });
    new VpcSecurityGroupIngressRule(
      this,
      'sql-from-vpc',
      rule('Redshift SQL from the VPC', REDSHIFT_PORT, { cidrIpv4: vpc.cidrBlock }),
    );
    new VpcSecurityGroupEgressRule(
      this,
      'https-to-s3',
      rule('S3 through the gateway endpoint (enhanced VPC routing)', 443, { prefixListId: s3.id }),
    );
    new VpcSecurityGroupEgressRule(
      this,
      'https-to-endpoints',
      rule('Interface endpoints in the VPC (KMS, STS)', 443, { cidrIpv4: vpc.cidrBlock }),
    );
    return { subnetIds, securityGroupId: group.id };
  }

  private provisioned(env: EnvironmentConfig, placement: WarehousePlacement): void {
    const settings = { ...WAREHOUSE_DEFAULTS, ...env.warehouse };
    const subnets = new RedshiftSubnetGroup(this, 'subnet-group', {
      name: this.identifier,
      description: 'Private subnets of the warehouse',
      subnetIds: placement.subnetIds,
    });
    const parameters = new RedshiftParameterGroup(this, 'parameter-group', {
      name: this.identifier,
      family: 'redshift-2.0',
      description: 'TLS only; user activity logged for the audit log',
      parameter: [
        { name: 'require_ssl', value: 'true' },
        { name: 'enable_user_activity_logging', value: 'true' },
      ],
    });
    const loadRole = this.target.copyRoleArn;
    const cluster = new RedshiftCluster(this, 'cluster', {
      clusterIdentifier: this.identifier,
      databaseName: this.target.database,
      masterUsername: this.target.adminUser,
      manageMasterPassword: true,
      masterPasswordSecretKmsKeyId: this.key.key.arn,
      nodeType: settings.nodeType,
      clusterType: settings.nodes === 1 ? 'single-node' : 'multi-node',
      numberOfNodes: settings.nodes,
      encrypted: 'true',
      kmsKeyId: this.key.key.arn,
      enhancedVpcRouting: true,
      publiclyAccessible: false,
      clusterSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [placement.securityGroupId],
      clusterParameterGroupName: parameters.name,
      iamRoles: [loadRole],
      defaultIamRoleArn: loadRole,
      allowVersionUpgrade: true,
      automatedSnapshotRetentionPeriod: 7,
      finalSnapshotIdentifier: `${this.identifier}-final`,
      skipFinalSnapshot: false,
    });
    // Not S3: Redshift delivers audit logs only into SSE-S3 buckets without Object Lock, which our archive is not.
    new RedshiftLogging(this, 'audit-logging', {
      clusterIdentifier: cluster.clusterIdentifier,
      logDestinationType: 'cloudwatch',
      logExports: REDSHIFT_AUDIT_LOGS,
      // Redshift would otherwise create the groups itself, unencrypted and kept for ever.
      dependsOn: this.auditLogGroups,
    });
    this.applySchema(
      { clusterIdentifier: cluster.clusterIdentifier, secretArn: cluster.masterPasswordSecretArn },
      cluster,
    );
  }

  private serverless(env: EnvironmentConfig, placement: WarehousePlacement): void {
    const settings = { ...WAREHOUSE_DEFAULTS, ...env.warehouse };
    const loadRole = this.target.copyRoleArn;
    const namespace = new RedshiftserverlessNamespace(this, 'namespace', {
      namespaceName: this.target.namespace,
      dbName: this.target.database,
      adminUsername: this.target.adminUser,
      manageAdminPassword: true,
      adminPasswordSecretKmsKeyId: this.key.key.arn,
      kmsKeyId: this.key.key.arn,
      iamRoles: [loadRole],
      defaultIamRoleArn: loadRole,
      // Redshift Serverless writes audit logs to CloudWatch Logs only, into our groups once they exist.
      logExports: REDSHIFT_AUDIT_LOGS,
      dependsOn: this.auditLogGroups,
    });
    const workgroup = new RedshiftserverlessWorkgroup(this, 'workgroup', {
      workgroupName: this.identifier,
      namespaceName: namespace.namespaceName,
      baseCapacity: settings.baseCapacityRpu,
      subnetIds: placement.subnetIds,
      securityGroupIds: [placement.securityGroupId],
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      configParameter: [
        { parameterKey: 'require_ssl', parameterValue: 'true' },
        { parameterKey: 'enable_user_activity_logging', parameterValue: 'true' },
      ],
    });
    this.applySchema(
      { workgroupName: workgroup.workgroupName, secretArn: namespace.adminPasswordSecretArn },
      workgroup,
    );
  }

  /**
   * The star schema, one Data API statement per DDL statement in file order, as the admin user through its
   * managed secret, then the loader's role and grants. The DDL is idempotent (IF NOT EXISTS), the loader statements
   * too (a procedure checks the catalog, GRANTs repeat): a changed statement is replaced, so it runs again.
   */
  private applySchema(
    target: { clusterIdentifier?: string; workgroupName?: string; secretArn: string },
    warehouse: ITerraformDependable,
  ): void {
    let previous = warehouse;
    const tables: string[] = [];
    for (const sql of schemaStatements()) {
      const table = /CREATE TABLE IF NOT EXISTS (\w+)/i.exec(sql)?.[1];
      if (!table)
        throw new Error(`pipeline-definitions/sql: not a CREATE TABLE IF NOT EXISTS statement: ${sql.slice(0, 60)}`);
      tables.push(table);
      previous = new RedshiftdataStatement(this, `schema-${table}`, {
        ...target,
        database: this.target.database,
        sql,
        dependsOn: [previous],
      });
    }
    // The loader's role (and provisioned user) and its grants, once the tables exist; see loaderStatements.
    const access = loaderStatements(
      this.target,
      {
        dimensions: tables.filter((name) => name.startsWith('dim_')),
        fact: tables.filter((name) => !name.startsWith('dim_')).join(', '),
      },
      this.orchestratorRole,
    );
    access.forEach((sql, i) => {
      previous = new RedshiftdataStatement(this, `loader-${i + 1}`, {
        ...target,
        database: this.target.database,
        sql,
        dependsOn: [previous],
      });
    });
  }
}
