import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';

export interface EncryptionKeyProps {
  /** Alias name without the `alias/` prefix; other stacks find the key by it. */
  readonly alias: string;
  /** What the key protects. */
  readonly description: string;
  /** Account whose IAM policies may grant use of the key (the key policy delegates to IAM for principals). */
  readonly accountId: string;
  /** Statements that let AWS services use the key; each should carry a source condition. @default none */
  readonly serviceStatements?: readonly DataAwsIamPolicyDocumentStatement[];
}

/** A symmetric KMS key with yearly rotation, a 30-day deletion window, an explicit key policy and an alias. */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const policy = new DataAwsIamPolicyDocument(this, 'policy-document', {
      statement: [
        {
          sid: 'AccountAdministersKeyThroughIam',
          principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${props.accountId}:root`] }],
          actions: ['kms:*'],
          // In a key policy "*" means this key.
          resources: ['*'],
        },
        ...(props.serviceStatements ?? []),
      ],
    });
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policy.json,
    });
    new KmsAlias(this, 'alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
  }
}
