import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { attachPermissions } from './role-permissions';

/** Issuer host of GitHub Actions OIDC tokens; the claims in trust conditions are prefixed with it. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

export interface GithubOidcRoleProps {
  readonly roleName: string;
  readonly description: string;
  /** The account's GitHub OIDC provider. */
  readonly provider: IamOpenidConnectProvider;
  /** The exact `sub` claims allowed, e.g. `repo:owner/name:pull_request`. */
  readonly subjects: readonly string[];
  /** Inline permissions of the role. */
  readonly statements: readonly DataAwsIamPolicyDocumentStatement[];
  /** AWS managed policies to attach, by ARN. @default none */
  readonly managedPolicyArns?: readonly string[];
}

/** A role that only GitHub Actions workflows of one repository, in the listed contexts (`sub`), can assume. */
export class GithubOidcRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: GithubOidcRoleProps) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          principals: [{ type: 'Federated', identifiers: [props.provider.arn] }],
          actions: ['sts:AssumeRoleWithWebIdentity'],
          condition: [
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:aud`, values: ['sts.amazonaws.com'] },
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:sub`, values: [...props.subjects] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });
    attachPermissions(this, this.role, props.statements, props.managedPolicyArns);
  }
}
