import type { RedshiftTarget } from '../pipeline-definitions/model';

/** The audit logs Redshift exports: connections and authentication, changes to users, and every query. */
export const REDSHIFT_AUDIT_LOGS = ['connectionlog', 'userlog', 'useractivitylog'];

/** One audit log of the warehouse and the CloudWatch log group Redshift exports it into. */
export interface RedshiftAuditLogGroup {
  readonly log: string;
  readonly name: string;
}

/**
 * Where Redshift puts the warehouse's audit log groups, as the Redshift management guide names them:
 * `/aws/redshift/cluster/<cluster>` for a cluster ("Database audit logging"), `/aws/redshift/<namespace>` for
 * Serverless ("Audit logging for Amazon Redshift Serverless"); one group per log below it.
 */
export function redshiftAuditLogGroupPrefix(target: Pick<RedshiftTarget, 'kind' | 'identifier' | 'namespace'>): string {
  return target.kind === 'provisioned'
    ? `/aws/redshift/cluster/${target.identifier}`
    : `/aws/redshift/${target.namespace}`;
}

/**
 * The log groups Redshift exports the warehouse's audit logs into. Redshift writes into a group of that name if
 * it exists, so the warehouse stack creates them first.
 */
export function redshiftAuditLogGroups(
  target: Pick<RedshiftTarget, 'kind' | 'identifier' | 'namespace'>,
): RedshiftAuditLogGroup[] {
  const prefix = redshiftAuditLogGroupPrefix(target);
  return REDSHIFT_AUDIT_LOGS.map((log) => ({ log, name: `${prefix}/${log}` }));
}
