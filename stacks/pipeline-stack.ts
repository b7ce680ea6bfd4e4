import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Construct } from 'constructs';
import { AssetType, TerraformAsset } from 'cdktf';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsKmsAlias } from '@cdktf/provider-aws/lib/data-aws-kms-alias';
import { DatapipelinePipeline } from '@cdktf/provider-aws/lib/datapipeline-pipeline';
import { DatapipelinePipelineDefinition } from '@cdktf/provider-aws/lib/datapipeline-pipeline-definition';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { renderDataPipeline } from '../pipeline-definitions/data-pipeline';
import { EMR_MANAGED_TAG, pipelineModel, type PipelineModel, type Placement } from '../pipeline-definitions/model';
import { SPLIT_JOB_KEY } from '../pipeline-definitions/split-contract';
import { renderStateMachine } from '../pipeline-definitions/step-functions';
import { archiveKeyAlias, breakGlassRoleArn, bucketName, resourceName } from './config/names';
import type { EnvironmentConfig } from './config/types';
import { EmrClusterSecurity } from './constructs/emr-cluster-security';
import { REPO_ROOT } from './bundle';
import { EncryptionKey, logGroupEncryption } from './constructs/encryption-key';
import { PrivateNetwork } from './constructs/private-network';
import { ServiceRole } from './constructs/service-role';
import { EnvironmentStack } from './environment-stack';
import {
  dataPipelineStatements,
  emrInstanceStatements,
  emrServiceStatements,
  dataPipelineResourceStatements,
  redshiftLoadStatements,
  startExecutionStatements,
  stateMachineStatements,
} from './pipeline-roles';

