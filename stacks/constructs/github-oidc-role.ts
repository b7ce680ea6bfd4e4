import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { attachPermissions } from './role-permissions';

/** Issuer host of GitHub Actions OIDC tokens; the claims in trust conditions are prefixed with it. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/**
 * The claims of the repository's customized OIDC subject, in order. GitHub's default `sub` names only the
 * repository and the environment (or ref), which any job of any branch can claim by naming the environment;
 * with these claims the `sub` also names the ref, the workflow file that holds the job, and the numeric ids of
 * the repository and its owner. The admin sets the template once (README, _Bootstrap_).
 */
export const SUBJECT_CLAIM_KEYS = [
  'repo',
  'context',
  'ref',
  'job_workflow_ref',
  'repository_id',
  'repository_owner_id',
];

/** A job as the customized subject describes it. */
export interface WorkflowJob {
  /** `environment:<name>` for a job bound to an environment, `pull_request`, or `ref:<ref>` otherwise. */
  readonly context: string;
  /** The git ref the workflow runs on; `*` matches any part (e.g. `refs/pull/*\/merge`). */
  readonly ref: string;
  /** File name of the workflow under .github/workflows/. */
  readonly workflow: string;
}

/** The `sub` claim GitHub issues to `job` in `repository` (ids as strings of digits) under SUBJECT_CLAIM_KEYS. */
export function githubSubject(
  repository: { readonly name: string; readonly id: string; readonly ownerId: string },
  job: WorkflowJob,
): string {
  const workflowRef = `${repository.name}/.github/workflows/${job.workflow}@${job.ref}`;
  return [
    `repo:${repository.name}`,
    job.context,
    `ref:${job.ref}`,
    `job_workflow_ref:${workflowRef}`,
    `repository_id:${repository.id}`,
    `repository_owner_id:${repository.ownerId}`,
  ].join(':');
}

export interface GithubOidcRoleProps {
  readonly roleName: string;
  readonly description: string;
  /** The account's GitHub OIDC provider. */
  readonly provider: IamOpenidConnectProvider;
  /** The `sub` claims allowed (`githubSubject`); matched with StringLike when one holds a `*`, else exactly. */
  readonly subjects: readonly string[];
  /** Inline permissions of the role. */
  readonly statements: readonly DataAwsIamPolicyDocumentStatement[];
  /**
   * Further permissions as customer managed policies attached to the role, by group: IAM caps a role's inline
   * policies at 10,240 characters in all, a managed policy at 6,144 and a role at 10 attached. Group `g` becomes
   * the policy `<roleName>-g` (construct `g`).
   */
  readonly managedPolicies?: Readonly<Record<string, readonly DataAwsIamPolicyDocumentStatement[]>>;
  /** The permissions boundary of the role (the environment's boundary policy). */
  readonly permissionsBoundary: string;
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
            {
              test: props.subjects.some((subject) => subject.includes('*')) ? 'StringLike' : 'StringEquals',
              variable: `${GITHUB_OIDC_HOST}:sub`,
              values: [...props.subjects],
            },
          ],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
      permissionsBoundary: props.permissionsBoundary,
    });
    attachPermissions(this, this.role, props.statements);
    for (const [group, statements] of Object.entries(props.managedPolicies ?? {})) {
      const policy = new IamPolicy(this, group, {
        name: `${props.roleName}-${group}`,
        description: `Permissions of ${props.roleName} (${group}), attached to it`,
        policy: new DataAwsIamPolicyDocument(this, `${group}-document`, { statement: [...statements] }).json,
      });
      new IamRolePolicyAttachment(this, `${group}-attachment`, { role: this.role.name, policyArn: policy.arn });
    }
  }
}
