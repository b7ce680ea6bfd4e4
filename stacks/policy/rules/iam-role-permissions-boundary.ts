import { COMPLIANT, nonCompliant, type PolicyRule } from '../types';

export const iamRolePermissionsBoundary: PolicyRule = {
  id: 'iam-role-permissions-boundary',
  description:
    'Every IAM role carries a permissions boundary (the environment boundary, set by PermissionsBoundaryAspect).',
  resourceTypes: ['aws_iam_role'],
  check: (role) => (role.config.permissions_boundary ? COMPLIANT : nonCompliant('permissions_boundary is not set')),
};
