import { SEVERITIES, type Severity } from '../summary/types';

/**
 * The function's settings as environment variables; the intelligence stack sets them. Forwarder settings name
 * the endpoint and the Secrets Manager secret that holds the token, never the token itself.
 */
export const ENVIRONMENT_VARIABLES = {
  intelligenceBucket: 'INTELLIGENCE_BUCKET',
  alertsTopicArn: 'ALERTS_TOPIC_ARN',
  alertMinSeverity: 'ALERT_MIN_SEVERITY',
  splunkEndpoint: 'SPLUNK_ENDPOINT',
  splunkSecretName: 'SPLUNK_SECRET_NAME',
  opensearchEndpoint: 'OPENSEARCH_ENDPOINT',
  opensearchSecretName: 'OPENSEARCH_SECRET_NAME',
} as const;

/**
 * The function's metric of the SQS records it answered as failed (`batchItemFailures`), one value per invocation
 * in its Powertools namespace; the intelligence stack alarms on it.
 */
export const FAILED_RECORDS_METRIC = 'FailedRecords';

export interface ForwarderSetting {
  readonly endpoint: string;
  readonly secretName: string;
}

export interface FunctionSettings {
  /** `s3://<intelligence bucket>` */
  readonly output: string;
  readonly alertsTopicArn: string;
  readonly minSeverity: Severity;
  readonly forwarders: { readonly splunk?: ForwarderSetting; readonly opensearch?: ForwarderSetting };
}

/** Reads the settings; a missing or wrong variable throws naming it, so a bad deployment fails on its first event. */
export function settingsFromEnvironment(env: Readonly<Record<string, string | undefined>>): FunctionSettings {
  const names = ENVIRONMENT_VARIABLES;
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`environment variable ${name} is not set`);
    return value;
  };
  const minSeverity = env[names.alertMinSeverity] ?? 'medium';
  if (!SEVERITIES.includes(minSeverity as Severity)) {
    throw new Error(`environment variable ${names.alertMinSeverity}: expected one of ${SEVERITIES.join(', ')}`);
  }
  const forwarder = (endpoint: string, secretName: string): ForwarderSetting | undefined =>
    env[endpoint] ? { endpoint: env[endpoint]!, secretName: required(secretName) } : undefined;
  const splunk = forwarder(names.splunkEndpoint, names.splunkSecretName);
  const opensearch = forwarder(names.opensearchEndpoint, names.opensearchSecretName);
  return {
    output: `s3://${required(names.intelligenceBucket)}`,
    alertsTopicArn: required(names.alertsTopicArn),
    minSeverity: minSeverity as Severity,
    forwarders: { ...(splunk && { splunk }), ...(opensearch && { opensearch }) },
  };
}
