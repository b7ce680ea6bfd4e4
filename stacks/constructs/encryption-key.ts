import { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';

/** A key policy statement in IAM JSON. Key policies are written as JSON: they are resource policies, where
 * `Resource: "*"` means the key itself, and identity-policy scanners must not read them as IAM documents. */
export interface KeyPolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal: { readonly AWS?: string; readonly Service?: string | readonly string[] };
  readonly Action: string | readonly string[];
  readonly Resource: '*';
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * Lets CloudWatch Logs encrypt log groups of this account in the region with the key: the named ones, or all.
 * @param logGroupNames the log groups the key may encrypt. @default every log group of the account and region
 */
export function logGroupEncryption(
  region: string,
  accountId: string,
  logGroupNames: readonly string[] = ['*'],
): KeyPolicyStatement {
  return {
    Sid: 'CloudWatchLogsEncryptsLogGroups',
    Effect: 'Allow',
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    // CloudWatch Logs names the log group in the encryption context (it sends no aws:SourceArn to KMS).
    Condition: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': logGroupNames.map(
          (name) => `arn:aws:logs:${region}:${accountId}:log-group:${name}`,
        ),
      },
    },
  };
}

export interface EncryptionKeyProps {
  /** Alias, `alias/<name>`; other stacks and policies find the key by it. */
  readonly alias: string;
  /** What the key protects. */
  readonly description: string;
  /** Account whose IAM policies may grant use of the key (the key policy delegates use, not administration). */
  readonly accountId: string;
  /**
   * The key administrator (the break-glass role): the only principal that may change the key policy, disable
   * the key, schedule its deletion or grant its use. It must exist when the key is created.
   */
  readonly administratorArn: string;
  /** Statements that let AWS services use the key; each should carry a source condition. @default none */
  readonly serviceStatements?: readonly KeyPolicyStatement[];
}

/** What only the key administrator may do: each of these erases, blinds or widens the key. */
export const KEY_ADMINISTRATION_ONLY = [
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
];

/**
 * Separated duties: the administrator administers; the account's IAM policies may grant using the key, letting
 * AWS services hold it through grants for AWS resources, and the upkeep Terraform does (rotation, description,
 * tags, aliases), never administration; everyone but the administrator is denied what destroys or widens the
 * key, and grants that are not for AWS resources.
 */
function keyDutyStatements(accountId: string, administratorArn: string): KeyPolicyStatement[] {
  const root = { AWS: `arn:aws:iam::${accountId}:root` };
  const notAdministrator = { ArnNotEquals: { 'aws:PrincipalArn': administratorArn } };
  return [
    { Sid: 'KeyAdministrator', Effect: 'Allow', Principal: { AWS: administratorArn }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'KeyUsersThroughIam',
      Effect: 'Allow',
      Principal: root,
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
    },
    {
      // Redshift, Lambda and EBS (EMR volumes) hold the key through a grant they create in the caller's name. A
      // Deny grants nothing: without this Allow no IAM policy could let anyone but the administrator create one.
      // ListGrants is upkeep (kms:List* below); services retire their own grants, which needs no key policy.
      Sid: 'GrantsForAwsResourcesThroughIam',
      Effect: 'Allow',
      Principal: root,
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
    {
      Sid: 'KeyUpkeepThroughIam',
      Effect: 'Allow',
      Principal: root,
      Action: [
        'kms:Get*',
        'kms:List*',
        'kms:EnableKeyRotation',
        'kms:UpdateKeyDescription',
        'kms:TagResource',
        'kms:UntagResource',
        'kms:CreateAlias',
        'kms:UpdateAlias',
        'kms:DeleteAlias',
      ],
      Resource: '*',
    },
    {
      Sid: 'OnlyTheAdministratorAdministers',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: KEY_ADMINISTRATION_ONLY,
      Resource: '*',
      Condition: notAdministrator,
    },
    {
      Sid: 'GrantsOnlyForAwsResources',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { ...notAdministrator, Bool: { 'kms:GrantIsForAWSResource': 'false' } },
    },
  ];
}

/**
 * A symmetric KMS key with yearly rotation, a 30-day deletion window, an explicit key policy with separated
 * duties, protection from `terraform destroy`, and an alias.
 */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [...keyDutyStatements(props.accountId, props.administratorArn), ...(props.serviceStatements ?? [])],
    });
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy,
      // KMS refuses a policy that locks its creator out of PutKeyPolicy: here that is on purpose, the
      // administrator keeps it and nobody else (the apply role creates the archive key but may not change it).
      bypassPolicyLockoutSafetyCheck: true,
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, 'alias', { name: props.alias, targetKeyId: this.key.keyId });
  }
}
