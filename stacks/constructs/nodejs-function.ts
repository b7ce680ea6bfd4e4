import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { bundleHandler, NODE_OPTIONS } from '../bundle';

export interface NodejsFunctionProps {
  readonly functionName: string;
  /** The handler source, relative to the repository root; it must export `handler`. */
  readonly entry: string;
  readonly accountId: string;
  readonly region: string;
  /** Encrypts the environment variables and the log group; its policy must admit CloudWatch Logs. */
  readonly encryptionKey: KmsKey;
  readonly logRetentionDays: number;
  /** What the function may do besides writing its own logs and traces. */
  readonly statements: readonly DataAwsIamPolicyDocumentStatement[];
  readonly environment?: Readonly<Record<string, string>>;
  /** @default 1024 */
  readonly memorySize?: number;
  /** @default 300 */
  readonly timeoutSeconds?: number;
  /** Concurrent executions reserved (and allowed at most). @default 10 */
  readonly reservedConcurrency?: number;
  /** Queue ARN for events of asynchronous invocations that failed every retry. */
  readonly deadLetterQueueArn: string;
}

/**
 * A Node.js 22 function on arm64, bundled by esbuild during synth (minified, with source maps) and shipped as
 * a zip asset: its own role trusted only by Lambda in this account, a KMS-encrypted log group with retention,
 * active tracing, reserved concurrency and a dead-letter queue.
 */
export class NodejsFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  /** Bytes of the bundled JavaScript (`index.js` and, when the handler uses the AWS SDK, `sdk.js`). */
  readonly bundleBytes: number;

  constructor(scope: Construct, id: string, props: NodejsFunctionProps) {
    super(scope, id);
    const bundle = bundleHandler(props.entry, props.functionName);
    this.bundleBytes = bundle.bytes;
    // The bundle's own zip, copied as it is: its bytes, and so the asset hash, change only with the code.
    const asset = new TerraformAsset(this, 'code', { path: bundle.zip, type: AssetType.FILE });

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.encryptionKey.arn,
    });
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] }],
        },
      ],
    });
    this.role = new IamRole(this, 'role', { name: props.functionName, assumeRolePolicy: trust.json });
    const policy = new DataAwsIamPolicyDocument(this, 'policy-document', {
      statement: [
        {
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${this.logGroup.arn}:log-stream:*`],
        },
        {
          // X-Ray accepts trace segments only on Resource "*" (it has no resource types).
          sid: 'WriteTraces',
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        },
        { sid: 'DeadLetters', actions: ['sqs:SendMessage'], resources: [props.deadLetterQueueArn] },
        ...props.statements,
      ],
    });
    new IamRolePolicy(this, 'policy', { name: 'function', role: this.role.name, policy: policy.json });

    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      role: this.role.arn,
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      filename: asset.path,
      sourceCodeHash: asset.assetHash,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeoutSeconds ?? 300,
      reservedConcurrentExecutions: props.reservedConcurrency ?? 10,
      kmsKeyArn: props.encryptionKey.arn,
      tracingConfig: { mode: 'Active' },
      deadLetterConfig: { targetArn: props.deadLetterQueueArn },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      environment: {
        variables: { NODE_OPTIONS, ...props.environment },
      },
      dependsOn: [this.logGroup],
    });
  }
}
