/**
 * The typed configuration of one environment. Every field is checked by `validateEnvironments` when the app
 * starts; the reference in docs/configuration.md is generated from these doc comments.
 */
export interface EnvironmentConfig {
  /** Short lowercase name (`dev`, `prod`): prefixes stack ids, resource names and the GitHub environment. 2-10 characters. */
  readonly name: string;
  /** The 12-digit AWS account the environment is deployed into. One environment per account. */
  readonly accountId: string;
  /** AWS region of every regional resource, e.g. `eu-west-1`. */
  readonly region: string;
  /** Lowercase prefix of every resource name (bucket names must be globally unique). 2-16 characters. */
  readonly namePrefix: string;
  /** GitHub repository `owner/name` whose workflows may assume the plan, apply and digest roles. */
  readonly githubRepository: string;
  /** Numeric id of that repository (`gh api repos/OWNER/NAME --jq .id`): the roles' trust names it, so a repository
   * deleted and recreated under the same name gets no access. */
  readonly githubRepositoryId: string;
  /** Numeric id of the repository's owner (`gh api repos/OWNER/NAME --jq .owner.id`), for the same reason. */
  readonly githubOwnerId: string;
  /**
   * Name of the existing IAM role of this account that administers the log archive: the only identity that may
   * change the archive key's policy, delete or disable keys, stop or delete trails, delete log versions or bypass
   * Object Lock. An admin assumes it by hand (it carries no permissions boundary and no CI can assume it). The
   * role must exist before the bootstrap stack is applied: KMS rejects key policies naming unknown principals.
   */
  readonly breakGlassRoleName: string;
  /** E-mail addresses that receive alerts and load exceptions. At least one. */
  readonly adminEmails: readonly string[];
  /**
   * Which service runs the split and load pipeline: `stepfunctions` unless the account already uses AWS Data
   * Pipeline. `datapipeline` is only for accounts that already use AWS Data Pipeline (closed to new customers);
   * the EMR clusters it launches run without the EMR security configuration (no at-rest encryption of local and
   * EBS disks with the pipeline key), and the Redshift password parameter must be set at activation (the admin
   * password is in a Secrets Manager secret Data Pipeline cannot read).
   */
  readonly orchestrator: Orchestrator;
  /** How big files are split into chunks before the Redshift COPY. */
  readonly chunking: ChunkingConfig;
  /** Where log events are forwarded besides the archive. Each forwarder is optional. */
  readonly forwarders: ForwardersConfig;
  /** How long logs are kept, in CloudWatch Logs and in the S3 buckets. */
  readonly retention: RetentionConfig;
  /** The VPC of the EMR cluster and Redshift: an existing one, or one created by the stacks. */
  readonly network: NetworkConfig;
  /** The Redshift warehouse the pipeline loads. @default { kind: 'provisioned' } */
  readonly warehouse?: WarehouseConfig;
  /**
   * `s3://…/….zip` of the PEM certificates EMR uses to encrypt traffic between cluster nodes; the zip must live
   * in this environment's artifacts bucket. @default none: at-rest encryption only
   */
  readonly emrTransitCertificates?: string;
  /** Tags added to every resource (on top of `Environment` and `ManagedBy`). */
  readonly tags: Readonly<Record<string, string>>;
  /** Account-wide protections the log-archive stack switches on. @default every guardrail on */
  readonly guardrails?: GuardrailsConfig;
}

export interface GuardrailsConfig {
  /** Block public access to every S3 bucket of the account (`aws_s3_account_public_access_block`). @default true */
  readonly accountPublicAccessBlock?: boolean;
  /** CloudTrail Insights (unusual API call and error rates) on the management trail. @default true */
  readonly cloudTrailInsights?: boolean;
}

/**
 * `stepfunctions` (default, available to every account) or `datapipeline` (only for accounts that already use AWS
 * Data Pipeline; its EMR clusters run without the EMR security configuration, and the Redshift password parameter
 * is set at activation).
 */
export type Orchestrator = 'stepfunctions' | 'datapipeline';

export const ORCHESTRATORS: readonly Orchestrator[] = ['stepfunctions', 'datapipeline'];

