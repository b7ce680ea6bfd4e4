import { cisCloudwatch1 } from './cis/cis-cloudwatch-1';
import { cisCloudwatch10 } from './cis/cis-cloudwatch-10';
import { cisCloudwatch11 } from './cis/cis-cloudwatch-11';
import { cisCloudwatch12 } from './cis/cis-cloudwatch-12';
import { cisCloudwatch13 } from './cis/cis-cloudwatch-13';
import { cisCloudwatch14 } from './cis/cis-cloudwatch-14';
import { cisCloudwatch2 } from './cis/cis-cloudwatch-2';
import { cisCloudwatch3 } from './cis/cis-cloudwatch-3';
import { cisCloudwatch4 } from './cis/cis-cloudwatch-4';
import { cisCloudwatch5 } from './cis/cis-cloudwatch-5';
import { cisCloudwatch6 } from './cis/cis-cloudwatch-6';
import { cisCloudwatch7 } from './cis/cis-cloudwatch-7';
import { cisCloudwatch8 } from './cis/cis-cloudwatch-8';
import { cisCloudwatch9 } from './cis/cis-cloudwatch-9';
import { amiDeregistered } from './cloudtrail/ami-deregistered';
import { amiShared } from './cloudtrail/ami-shared';
import { bedrockModelAccessEnabled } from './cloudtrail/bedrock-model-access-enabled';
import { cloudtrailDeleted } from './cloudtrail/cloudtrail-deleted';
import { cloudtrailEventSelectorsChanged } from './cloudtrail/cloudtrail-event-selectors-changed';
import { cloudtrailStopped } from './cloudtrail/cloudtrail-stopped';
import { discoveryWithInstanceCredentials } from './cloudtrail/discovery-with-instance-credentials';
import { dnsQueryLoggingDeleted } from './cloudtrail/dns-query-logging-deleted';
import { ebsSnapshotShared } from './cloudtrail/ebs-snapshot-shared';
import { ec2InstanceConnectKeyPushed } from './cloudtrail/ec2-instance-connect-key-pushed';
import { ec2PasswordDataRetrieved } from './cloudtrail/ec2-password-data-retrieved';
import { ec2SerialConsoleAccess } from './cloudtrail/ec2-serial-console-access';
import { ec2UnusualInstanceLaunched } from './cloudtrail/ec2-unusual-instance-launched';
import { ec2UserDataModified } from './cloudtrail/ec2-user-data-modified';
import { ec2UserDataRead } from './cloudtrail/ec2-user-data-read';
import { iamAccessKeyCreatedForOtherUser } from './cloudtrail/iam-access-key-created-for-other-user';
import { iamAdminPolicyAttached } from './cloudtrail/iam-admin-policy-attached';
import { iamLoginProfileCreated } from './cloudtrail/iam-login-profile-created';
import { iamLoginProfileUpdated } from './cloudtrail/iam-login-profile-updated';
import { iamRoleTrustPolicyUpdated } from './cloudtrail/iam-role-trust-policy-updated';
import { iamRoleTrustsOutsideAccount } from './cloudtrail/iam-role-trusts-outside-account';
import { iamUserCreated } from './cloudtrail/iam-user-created';
import { lambdaCodeUpdated } from './cloudtrail/lambda-code-updated';
import { lambdaLayerAdded } from './cloudtrail/lambda-layer-added';
import { lambdaPermissionOutsideAccount } from './cloudtrail/lambda-permission-outside-account';
import { organizationLeft } from './cloudtrail/organization-left';
import { rdsSnapshotShared } from './cloudtrail/rds-snapshot-shared';
import { rolesAnywhereTrustAnchorCreated } from './cloudtrail/roles-anywhere-trust-anchor-created';
import { s3BucketPolicyGrantsOutsideAccount } from './cloudtrail/s3-bucket-policy-grants-outside-account';
import { s3LifecycleShortExpiration } from './cloudtrail/s3-lifecycle-short-expiration';
import { s3ObjectDeletedByIamUser } from './cloudtrail/s3-object-deleted-by-iam-user';
import { s3ObjectEncryptedWithCustomerKey } from './cloudtrail/s3-object-encrypted-with-customer-key';
import { s3ObjectsBatchDeleted } from './cloudtrail/s3-objects-batch-deleted';
import { sagemakerLifecycleConfigChanged } from './cloudtrail/sagemaker-lifecycle-config-changed';
import { secretReadByIamUser } from './cloudtrail/secret-read-by-iam-user';
import { secretsBatchRetrieved } from './cloudtrail/secrets-batch-retrieved';
import { securityGroupAdminPortOpenToInternet } from './cloudtrail/security-group-admin-port-open-to-internet';
import { sesEnumerated } from './cloudtrail/ses-enumerated';
import { ssmCommandSent } from './cloudtrail/ssm-command-sent';
import { ssmSecureParameterDecryptedByIamUser } from './cloudtrail/ssm-secure-parameter-decrypted-by-iam-user';
import { ssmSessionStarted } from './cloudtrail/ssm-session-started';
import { stsFederationTokenIssued } from './cloudtrail/sts-federation-token-issued';
import { vpcFlowLogsDeleted } from './cloudtrail/vpc-flow-logs-deleted';
import { dataPipelineActivityFailed } from './pipeline/data-pipeline-activity-failed';
import { emrClusterTerminatedWithErrors } from './pipeline/emr-cluster-terminated-with-errors';
import { emrStepFailed } from './pipeline/emr-step-failed';
import { redshiftLoadError } from './pipeline/redshift-load-error';
import { stepFunctionsExecutionFailed } from './pipeline/step-functions-execution-failed';
import type { Rule } from './types';

