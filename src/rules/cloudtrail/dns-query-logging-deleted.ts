import { apiCall } from '../testing';
import type { Rule } from '../types';

/** DNS query logs show what hosts talk to; removing them hides command-and-control and exfiltration. */
export const dnsQueryLoggingDeleted: Rule = {
  id: 'dns-query-logging-deleted',
  severity: 'high',
  title: 'Route 53 Resolver query logging deleted or detached',
  references: ['stratus:aws.defense-evasion.dns-delete-logs'],
  filterPattern:
    '{ $.eventSource = "route53resolver.amazonaws.com" ' +
    '&& ($.eventName = "DeleteResolverQueryLogConfig" ' +
    '|| $.eventName = "DisassociateResolverQueryLogConfig") }',
  positives: [
    apiCall('route53resolver', 'DeleteResolverQueryLogConfig'),
    apiCall('route53resolver', 'DisassociateResolverQueryLogConfig'),
  ],
  negatives: [apiCall('route53resolver', 'ListResolverQueryLogConfigs', { readOnly: true })],
};