/** The Spark split job, uploaded to the artifacts bucket by every apply that changes it. */
const SPLIT_JOB = path.join(REPO_ROOT, 'pipeline-definitions', 'emr', 'split_chunks.py');

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
      administratorArn: breakGlassRoleArn(env),
      serviceStatements: [logGroupEncryption(env.region, env.accountId)],
    });
    this.network = this.placeNetwork(env);
    // The archive buckets' policies deny SSE-KMS writes whose key id is not the archive key's ARN, and S3 compares
    // the id as sent: an alias ARN is denied. The key lives in the log-archive stack, so look its ARN up by alias.
    const archiveKeyArn = new DataAwsKmsAlias(this, 'archive-key', { name: archiveKeyAlias(env) }).targetKeyArn;
    this.emr = new EmrClusterSecurity(this, 'emr', {
      name: resourceName(env, 'emr'),
      vpcId: this.network.vpcId,
      s3KeyArn: archiveKeyArn,
      localDiskKeyArn: this.key.key.arn,
      transitCertificates: env.emrTransitCertificates,
    });
    const model = pipelineModel(env);
    this.createClusterRoles(env, model);
    this.uploadSplitJob(env, archiveKeyArn);
    const placement: Placement = {
      // One subnet: a transient cluster lives in one availability zone.
      subnetId: this.network.subnetIds[0],
      securityGroups: {
        primary: this.emr.primaryGroup.id,
        core: this.emr.coreGroup.id,
        serviceAccess: this.emr.serviceAccessGroup.id,
      },
    };
    if (model.orchestrator === 'stepfunctions') this.stateMachine(env, model, placement);
    else this.dataPipeline(env, model, placement);
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

  private createClusterRoles(env: EnvironmentConfig, model: PipelineModel): void {
    const instance = new ServiceRole(this, 'emr-instance-role', {
      roleName: model.emr.instanceProfile,
      description: 'EMR nodes: read landing objects and the split job, write chunks and cluster logs',
      services: ['ec2.amazonaws.com'],
      accountId: env.accountId,
      // EC2 sends no source account when it assumes an instance role.
      sourceAccountCondition: false,
      statements: emrInstanceStatements(env, this.key.key.arn),
    });
    new IamInstanceProfile(this, 'emr-instance-profile', {
      name: model.emr.instanceProfile,
      role: instance.role.name,
    });
    new ServiceRole(this, 'emr-service-role', {
      roleName: model.emr.serviceRole,
      description: 'EMR service role of the transient split clusters',
      // Data Pipeline creates its EmrCluster with this role too.
      services: [
        'elasticmapreduce.amazonaws.com',
        ...(model.orchestrator === 'datapipeline' ? ['datapipeline.amazonaws.com'] : []),
      ],
      accountId: env.accountId,
      statements: emrServiceStatements(env, this.key.key.arn),
      managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2'],
    });
    new ServiceRole(this, 'redshift-load-role', {
      roleName: model.redshift.copyRoleArn.split('/').pop()!,
      description: 'Redshift COPY of the chunks and UNLOAD of load errors to the exceptions bucket',
      services: ['redshift.amazonaws.com', 'redshift-serverless.amazonaws.com'],
      accountId: env.accountId,
      statements: redshiftLoadStatements(env),
    });
  }

  private uploadSplitJob(env: EnvironmentConfig, archiveKeyArn: string): void {
    const job = new TerraformAsset(this, 'split-job-source', { path: SPLIT_JOB, type: AssetType.FILE });
    new S3Object(this, 'split-job', {
      bucket: bucketName(env, 'artifacts'),
      key: SPLIT_JOB_KEY,
      source: job.path,
      // A new hash uploads the new script; the object's ETag is no content hash under SSE-KMS.
      sourceHash: crypto.createHash('sha256').update(fs.readFileSync(SPLIT_JOB)).digest('hex'),
      kmsKeyId: archiveKeyArn,
      contentType: 'text/x-python',
    });
  }

  /** Step Functions: the state machine, its encrypted execution log with X-Ray tracing, and what starts it. */
  private stateMachine(env: EnvironmentConfig, model: PipelineModel, placement: Placement): void {
    const role = new ServiceRole(this, 'orchestrator-role', {
      roleName: model.orchestratorRole,
      description: 'Step Functions: runs the transient EMR cluster, the Redshift statements and the alerts',
      services: ['states.amazonaws.com'],
      accountId: env.accountId,
      statements: stateMachineStatements(env, model),
      // Redshift Serverless grants these database roles to the role's database user when the Data API signs in.
      tags: model.redshift.kind === 'serverless' ? { RedshiftDbRoles: model.redshift.loaderRole } : undefined,
    });
    const logs = new CloudwatchLogGroup(this, 'state-machine-logs', {
      // The vendedlogs prefix keeps CloudWatch Logs' resource policy small as state machines are added.
      name: `/aws/vendedlogs/states/${model.name}`,
      retentionInDays: env.retention.logGroupDays,
      kmsKeyId: this.key.key.arn,
    });
    const machine = new SfnStateMachine(this, 'state-machine', {
      name: model.name,
      roleArn: role.role.arn,
      definition: JSON.stringify(renderStateMachine(model, placement)),
      loggingConfiguration: { logDestination: `${logs.arn}:*`, includeExecutionData: true, level: 'ALL' },
      tracingConfiguration: { enabled: true },
    });
    if (model.trigger.onLandingObject) this.startOnLandingObjects(env, model, machine);
  }

  /** One EventBridge rule per dataset: an object created under its landing prefix starts a run for that key. */
  private startOnLandingObjects(env: EnvironmentConfig, model: PipelineModel, machine: SfnStateMachine): void {
    const starter = new ServiceRole(this, 'start-role', {
      roleName: resourceName(env, 'load-start'),
      description: 'EventBridge starts the load state machine for new landing objects',
      services: ['events.amazonaws.com'],
      accountId: env.accountId,
      statements: startExecutionStatements(machine.arn),
    });
    for (const dataset of model.datasets) {
      const rule = new CloudwatchEventRule(this, `landing-${dataset.name}`, {
        name: resourceName(env, `landing-${dataset.name}`),
        description: `Load each new ${dataset.name} object in the landing bucket`,
        eventPattern: JSON.stringify({
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { bucket: { name: [model.buckets.landing] }, object: { key: [{ prefix: dataset.landingPrefix }] } },
        }),
      });
      new CloudwatchEventTarget(this, `landing-${dataset.name}-target`, {
        rule: rule.name,
        arn: machine.arn,
        roleArn: starter.role.arn,
        inputTransformer: { inputPaths: { key: '$.detail.object.key' }, inputTemplate: '{"key": <key>}' },
      });
    }
  }

  /**
   * AWS Data Pipeline (existing customers only): the pipeline and its definition, which activates it. Its
   * Schedule object starts the runs; its roles are the orchestrator role and a resource role for EC2. Its EmrCluster
   * cannot take the security configuration this stack creates, and its Redshift password parameter is left for an
   * admin to set at activation (docs/decisions/load-pipeline.md).
   */
  private dataPipeline(env: EnvironmentConfig, model: PipelineModel, placement: Placement): void {
    new ServiceRole(this, 'orchestrator-role', {
      roleName: model.orchestratorRole,
      description: 'Data Pipeline: runs the transient EMR cluster, writes activity logs, raises alarms',
      services: ['datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com'],
      accountId: env.accountId,
      statements: dataPipelineStatements(env, model),
    });
    const resource = new ServiceRole(this, 'pipeline-resource-role', {
      roleName: model.pipelineResourceRole,
      description: 'EC2 resources Data Pipeline launches: write their activity logs',
      services: ['ec2.amazonaws.com'],
      accountId: env.accountId,
      sourceAccountCondition: false,
      statements: dataPipelineResourceStatements(env),
    });
    new IamInstanceProfile(this, 'pipeline-resource-profile', {
      name: model.pipelineResourceRole,
      role: resource.role.name,
    });
    const pipeline = new DatapipelinePipeline(this, 'data-pipeline', {
      name: model.name,
      description: `logfed ${env.name}: split landing files on EMR and load them into Redshift`,
      // EmrCluster has no tag field; Data Pipeline documents that a pipeline's tags propagate to the EMR clusters it
      // launches. Whether they are on RunJobFlow, as AmazonEMRServicePolicy_v2 needs, is not documented.
      tags: EMR_MANAGED_TAG,
    });
    const definition = renderDataPipeline(model, placement);
    new DatapipelinePipelineDefinition(this, 'data-pipeline-definition', {
      pipelineId: pipeline.id,
      pipelineObject: definition.objects.map((object) => ({
        id: object.id,
        name: object.name,
        field: object.fields.map((field) => ({ ...field })),
      })),
      parameterObject: (definition.parameterObjects ?? []).map((parameter) => ({
        id: parameter.id,
        attribute: parameter.attributes.map((attribute) => ({ ...attribute })),
      })),
      parameterValue: (definition.parameterValues ?? []).map((value) => ({ ...value })),
    });
  }
}
