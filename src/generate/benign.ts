/** Benign API calls: `[service, eventName, readOnly, weight]`; reads dominate as they do in real accounts. */
export const BENIGN_CALLS: readonly (readonly [string, string, boolean, number])[] = [
  ['ec2', 'DescribeInstances', true, 12],
  ['ec2', 'DescribeSecurityGroups', true, 5],
  ['ec2', 'DescribeVolumes', true, 4],
  ['ec2', 'CreateTags', false, 2],
  ['s3', 'ListBuckets', true, 6],
  ['s3', 'GetBucketLocation', true, 6],
  ['s3', 'GetBucketEncryption', true, 3],
  ['iam', 'GetRole', true, 4],
  ['iam', 'ListRoles', true, 3],
  ['sts', 'GetCallerIdentity', true, 5],
  ['sts', 'AssumeRole', false, 8],
  ['kms', 'Decrypt', true, 10],
  ['kms', 'GenerateDataKey', true, 8],
  ['lambda', 'ListFunctions20150331', true, 3],
  ['logs', 'CreateLogStream', false, 4],
  ['logs', 'DescribeLogGroups', true, 3],
  ['monitoring', 'GetMetricData', true, 4],
  ['monitoring', 'PutMetricAlarm', false, 1],
  ['dynamodb', 'DescribeTable', true, 3],
  ['elasticmapreduce', 'DescribeCluster', true, 3],
  ['elasticmapreduce', 'AddJobFlowSteps', false, 1],
  ['states', 'StartExecution', false, 1],
  ['redshift-data', 'ExecuteStatement', false, 1],
  ['ssm', 'GetParameter', true, 2],
];

/** Error codes benign calls sometimes end with (never access denials: those are what CIS.1 looks for). */
export const BENIGN_ERRORS = [
  'ThrottlingException',
  'ResourceNotFoundException',
  'NoSuchBucketPolicy',
  'InvalidParameterValue',
];

export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
