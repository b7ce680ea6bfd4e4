import { apiCall } from '../testing';
import type { Rule } from '../types';

/**
 * Attackers with stolen keys enable model access to run (and bill) LLM workloads; this project uses no Bedrock
 * model.
 */
export const bedrockModelAccessEnabled: Rule = {
  id: 'bedrock-model-access-enabled',
  severity: 'medium',
  title: 'Bedrock foundation model access enabled',
  references: ['stratus:aws.impact.bedrock-invoke-model'],
  filterPattern:
    '{ $.eventSource = "bedrock.amazonaws.com" && ($.eventName = "PutUseCaseForModelAccess" ' +
    '|| $.eventName = "CreateFoundationModelAgreement" ' +
    '|| $.eventName = "PutFoundationModelEntitlement") }',
  positives: [apiCall('bedrock', 'PutUseCaseForModelAccess'), apiCall('bedrock', 'CreateFoundationModelAgreement')],
  negatives: [apiCall('bedrock', 'ListFoundationModels', { readOnly: true })],
};
