/**
 * The one logical load pipeline: what lands where, how it is split, where it is loaded, who hears of failures.
 * Both renderings (Step Functions, Data Pipeline), the stacks that create the resources they name and the local
 * loader read this model, so a name or a setting is decided once. Every name derives from the environment through
 * stacks/config/names.ts: the pipeline and warehouse stacks create resources with exactly these names.
 */
import { bucketArn, bucketName, permissionsBoundaryArn, resourceName, topicArn } from '../stacks/config/names';
import type { EnvironmentConfig, Orchestrator, WarehouseKind } from '../stacks/config/types';
import { SPLIT_JOB_KEY, type Chunking } from './split-contract';

/** One column of a landing file, in file order, with the type COPY checks it against. */
export interface InputColumn {
  readonly name: string;
  /** Redshift type of the staging column: COPY rejects a row whose value does not fit. */
  readonly type: 'TIMESTAMP' | 'SMALLINT' | 'INTEGER' | 'BIGINT' | `VARCHAR(${number})`;
}

/**
 * How each fact column is computed from the staged columns: SQL expressions that Redshift and DuckDB both run
 * (CASE, LIKE, SPLIT_PART, CAST, DATE_TRUNC). They are part of the model, never built from data.
 */
export interface FactMapping {
  readonly eventTime: string;
  readonly service: string;
  readonly host: string;
  readonly eventType: string;
  readonly severity: string;
  readonly clientIp: string;
  readonly statusCode: string;
  readonly bytesSent: string;
  readonly durationMs: string;
}

export interface Dataset {
  /** Lowercase identifier: names the staging table, the chunk folder and the dim_dataset row. */
  readonly name: string;
  /** Key prefix in the landing bucket; an object under it starts a run of this dataset. */
  readonly landingPrefix: string;
  /** The landing object a scheduled run loads: `{date}` is the run's day, YYYY-MM-DD. */
  readonly scheduledObject: string;
  /** Lines of `columns` separated by `delimiter` (COPY's DELIMITER). */
  readonly input: {
    readonly format: 'delimited';
    readonly delimiter: string;
    readonly columns: readonly InputColumn[];
  };
  readonly mapping: FactMapping;
  /** The fact table the dataset feeds. */
  readonly factTable: string;
  /** COPY's MAXERROR: rows COPY may reject (reported in the load errors) before the whole load fails. */
  readonly maxErrors: number;
}

/** What starts a run: a schedule, new objects in the landing bucket, or both. */
export interface RunTrigger {
  /** EventBridge schedule expression, or undefined for none. */
  readonly schedule?: string;
  /** Start a run for each object created under a dataset's landing prefix (EventBridge rule on `landing`). */
  readonly onLandingObject: boolean;
}

/**
 * The tag AmazonEMRServicePolicy_v2 requires on the cluster when it is created (EMR propagates it to the instances
 * and volumes it launches) and on the subnets and security groups EMR may use.
 */
export const EMR_MANAGED_TAG: Readonly<Record<string, string>> = { 'for-use-with-amazon-emr-managed-policies': 'true' };

export interface EmrSettings {
  /** EMR 7.x ships Spark 3.5, the line the split contract suite runs (pyspark in requirements.txt). */
  readonly releaseLabel: string;
  readonly primaryInstanceType: string;
  readonly coreInstanceType: string;
  readonly coreInstanceCount: number;
  /** EMR security configuration (at-rest encryption; in-transit when a certificate is configured). */
  readonly securityConfiguration: string;
  readonly serviceRole: string;
  /** The EC2 instance profile (and its role, same name) of the cluster's nodes. */
  readonly instanceProfile: string;
  readonly logUri: string;
  /**
   * Tags of every cluster: `ManagedBy` (the orchestrator creates and runs only clusters so tagged), `Environment`,
   * and EMR_MANAGED_TAG (without it the EMR service role cannot launch the cluster's instances).
   */
  readonly tags: Readonly<Record<string, string>>;
}

