import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Construct } from 'constructs';
import { AssetType, TerraformAsset } from 'cdktf';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { SPLIT_JOB_KEY } from '../pipeline-definitions/split-contract';
import { archiveKeyAliasArn, bucketName, resourceName } from './config/names';
import type { EnvironmentConfig } from './config/types';
import { EmrClusterSecurity, EMR_MANAGED_TAG } from './constructs/emr-cluster-security';
import { EncryptionKey, logGroupEncryption } from './constructs/encryption-key';
import { PrivateNetwork } from './constructs/private-network';
import { ServiceRole } from './constructs/service-role';
import { EnvironmentStack } from './environment-stack';
import { emrInstanceStatements, emrServiceStatements, redshiftLoadStatements } from './pipeline-roles';

/** The Spark split job, uploaded to the artifacts bucket by every apply that changes it. */
const SPLIT_JOB = repositoryFile('pipeline-definitions', 'emr', 'split_chunks.py');

/** A file of the repository, from the sources (tests) or from dist/ (synth): the folder above that has package.json. */
function repositoryFile(...parts: string[]): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, ...parts);
}

/** Where the EMR cluster and the warehouse run: subnets of the configured VPC or of the one this stack creates. */
export interface NetworkPlacement {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
}

/**
 * `<env>-pipeline`: the private network (when the configuration asks for one), what a transient EMR cluster
 * needs (roles, instance profile, security groups, security configuration, the split job), the role Redshift
 * assumes for COPY and UNLOAD, and the orchestrator that runs the load.
 */
export class PipelineStack extends EnvironmentStack {
  readonly key: EncryptionKey;
  readonly network: NetworkPlacement;
  readonly emr: EmrClusterSecurity;

  constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env, 'pipeline');
    this.key = new EncryptionKey(this, 'key', {
      alias: `alias/${resourceName(env, 'pipeline')}`,
      description: `logfed ${env.name}: pipeline log groups and EMR local disks`,
      accountId: env.accountId,
      serviceStatements: [logGroupEncryption(env.region, env.accountId)],
    });
    this.network = this.placeNetwork(env);
    this.emr = new EmrClusterSecurity(this, 'emr', {
      name: resourceName(env, 'emr'),
      vpcId: this.network.vpcId,
      s3KeyArn: archiveKeyAliasArn(env),
      localDiskKeyArn: this.key.key.arn,
      transitCertificates: env.emrTransitCertificates,
    });
    this.createRoles(env);
    this.uploadSplitJob(env);
  }

  private placeNetwork(env: EnvironmentConfig): NetworkPlacement {
    if (env.network.mode === 'existing') return { vpcId: env.network.vpcId, subnetIds: env.network.subnetIds };
    const network = new PrivateNetwork(this, 'network', {
      name: resourceName(env, 'network'),
      cidr: env.network.cidr,
      region: env.region,
      accountId: env.accountId,
      encryptionKey: this.key.key,
      flowLogRetentionDays: env.retention.logGroupDays,
      subnetTags: EMR_MANAGED_TAG,
    });
    return { vpcId: network.vpc.id, subnetIds: network.subnetIds };
  }

  private createRoles(env: EnvironmentConfig): void {
    const instance = new ServiceRole(this, 'emr-instance-role', {
      roleName: resourceName(env, 'emr-instance'),
      description: 'EMR nodes: read landing objects and the split job, write chunks and cluster logs',
      services: ['ec2.amazonaws.com'],
      accountId: env.accountId,
      // EC2 sends no source account when it assumes an instance role.
      sourceAccountCondition: false,
      statements: emrInstanceStatements(env, this.key.key.arn),
    });
    new IamInstanceProfile(this, 'emr-instance-profile', {
      name: resourceName(env, 'emr-instance'),
      role: instance.role.name,
    });
    new ServiceRole(this, 'emr-service-role', {
      roleName: resourceName(env, 'emr-service'),
      description: 'EMR service role of the transient split clusters',
      services: ['elasticmapreduce.amazonaws.com'],
      accountId: env.accountId,
      statements: emrServiceStatements(env, this.key.key.arn),
      managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2'],
    });
    new ServiceRole(this, 'redshift-load-role', {
      roleName: resourceName(env, 'redshift-load'),
      description: 'Redshift COPY of the chunks and UNLOAD of load errors to the exceptions bucket',
      services: ['redshift.amazonaws.com', 'redshift-serverless.amazonaws.com'],
      accountId: env.accountId,
      statements: redshiftLoadStatements(env),
    });
  }

  private uploadSplitJob(env: EnvironmentConfig): void {
    const job = new TerraformAsset(this, 'split-job-source', { path: SPLIT_JOB, type: AssetType.FILE });
    new S3Object(this, 'split-job', {
      bucket: bucketName(env, 'artifacts'),
      key: SPLIT_JOB_KEY,
      source: job.path,
      // A new hash uploads the new script; the object's ETag is no content hash under SSE-KMS.
      sourceHash: crypto.createHash('sha256').update(fs.readFileSync(SPLIT_JOB)).digest('hex'),
      kmsKeyId: archiveKeyAliasArn(env),
      contentType: 'text/x-python',
    });
  }
}
