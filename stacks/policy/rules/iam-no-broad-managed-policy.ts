import { COMPLIANT, nonCompliant, type PolicyRule } from '../types';

/** AWS managed policies that read or change everything: far beyond what any role of ours needs. */
const BROAD_MANAGED_POLICIES = [
  'AdministratorAccess',
  'PowerUserAccess',
  'ReadOnlyAccess',
  'ViewOnlyAccess',
  'IAMFullAccess',
];

export const iamNoBroadManagedPolicy: PolicyRule = {
  id: 'iam-no-broad-managed-policy',
  description:
    'No role gets AdministratorAccess, PowerUserAccess, ReadOnlyAccess, ViewOnlyAccess or IAMFullAccess: ReadOnlyAccess alone reads every object, parameter and log event.',
  resourceTypes: ['aws_iam_role_policy_attachment', 'aws_iam_role_policy_attachments_exclusive'],
  check(attachment) {
    const arns = [attachment.config.policy_arn, ...((attachment.config.policy_arns as unknown[]) ?? [])];
    const broad = arns.find((arn) => BROAD_MANAGED_POLICIES.some((name) => arn === `arn:aws:iam::aws:policy/${name}`));
    return broad ? nonCompliant(`attaches ${String(broad)}`) : COMPLIANT;
  },
};