export interface RedshiftTarget {
  readonly kind: WarehouseKind;
  /** Cluster identifier (provisioned) or workgroup name (serverless). */
  readonly identifier: string;
  /** Namespace of a serverless workgroup (same name as the workgroup). */
  readonly namespace: string;
  readonly database: string;
  /** Admin user; its password is managed by Secrets Manager (`manage_master_password`). */
  readonly adminUser: string;
  /**
   * The database role holding exactly what a load needs. The state machine signs in bound to it: provisioned as the
   * user `loaderUser` (GetClusterCredentials), serverless through the orchestrator role's `RedshiftDbRoles` tag.
   */
  readonly loaderRole: string;
  /** Provisioned only: the database user (`PASSWORD DISABLE`) the state machine names as `DbUser`. */
  readonly loaderUser: string;
  /** Role Redshift assumes for COPY and UNLOAD (chunk and exception prefixes, the archive key). */
  readonly copyRoleArn: string;
  /** Where this run's load errors are read from: the provisioned system table or the serverless view. */
  readonly loadErrorsTable: 'stl_load_errors' | 'sys_load_error_detail';
}

export interface Buckets {
  readonly landing: string;
  readonly chunks: string;
  readonly exceptions: string;
  readonly artifacts: string;
  readonly emrLogs: string;
  readonly pipelineLogs: string;
}

export interface PipelineModel {
  readonly environment: string;
  readonly region: string;
  readonly accountId: string;
  readonly orchestrator: Orchestrator;
  /** Name of the state machine or of the Data Pipeline. */
  readonly name: string;
  readonly datasets: readonly Dataset[];
  readonly trigger: RunTrigger;
  readonly chunking: Chunking;
  readonly emr: EmrSettings;
  readonly redshift: RedshiftTarget;
  readonly buckets: Buckets;
  readonly bucketArns: Buckets;
  /** `s3://` of the split job in the artifacts bucket. */
  readonly splitJobUri: string;
  /** Role the orchestrator runs as (Step Functions or Data Pipeline). */
  readonly orchestratorRole: string;
  readonly orchestratorRoleArn: string;
  /** Role of the EC2 resources Data Pipeline launches (its `resourceRole`). */
  readonly pipelineResourceRole: string;
  readonly permissionsBoundaryArn: string;
  /** SNS topic every failure is published to. */
  readonly alertsTopicArn: string;
}

/** `/api/orders/71868` belongs to the orders service; `/health` to health. */
const STOREFRONT_SERVICE =
  "CASE WHEN request_path LIKE '/api/%' THEN SPLIT_PART(request_path, '/', 3) ELSE SPLIT_PART(request_path, '/', 2) END";

/** Where the EMR cluster runs: known to the stacks only (a created subnet has no name-derived id). */
export interface Placement {
  readonly subnetId: string;
  /** The EMR-managed security groups a cluster in a private subnet needs. @default EMR creates its own */
  readonly securityGroups?: {
    readonly primary: string;
    readonly core: string;
    readonly serviceAccess: string;
  };
}

/** The enterprise's storefront access log: `2026-11-27T00:00:00Z 10.0.24.19 PUT /api/customers 200 12417 1498ms store-038`. */
export const STOREFRONT: Dataset = {
  name: 'storefront',
  landingPrefix: 'storefront/',
  scheduledObject: 'storefront/storefront-{date}.log.gz',
  input: {
    format: 'delimited',
    delimiter: ' ',
    columns: [
      { name: 'event_time', type: 'TIMESTAMP' },
      { name: 'client_ip', type: 'VARCHAR(45)' },
      { name: 'http_method', type: 'VARCHAR(16)' },
      { name: 'request_path', type: 'VARCHAR(2048)' },
      { name: 'status_code', type: 'SMALLINT' },
      { name: 'bytes_sent', type: 'BIGINT' },
      { name: 'duration', type: 'VARCHAR(16)' },
      { name: 'host', type: 'VARCHAR(255)' },
    ],
  },
  mapping: {
    eventTime: 'event_time',
    service: STOREFRONT_SERVICE,
    host: 'host',
    eventType: `http_method || ' ' || ${STOREFRONT_SERVICE}`,
    severity: "CASE WHEN status_code >= 500 THEN 'error' WHEN status_code >= 400 THEN 'warning' ELSE 'info' END",
    clientIp: 'client_ip',
    statusCode: 'status_code',
    bytesSent: 'bytes_sent',
    // `1498ms`; anything else stays unknown (NULL) rather than failing the load.
    durationMs: "CASE WHEN duration SIMILAR TO '[0-9]{1,9}ms' THEN CAST(REPLACE(duration, 'ms', '') AS INTEGER) END",
  },
  factTable: 'fact_log_event',
  maxErrors: 1000,
};

