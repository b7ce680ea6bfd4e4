import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule } from '../types';

const ANYWHERE = ['0.0.0.0/0', '::/0'];

export const securityGroupOpenIngress: PolicyRule = {
  id: 'security-group-open-ingress',
  description: 'Security groups admit no inbound traffic from anywhere (0.0.0.0/0 or ::/0).',
  resourceTypes: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  check(resource) {
    const config = resource.config;
    let sources: unknown[];
    if (resource.type === 'aws_security_group') {
      sources = ((config.ingress ?? []) as Record<string, unknown>[]).flatMap((rule) => [
        ...((rule.cidr_blocks ?? []) as unknown[]),
        ...((rule.ipv6_cidr_blocks ?? []) as unknown[]),
      ]);
    } else if (resource.type === 'aws_security_group_rule') {
      if (config.type !== 'ingress') return NOT_APPLICABLE;
      sources = [...((config.cidr_blocks ?? []) as unknown[]), ...((config.ipv6_cidr_blocks ?? []) as unknown[])];
    } else {
      sources = [config.cidr_ipv4, config.cidr_ipv6];
    }
    const open = sources.filter((cidr) => ANYWHERE.includes(String(cidr)));
    return open.length === 0 ? COMPLIANT : nonCompliant(`ingress open to ${open.join(', ')}`);
  },
};
