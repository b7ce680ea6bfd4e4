import { getField } from '../../events/fields';
import { apiCall } from '../testing';
import type { LogEvent, Rule } from '../types';

/** SSH and RDP: ports that should never face the internet. */
const ADMIN_PORTS = [22, 3389];

interface IngressRange {
  readonly protocol: unknown;
  readonly fromPort: unknown;
  readonly toPort: unknown;
  readonly cidrs: readonly unknown[];
}

/** The two request shapes: one range at the top (`cidrIp`, `fromPort`…) or `ipPermissions.items[]`. */
function ingressRanges(event: LogEvent): IngressRange[] {
  const request = getField<Record<string, unknown>>(event, 'requestParameters', {});
  const top = { protocol: request?.ipProtocol, fromPort: request?.fromPort, toPort: request?.toPort };
  const items = getField<unknown[]>(event, 'requestParameters.ipPermissions.items', []);
  return [
    { ...top, cidrs: [request?.cidrIp] },
    ...(Array.isArray(items) ? items : []).map((item) => ({
      protocol: getField(item, 'ipProtocol'),
      fromPort: getField(item, 'fromPort'),
      toPort: getField(item, 'toPort'),
      cidrs: [
        ...asItems(getField(item, 'ipRanges.items')).map((r) => getField(r, 'cidrIp')),
        ...asItems(getField(item, 'ipv6Ranges.items')).map((r) => getField(r, 'cidrIpv6')),
      ],
    })),
  ];
}

function asItems(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function opensAdminPort(range: IngressRange): boolean {
  const fromEverywhere = range.cidrs.some((cidr) => typeof cidr === 'string' && cidr.endsWith('/0'));
  if (!fromEverywhere) return false;
  if (String(range.protocol) === '-1') return true;
  const from = Number(range.fromPort);
  const to = Number(range.toPort);
  return ADMIN_PORTS.some((port) => from <= port && port <= to);
}

const ingress = (requestParameters: Record<string, unknown>) =>
  apiCall('ec2', 'AuthorizeSecurityGroupIngress', { requestParameters: { groupId: 'sg-1', ...requestParameters } });

/** Ingress from any address (`/0`) to SSH, RDP or all traffic. */
export const securityGroupAdminPortOpenToInternet: Rule = {
  id: 'security-group-admin-port-open-to-internet',
  severity: 'high',
  title: 'Security group opens SSH, RDP or all traffic to the internet',
  references: ['stratus:aws.exfiltration.ec2-security-group-open-port-22-ingress', 'attack:T1562.007'],
  filterPattern: '{ $.eventSource = "ec2.amazonaws.com" && $.eventName = "AuthorizeSecurityGroupIngress" }',
  predicate: (event: LogEvent) => ingressRanges(event).some(opensAdminPort),
  positives: [
    ingress({ cidrIp: '0.0.0.0/0', ipProtocol: 'tcp', fromPort: 22, toPort: 22 }),
    ingress({
      ipPermissions: {
        items: [{ ipProtocol: 'tcp', fromPort: 3000, toPort: 4000, ipv6Ranges: { items: [{ cidrIpv6: '::/0' }] } }],
      },
    }),
    ingress({ ipPermissions: { items: [{ ipProtocol: '-1', ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } }),
  ],
  negatives: [
    ingress({ cidrIp: '0.0.0.0/0', ipProtocol: 'tcp', fromPort: 443, toPort: 443 }),
    ingress({ cidrIp: '10.0.0.0/8', ipProtocol: 'tcp', fromPort: 22, toPort: 22 }),
    ingress({ ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, groups: { items: [] } }] } }),
  ],
};
