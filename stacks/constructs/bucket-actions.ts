/** Named S3 and KMS action lists behind the bucket grants, so every policy asks for the same, smallest set. */

export const BUCKET_LIST_ACTIONS = ['s3:ListBucket', 's3:GetBucketLocation'];

export const OBJECT_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'];

export const OBJECT_WRITE_ACTIONS = ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'];

/** Reading SSE-KMS objects needs Decrypt on their key. */
export const KEY_DECRYPT_ACTIONS = ['kms:Decrypt'];

/** Writing SSE-KMS objects (multipart included) needs a data key and Decrypt to complete the upload. */
export const KEY_ENCRYPT_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];
