import { COMPLIANT, nonCompliant, type PolicyRule } from '../types';

export const topicKms: PolicyRule = {
  id: 'topic-kms',
  description: 'SNS topics encrypt messages at rest with a KMS key.',
  resourceTypes: ['aws_sns_topic'],
  check: (topic) => (topic.config.kms_master_key_id ? COMPLIANT : nonCompliant('kms_master_key_id is not set')),
};
