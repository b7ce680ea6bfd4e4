import { apiCall } from '../testing';
import type { Rule } from '../types';

/** A layer can carry an extension that runs beside the function and reads every invocation. */
export const lambdaLayerAdded: Rule = {
  id: 'lambda-layer-added',
  severity: 'medium',
  title: 'Lambda function configured with layers',
  references: ['stratus:aws.persistence.lambda-layer-extension'],
  filterPattern:
    '{ $.eventSource = "lambda.amazonaws.com" ' +
    '&& $.eventName = "UpdateFunctionConfiguration20150331v2" ' +
    '&& $.requestParameters.layers[0] = "*" }',
  positives: [
    apiCall('lambda', 'UpdateFunctionConfiguration20150331v2', {
      requestParameters: { functionName: 'f', layers: ['arn:aws:lambda:eu-west-1:444455556666:layer:ext:1'] },
    }),
  ],
  negatives: [
    apiCall('lambda', 'UpdateFunctionConfiguration20150331v2', {
      requestParameters: { functionName: 'f', timeout: 30 },
    }),
  ],
};
