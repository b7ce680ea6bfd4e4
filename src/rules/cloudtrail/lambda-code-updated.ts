import { apiCall } from '../testing';
import type { Rule } from '../types';

/**
 * Code changes come from the deploy pipeline (its roles are trusted automation); any other principal replacing
 * code is suspect.
 */
export const lambdaCodeUpdated: Rule = {
  id: 'lambda-code-updated',
  severity: 'medium',
  title: 'Lambda function code replaced',
  references: ['stratus:aws.persistence.lambda-overwrite-code'],
  filterPattern: '{ $.eventSource = "lambda.amazonaws.com" && $.eventName = "UpdateFunctionCode20150331v2" }',
  positives: [apiCall('lambda', 'UpdateFunctionCode20150331v2', { requestParameters: { functionName: 'f' } })],
  negatives: [apiCall('lambda', 'GetFunction20150331v2', { readOnly: true })],
};
