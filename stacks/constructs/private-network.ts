import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ServiceRole } from './service-role';

/** Interface endpoints the EMR nodes and the Redshift Data API callers in the VPC need without a NAT gateway. */
export const INTERFACE_ENDPOINT_SERVICES = ['elasticmapreduce', 'kms', 'sts', 'redshift-data'] as const;

/** Redshift Serverless wants subnets in three availability zones; a cluster and EMR are content with fewer. */
const SUBNET_COUNT = 3;

/** Zones by name, not looked up: a zone AWS adds later must not move the subnets. */
const ZONE_LETTERS = ['a', 'b', 'c'];

export interface PrivateNetworkProps {
  /** `<prefix>-<env>-network`: Name tag of the VPC; subnets are named `<name>-private-<n>` so other stacks find them. */
  readonly name: string;
  /** IPv4 CIDR of the VPC; each subnet gets a quarter of it. */
  readonly cidr: string;
  readonly region: string;
  readonly accountId: string;
  /** Key of the flow-log group. */
  readonly encryptionKey: KmsKey;
  /** Retention of the flow-log group in days. */
  readonly flowLogRetentionDays: number;
  /** Tags the services placed in the subnets look for (EMR's managed policy does). @default none */
  readonly subnetTags?: Readonly<Record<string, string>>;
}

/**
 * A VPC with private subnets only: no internet or NAT gateway, an S3 gateway endpoint, interface endpoints with
 * private DNS for the services in INTERFACE_ENDPOINT_SERVICES, a default security group that allows nothing,
 * and flow logs of all traffic to an encrypted log group.
 */
export class PrivateNetwork extends Construct {
  readonly vpc: Vpc;
  readonly subnetIds: string[];

  constructor(scope: Construct, id: string, props: PrivateNetworkProps) {
    super(scope, id);
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: props.name },
    });
    new DefaultSecurityGroup(this, 'default-security-group', { vpcId: this.vpc.id });
    const routes = new RouteTable(this, 'private-routes', {
      vpcId: this.vpc.id,
      tags: { Name: `${props.name}-private` },
    });
    this.subnetIds = Array.from({ length: SUBNET_COUNT }, (_, index) => {
      const subnet = new Subnet(this, `private-${index + 1}`, {
        vpcId: this.vpc.id,
        cidrBlock: Fn.cidrsubnet(props.cidr, 2, index),
        availabilityZone: `${props.region}${ZONE_LETTERS[index]}`,
        mapPublicIpOnLaunch: false,
        tags: { ...props.subnetTags, Name: `${props.name}-private-${index + 1}` },
      });
      new RouteTableAssociation(this, `private-${index + 1}-routes`, { subnetId: subnet.id, routeTableId: routes.id });
      return subnet.id;
    });

    new VpcEndpoint(this, 's3-endpoint', {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [routes.id],
      tags: { Name: `${props.name}-s3` },
    });
    const endpointAccess = new SecurityGroup(this, 'endpoint-access', {
      name: `${props.name}-endpoints`,
      description: 'HTTPS from inside the VPC to the interface endpoints',
      vpcId: this.vpc.id,
    });
    new VpcSecurityGroupIngressRule(this, 'endpoint-https', {
      securityGroupId: endpointAccess.id,
      description: 'HTTPS from the VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.cidr,
    });
    for (const service of INTERFACE_ENDPOINT_SERVICES) {
      new VpcEndpoint(this, `${service}-endpoint`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: this.subnetIds,
        securityGroupIds: [endpointAccess.id],
        tags: { Name: `${props.name}-${service}` },
      });
    }
    this.logFlows(props);
  }

  private logFlows(props: PrivateNetworkProps): void {
    const group = new CloudwatchLogGroup(this, 'flow-logs', {
      name: `/aws/vpc/${props.name}`,
      retentionInDays: props.flowLogRetentionDays,
      kmsKeyId: props.encryptionKey.arn,
    });
    const delivery = new ServiceRole(this, 'flow-log-role', {
      roleName: `${props.name}-flow-logs`,
      description: 'Lets VPC flow logs write to their log group',
      services: ['vpc-flow-logs.amazonaws.com'],
      accountId: props.accountId,
      statements: [
        {
          sid: 'WriteFlowLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [group.arn, `${group.arn}:*`],
        },
        {
          // Listed in the flow-log role AWS documents. DescribeLogGroups has no resource type in IAM: CloudWatch Logs
          // authorizes it on `log-group::log-stream:` of the account and region, so `log-group:*` is the narrowest.
          sid: 'FindFlowLogGroup',
          actions: ['logs:DescribeLogGroups'],
          resources: [`arn:aws:logs:${props.region}:${props.accountId}:log-group:*`],
        },
      ],
    });
    new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: group.arn,
      iamRoleArn: delivery.role.arn,
    });
  }
}
