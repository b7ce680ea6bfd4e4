import type { RedshiftTarget } from '../pipeline-definitions/model';

/** The audit logs Redshift exports: connections and authentication, changes to users, and every query. */
export const REDSHIFT_AUDIT_LOGS = ['connectionlog', 'userlog', 'useractivitylog'];

/** One audit log of the warehouse and the CloudWatch log group Redshift exports it into. */
export interface RedshiftAuditLogGroup {
  readonly log: string;
  readonly name: string;
}

/**
 * The log groups Redshift exports the warehouse's audit logs into, named by Redshift:
 * `/aws/redshift/cluster/<cluster>/<log>` for a cluster, `/aws/redshift/<namespace>/<log>` for Serverless
 * (Redshift management guide: "Database audit logging", "Audit logging for Amazon Redshift Serverless").
 * Redshift writes into a group of that name if it exists, so the warehouse stack creates them first.
 */
export function redshiftAuditLogGroups(
  target: Pick<RedshiftTarget, 'kind' | 'identifier' | 'namespace'>,
): RedshiftAuditLogGroup[] {
  const prefix =
    target.kind === 'provisioned' ? `/aws/redshift/cluster/${target.identifier}` : `/aws/redshift/${target.namespace}`;
  return REDSHIFT_AUDIT_LOGS.map((log) => ({ log, name: `${prefix}/${log}` }));
}