export const DATASETS: readonly Dataset[] = [STOREFRONT];

/** The Redshift database the star schema lives in. */
export const WAREHOUSE_DATABASE = 'logs';

export function pipelineModel(env: EnvironmentConfig): PipelineModel {
  const buckets: Buckets = {
    landing: bucketName(env, 'landing'),
    chunks: bucketName(env, 'chunks'),
    exceptions: bucketName(env, 'exceptions'),
    artifacts: bucketName(env, 'artifacts'),
    emrLogs: bucketName(env, 'emr-logs'),
    pipelineLogs: bucketName(env, 'pipeline-logs'),
  };
  const kind = env.warehouse?.kind ?? 'provisioned';
  const role = (name: string) => `arn:aws:iam::${env.accountId}:role/${name}`;
  return {
    environment: env.name,
    region: env.region,
    accountId: env.accountId,
    orchestrator: env.orchestrator,
    name: resourceName(env, 'load'),
    datasets: DATASETS,
    trigger: { schedule: 'cron(0 3 * * ? *)', onLandingObject: env.orchestrator === 'stepfunctions' },
    chunking: { sliceMultiple: env.chunking.sliceMultiple, targetSizeMb: env.chunking.targetSizeMb },
    emr: {
      releaseLabel: 'emr-7.9.0',
      primaryInstanceType: 'm7g.xlarge',
      coreInstanceType: 'm7g.xlarge',
      coreInstanceCount: 2,
      securityConfiguration: resourceName(env, 'emr'),
      serviceRole: resourceName(env, 'emr-service'),
      instanceProfile: resourceName(env, 'emr-instance'),
      logUri: `s3://${buckets.emrLogs}/`,
      tags: { ManagedBy: 'logfed', Environment: env.name, ...EMR_MANAGED_TAG },
    },
    redshift: {
      kind,
      identifier: resourceName(env, 'warehouse'),
      namespace: resourceName(env, 'warehouse'),
      database: WAREHOUSE_DATABASE,
      adminUser: 'logfed_admin',
      loaderRole: 'logfed_loader',
      loaderUser: 'logfed_loader',
      copyRoleArn: role(resourceName(env, 'redshift-load')),
      loadErrorsTable: kind === 'provisioned' ? 'stl_load_errors' : 'sys_load_error_detail',
    },
    buckets,
    bucketArns: {
      landing: bucketArn(env, 'landing'),
      chunks: bucketArn(env, 'chunks'),
      exceptions: bucketArn(env, 'exceptions'),
      artifacts: bucketArn(env, 'artifacts'),
      emrLogs: bucketArn(env, 'emr-logs'),
      pipelineLogs: bucketArn(env, 'pipeline-logs'),
    },
    splitJobUri: `s3://${buckets.artifacts}/${SPLIT_JOB_KEY}`,
    orchestratorRole: resourceName(env, 'orchestrator'),
    orchestratorRoleArn: role(resourceName(env, 'orchestrator')),
    pipelineResourceRole: resourceName(env, 'pipeline-resource'),
    permissionsBoundaryArn: permissionsBoundaryArn(env),
    alertsTopicArn: topicArn(env, 'alerts'),
  };
}

/** The dataset whose landing prefix holds `key`, or undefined. */
export function datasetForKey(model: Pick<PipelineModel, 'datasets'>, key: string): Dataset | undefined {
  return model.datasets.find((dataset) => key.startsWith(dataset.landingPrefix));
}