/** `provisioned` (default): a Redshift cluster; `serverless`: a Redshift Serverless namespace and workgroup. */
export type WarehouseKind = 'provisioned' | 'serverless';

export const WAREHOUSE_KINDS: readonly WarehouseKind[] = ['provisioned', 'serverless'];

export interface WarehouseConfig {
  /** `provisioned` (a cluster; load errors in `stl_load_errors`) or `serverless` (load errors in `sys_load_error_detail`). */
  readonly kind: WarehouseKind;
  /** Node type of a provisioned cluster, e.g. `ra3.large`. @default ra3.large */
  readonly nodeType?: string;
  /** Nodes of a provisioned cluster, 1-128; one node makes a single-node cluster. @default 2 */
  readonly nodes?: number;
  /** Base capacity of a serverless workgroup in Redshift Processing Units, 8 to 512 in steps of 8. @default 8 */
  readonly baseCapacityRpu?: number;
}

export interface ChunkingConfig {
  /** Chunk count is a multiple of this (the Redshift slice count) so every slice loads the same share. At least 1. */
  readonly sliceMultiple: number;
  /** Target size of one compressed chunk in MB; Redshift recommends 1 MB to 1 GB (1-1024). */
  readonly targetSizeMb: number;
}

export interface ForwardersConfig {
  /** Splunk HTTP Event Collector. @default none */
  readonly splunk?: ForwarderConfig;
  /** OpenSearch or Elasticsearch `_bulk` endpoint. @default none */
  readonly opensearch?: ForwarderConfig;
}

export interface ForwarderConfig {
  /** `https://` URL of the endpoint. */
  readonly endpoint: string;
  /** Name of the Secrets Manager secret that holds the token or credentials. */
  readonly secretName: string;
}

export interface RetentionConfig {
  /** Retention of CloudWatch log groups in days; one of the values CloudWatch Logs accepts (365 or more recommended). */
  readonly logGroupDays: number;
  /** Days before log objects move to S3 Standard-IA (at least 30, an S3 minimum). */
  readonly infrequentAccessAfterDays: number;
  /** Days before log objects move to S3 Glacier Flexible Retrieval; after `infrequentAccessAfterDays`. */
  readonly glacierAfterDays: number;
  /** Days before log objects are deleted; after `glacierAfterDays`. */
  readonly expireAfterDays: number;
  /**
   * S3 Object Lock default retention of the trail buckets: the minimum time every log version is kept, whoever
   * holds the keys. The access-log bucket cannot be locked (S3 does not deliver into a locked bucket); its bucket
   * policy keeps its logs instead. @default governance mode, 365 days
   */
  readonly objectLock?: ObjectLockConfig;
}

/** `governance` (the break-glass role alone may bypass it) or `compliance` (nobody can, not even the root user). */
export type ObjectLockMode = 'governance' | 'compliance';

export const OBJECT_LOCK_MODES: readonly ObjectLockMode[] = ['governance', 'compliance'];

export interface ObjectLockConfig {
  /** How locked versions are protected. */
  readonly mode: ObjectLockMode;
  /** Days each new log version stays locked (1-36500, at most `expireAfterDays`). */
  readonly days: number;
}

/** Use an existing VPC (`mode: 'existing'`) or let the stacks create one (`mode: 'create'`). */
export type NetworkConfig = ExistingNetworkConfig | CreatedNetworkConfig;

export interface ExistingNetworkConfig {
  /** `existing`: the stacks look the VPC up and create nothing in it but security groups. */
  readonly mode: 'existing';
  /** Id of the VPC, `vpc-` followed by hex digits. */
  readonly vpcId: string;
  /** Ids of at least two private subnets in different availability zones (three for a serverless warehouse), `subnet-` followed by hex digits. */
  readonly subnetIds: readonly string[];
}

export interface CreatedNetworkConfig {
  /** `create`: the stacks create a VPC with private subnets in three availability zones. */
  readonly mode: 'create';
  /** IPv4 CIDR of the new VPC, /16 to /24, e.g. `10.40.0.0/16`. */
  readonly cidr: string;
}
