import type { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';

/** Gives a role its inline `permissions` policy and attaches AWS managed policies by ARN. */
export function attachPermissions(
  scope: Construct,
  role: IamRole,
  statements: readonly DataAwsIamPolicyDocumentStatement[],
  managedPolicyArns: readonly string[] = [],
): void {
  const permissions = new DataAwsIamPolicyDocument(scope, 'permissions', { statement: [...statements] });
  new IamRolePolicy(scope, 'policy', { name: 'permissions', role: role.name, policy: permissions.json });
  managedPolicyArns.forEach((policyArn, index) => {
    new IamRolePolicyAttachment(scope, `managed-${index}`, { role: role.name, policyArn });
  });
}
