import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { attachPermissions } from './role-permissions';

export interface ServiceRoleProps {
  /** Exact role name; other stacks and the pipeline definitions reach the role by it. */
  readonly roleName: string;
  readonly description: string;
  /** Service principals that may assume the role, e.g. `states.amazonaws.com`. */
  readonly services: readonly string[];
  /** The account the service acts for: it may assume the role only on behalf of this account (confused deputy). */
  readonly accountId: string;
  /** Inline permissions of the role. */
  readonly statements: readonly DataAwsIamPolicyDocumentStatement[];
  /** AWS managed policies to attach, by ARN. @default none */
  readonly managedPolicyArns?: readonly string[];
  /**
   * Whether the trust policy checks `aws:SourceAccount`. EC2 instance profiles must not: EC2 sends no source
   * account when it assumes the role for an instance. @default true
   */
  readonly sourceAccountCondition?: boolean;
  /** Tags of the role itself, beyond the provider's default tags (e.g. `RedshiftDbRoles`). */
  readonly tags?: Record<string, string>;
}

/** A role that only the named AWS services can assume, for this account only, with inline least-privilege permissions. */
export class ServiceRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          principals: [{ type: 'Service', identifiers: [...props.services] }],
          actions: ['sts:AssumeRole'],
          condition:
            props.sourceAccountCondition === false
              ? undefined
              : [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] }],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: trust.json,
      tags: props.tags,
    });
    attachPermissions(this, this.role, props.statements, props.managedPolicyArns);
  }
}
