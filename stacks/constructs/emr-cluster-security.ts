import { Construct } from 'constructs';
import { EmrSecurityConfiguration } from '@cdktf/provider-aws/lib/emr-security-configuration';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { EMR_MANAGED_TAG } from '../../pipeline-definitions/model';

export interface EmrClusterSecurityProps {
  /** `<prefix>-<env>-emr`: name of the security configuration and prefix of the security group names. */
  readonly name: string;
  readonly vpcId: string;
  /**
   * Key ARN (`…:key/<id>`, not an alias ARN) of EMRFS SSE-KMS, the objects the cluster writes to S3: EMRFS sends it
   * as the object's key id, and bucket policies that require a key compare that id with the key ARN.
   */
  readonly s3KeyArn: string;
  /** Key ARN of local disk and EBS encryption. */
  readonly localDiskKeyArn: string;
  /**
   * `s3://…zip` of PEM certificates for TLS between the nodes.
   * @default none: in-transit encryption stays off, because EMR needs the certificates to turn it on
   */
  readonly transitCertificates?: string;
}

/**
 * What a transient EMR cluster in private subnets runs with: the three EMR-managed security groups (primary,
 * core/task, service access; EMR adds the rules it needs itself, so none are declared here and Terraform does
 * not fight over them) and a security configuration encrypting S3 objects and local disks at rest.
 */
export class EmrClusterSecurity extends Construct {
  readonly primaryGroup: SecurityGroup;
  readonly coreGroup: SecurityGroup;
  readonly serviceAccessGroup: SecurityGroup;
  readonly configuration: EmrSecurityConfiguration;

  constructor(scope: Construct, id: string, props: EmrClusterSecurityProps) {
    super(scope, id);
    const group = (groupId: string, description: string) =>
      new SecurityGroup(this, groupId, {
        name: `${props.name}-${groupId}`,
        description,
        vpcId: props.vpcId,
        revokeRulesOnDelete: true,
        tags: EMR_MANAGED_TAG,
      });
    this.primaryGroup = group('primary', 'EMR-managed group of the primary node');
    this.coreGroup = group('core', 'EMR-managed group of the core and task nodes');
    this.serviceAccessGroup = group('service-access', 'EMR service access to the nodes in private subnets');

    const encryption = {
      EnableAtRestEncryption: true,
      EnableInTransitEncryption: props.transitCertificates !== undefined,
      AtRestEncryptionConfiguration: {
        S3EncryptionConfiguration: { EncryptionMode: 'SSE-KMS', AwsKmsKey: props.s3KeyArn },
        LocalDiskEncryptionConfiguration: {
          EncryptionKeyProviderType: 'AwsKms',
          AwsKmsKey: props.localDiskKeyArn,
          EnableEbsEncryption: true,
        },
      },
      ...(props.transitCertificates && {
        InTransitEncryptionConfiguration: {
          TLSCertificateConfiguration: { CertificateProviderType: 'PEM', S3Object: props.transitCertificates },
        },
      }),
    };
    this.configuration = new EmrSecurityConfiguration(this, 'configuration', {
      name: props.name,
      configuration: JSON.stringify({ EncryptionConfiguration: encryption }),
    });
  }
}
