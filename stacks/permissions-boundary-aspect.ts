import type { IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';

/**
 * Puts a permissions boundary on every IAM role in its scope that has none, so no stack can create a role that
 * escapes it. Every EnvironmentStack adds one with its environment's boundary; the policy gate fails synth on a
 * role without a boundary anywhere else.
 */
export class PermissionsBoundaryAspect implements IAspect {
  constructor(private readonly boundaryArn: string) {}

  visit(node: IConstruct): void {
    if (node instanceof IamRole && node.permissionsBoundaryInput === undefined) {
      node.permissionsBoundary = this.boundaryArn;
    }
  }
}
