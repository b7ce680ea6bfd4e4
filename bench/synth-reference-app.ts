/**
 * The reference for `npm run bench:synth`: three resources, imported through the provider's package root
 * the way cdktf examples do. It exists to show what the deep-import rule saves; never copy this import.
 */
// eslint-disable-next-line no-restricted-imports -- this app measures the cost of the package root on purpose
import * as aws from '@cdktf/provider-aws';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'reference');
new aws.provider.AwsProvider(stack, 'aws', { region: 'eu-west-1' });
const key = new aws.kmsKey.KmsKey(stack, 'key', { enableKeyRotation: true });
const bucket = new aws.s3Bucket.S3Bucket(stack, 'bucket', { bucketPrefix: 'reference-' });
new aws.s3BucketServerSideEncryptionConfiguration.S3BucketServerSideEncryptionConfigurationA(stack, 'encryption', {
  bucket: bucket.id,
  rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn } }],
});
app.synth();
