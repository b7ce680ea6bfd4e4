import { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';

/** A key policy statement in IAM JSON. Key policies are written as JSON: they are resource policies, where
 * `Resource: "*"` means the key itself, and identity-policy scanners must not read them as IAM documents. */
export interface KeyPolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: { readonly AWS?: string; readonly Service?: string | readonly string[] };
  readonly Action: string | readonly string[];
  readonly Resource: '*';
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** Lets S3 encrypt server access logs it delivers into a bucket encrypted with this key, for this account only. */
export function serverAccessLogDelivery(accountId: string): KeyPolicyStatement {
  return {
    Sid: 'S3EncryptsServerAccessLogs',
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: 'kms:GenerateDataKey*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
  };
}

/** Lets CloudWatch Logs encrypt the log groups of this account and region with the key. */
export function cloudWatchLogsEncryption(region: string, accountId: string): KeyPolicyStatement {
  return {
    Sid: 'CloudWatchLogsEncryptsLogGroups',
    Effect: 'Allow',
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    // CloudWatch Logs names the log group in the encryption context (it sends no aws:SourceArn to KMS).
    Condition: {
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*` },
    },
  };
}

export interface EncryptionKeyProps {
  /** Alias, `alias/<name>`; other stacks and policies find the key by it. */
  readonly alias: string;
  /** What the key protects. */
  readonly description: string;
  /** Account whose IAM policies may grant use of the key (the key policy delegates to IAM for principals). */
  readonly accountId: string;
  /** Statements that let AWS services use the key; each should carry a source condition. @default none */
  readonly serviceStatements?: readonly KeyPolicyStatement[];
}

/** A symmetric KMS key with yearly rotation, a 30-day deletion window, an explicit key policy and an alias. */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const accountAdministers: KeyPolicyStatement = {
      Sid: 'AccountAdministersKeyThroughIam',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
      Action: 'kms:*',
      Resource: '*',
    };
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [accountAdministers, ...(props.serviceStatements ?? [])],
    });
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy,
    });
    new KmsAlias(this, 'alias', { name: props.alias, targetKeyId: this.key.keyId });
  }
}