/**
 * Every rule, in the order findings are listed. The Lambda, the CLI and the monitoring stack (which creates a
 * CloudWatch metric filter for each rule with a `metric`) all read this one list.
 */
export const RULES: readonly Rule[] = [
  // CIS AWS Foundations monitoring controls, also deployed as CloudWatch metric filters
  cisCloudwatch1,
  cisCloudwatch2,
  cisCloudwatch3,
  cisCloudwatch4,
  cisCloudwatch5,
  cisCloudwatch6,
  cisCloudwatch7,
  cisCloudwatch8,
  cisCloudwatch9,
  cisCloudwatch10,
  cisCloudwatch11,
  cisCloudwatch12,
  cisCloudwatch13,
  cisCloudwatch14,
  // CloudTrail detections, each covering one or more Stratus Red Team techniques
  amiDeregistered,
  amiShared,
  bedrockModelAccessEnabled,
  cloudtrailDeleted,
  cloudtrailEventSelectorsChanged,
  cloudtrailStopped,
  discoveryWithInstanceCredentials,
  dnsQueryLoggingDeleted,
  ebsSnapshotShared,
  ec2InstanceConnectKeyPushed,
  ec2PasswordDataRetrieved,
  ec2SerialConsoleAccess,
  ec2UnusualInstanceLaunched,
  ec2UserDataModified,
  ec2UserDataRead,
  iamAccessKeyCreatedForOtherUser,
  iamAdminPolicyAttached,
  iamLoginProfileCreated,
  iamLoginProfileUpdated,
  iamRoleTrustPolicyUpdated,
  iamRoleTrustsOutsideAccount,
  iamUserCreated,
  lambdaCodeUpdated,
  lambdaLayerAdded,
  lambdaPermissionOutsideAccount,
  organizationLeft,
  rdsSnapshotShared,
  rolesAnywhereTrustAnchorCreated,
  s3BucketPolicyGrantsOutsideAccount,
  s3LifecycleShortExpiration,
  s3ObjectDeletedByIamUser,
  s3ObjectEncryptedWithCustomerKey,
  s3ObjectsBatchDeleted,
  sagemakerLifecycleConfigChanged,
  secretReadByIamUser,
  secretsBatchRetrieved,
  securityGroupAdminPortOpenToInternet,
  sesEnumerated,
  ssmCommandSent,
  ssmSecureParameterDecryptedByIamUser,
  ssmSessionStarted,
  stsFederationTokenIssued,
  vpcFlowLogsDeleted,
  // Pipeline health
  emrStepFailed,
  emrClusterTerminatedWithErrors,
  stepFunctionsExecutionFailed,
  dataPipelineActivityFailed,
  redshiftLoadError,
];
