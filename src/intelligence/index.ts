export * from './types';
export { deliveriesOf, objectsInMessage, NotificationError } from './notifications';
export { processDelivery, processLogObject, RetryableError } from './process-object';
export type { IntelligenceOptions, ObjectOutcome } from './process-object';
export { groupFindings, alertMessage, alertSubject } from './alert-groups';
export { objectId, OUTPUT_PREFIXES } from './keys';
export { settingsFromEnvironment, ENVIRONMENT_VARIABLES } from './environment';
export type { FunctionSettings, ForwarderSetting } from './environment';
export { LocalAlertLedger, CollectingAlertPublisher } from './local';
