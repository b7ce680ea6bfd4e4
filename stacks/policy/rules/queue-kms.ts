import { COMPLIANT, nonCompliant, type PolicyRule } from '../types';

export const queueKms: PolicyRule = {
  id: 'queue-kms',
  description: 'SQS queues encrypt messages at rest with a KMS key (not only SQS-managed SSE).',
  resourceTypes: ['aws_sqs_queue'],
  check: (queue) => (queue.config.kms_master_key_id ? COMPLIANT : nonCompliant('kms_master_key_id is not set')),
};
