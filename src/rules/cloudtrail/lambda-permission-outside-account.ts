import { getString } from '../../events/fields';
import { isForeign, ownAccountOf } from '../policy-principals';
import { apiCall, OTHER_ACCOUNT_ID } from '../testing';
import type { LogEvent, Rule } from '../types';

const addPermission = (principal: string) =>
  apiCall('lambda', 'AddPermission20150331v2', {
    requestParameters: { functionName: 'f', action: 'lambda:InvokeFunction', principal, statementId: 's' },
  });

/** The function's resource policy now lets another account, or anyone, invoke it. */
export const lambdaPermissionOutsideAccount: Rule = {
  id: 'lambda-permission-outside-account',
  severity: 'high',
  title: 'Lambda function opened to another account or to anyone',
  references: ['stratus:aws.persistence.lambda-backdoor-function'],
  filterPattern: '{ $.eventSource = "lambda.amazonaws.com" && $.eventName = "AddPermission20150331v2" }',
  predicate: (event: LogEvent) => isForeign(getString(event, 'requestParameters.principal'), ownAccountOf(event)),
  positives: [
    addPermission('*'),
    addPermission(OTHER_ACCOUNT_ID),
    addPermission(`arn:aws:iam::${OTHER_ACCOUNT_ID}:root`),
  ],
  negatives: [addPermission('s3.amazonaws.com'), addPermission('111122223333')],
};
