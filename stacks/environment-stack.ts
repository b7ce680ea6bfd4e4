import { Aspects, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { permissionsBoundaryArn, stackId, stateBucketName, stateKeyAliasArn, type StackName } from './config/names';
import type { EnvironmentConfig } from './config/types';
import { MANAGED_BY_TAG } from './managed-by';
import { PermissionsBoundaryAspect } from './permissions-boundary-aspect';

/**
 * A stack of one environment: an AWS provider pinned to the environment's account and region with its tags,
 * an S3 backend with one state key per stack in the environment's state bucket, and the environment's
 * permissions boundary on every IAM role the stack creates.
 */
export class EnvironmentStack extends TerraformStack {
  private synthesized?: { [key: string]: unknown };

  constructor(
    scope: Construct,
    readonly env: EnvironmentConfig,
    stack: StackName,
  ) {
    const id = stackId(env, stack);
    super(scope, id);
    new AwsProvider(this, 'aws', {
      region: env.region,
      allowedAccountIds: [env.accountId],
      defaultTags: [{ tags: { ...env.tags, Environment: env.name, ...MANAGED_BY_TAG } }],
    });
    new S3Backend(this, {
      bucket: stateBucketName(env),
      key: `${id}/terraform.tfstate`,
      region: env.region,
      encrypt: true,
      kmsKeyId: stateKeyAliasArn(env),
    });
    Aspects.of(this).add(new PermissionsBoundaryAspect(permissionsBoundaryArn(env)));
    // The native S3 lock file replaces DynamoDB locking; cdktf 0.21's S3Backend has no property for it.
    this.addOverride('terraform.backend.s3.use_lockfile', true);
  }

  /**
   * The policy gate validates this JSON and synth then writes it: resolve the stack once, not twice (it is the
   * largest part of synth time). Only called once the stack is complete, after aspects and validations.
   */
  override toTerraform(): { [key: string]: unknown } {
    if (!this.synthesized) this.synthesized = super.toTerraform() as { [key: string]: unknown };
    return this.synthesized;
  }
}
