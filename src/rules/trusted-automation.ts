import { getString } from '../events/fields';
import type { LogEvent } from './types';

/**
 * IAM roles of the project's own pipeline (EMR steps, orchestrator, Lambda, deploy) are named with this prefix
 * (`logfed-emr-job`, `logfed-apply`…); their routine API calls are not findings.
 */
export const PIPELINE_ROLE_PREFIX = 'logfed-';

/**
 * True for calls made by AWS services on their own or on a principal's behalf (`userIdentity.type` AWSService,
 * `userIdentity.invokedBy`) and by the pipeline's roles. Detections skip them so routine work stays quiet.
 */
export function isTrustedAutomation(event: LogEvent): boolean {
  if (getString(event, 'userIdentity.type') === 'AWSService') return true;
  if (getString(event, 'userIdentity.invokedBy') !== '') return true;
  const role =
    getString(event, 'userIdentity.sessionContext.sessionIssuer.userName') ||
    roleNameFromArn(getString(event, 'userIdentity.arn'));
  return role.startsWith(PIPELINE_ROLE_PREFIX);
}

/** `arn:aws:sts::1:assumed-role/<role>/<session>` or `arn:aws:iam::1:role/<path>/<role>` to the role name. */
function roleNameFromArn(arn: string): string {
  const assumed = /:assumed-role\/([^/]+)\//.exec(arn);
  if (assumed) return assumed[1];
  const role = /:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return role ? role[1] : '';
}
