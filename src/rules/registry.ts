import { cisCloudwatch1 } from './cis/cis-cloudwatch-1';
import { cisCloudwatch2 } from './cis/cis-cloudwatch-2';
import { cisCloudwatch3 } from './cis/cis-cloudwatch-3';
import { cisCloudwatch4 } from './cis/cis-cloudwatch-4';
import { cisCloudwatch5 } from './cis/cis-cloudwatch-5';
import { cisCloudwatch6 } from './cis/cis-cloudwatch-6';
import { cisCloudwatch7 } from './cis/cis-cloudwatch-7';
import { cisCloudwatch8 } from './cis/cis-cloudwatch-8';
import { cisCloudwatch9 } from './cis/cis-cloudwatch-9';
import { cisCloudwatch10 } from './cis/cis-cloudwatch-10';
import { cisCloudwatch11 } from './cis/cis-cloudwatch-11';
import { cisCloudwatch12 } from './cis/cis-cloudwatch-12';
import { cisCloudwatch13 } from './cis/cis-cloudwatch-13';
import { cisCloudwatch14 } from './cis/cis-cloudwatch-14';
import { cloudtrailDeleted } from './cloudtrail/cloudtrail-deleted';
import { cloudtrailStopped } from './cloudtrail/cloudtrail-stopped';
import { dataPipelineActivityFailed } from './pipeline/data-pipeline-activity-failed';
import { emrClusterTerminatedWithErrors } from './pipeline/emr-cluster-terminated-with-errors';
import { emrStepFailed } from './pipeline/emr-step-failed';
import { redshiftLoadError } from './pipeline/redshift-load-error';
import { stepFunctionsExecutionFailed } from './pipeline/step-functions-execution-failed';
import type { Rule } from './types';

/** Every rule, in the order findings are listed; the Lambda, the CLI and the monitoring stack all read this. */
export const RULES: readonly Rule[] = [
  // CIS AWS Foundations monitoring controls (also deployed as CloudWatch metric filters)
  cisCloudwatch1,
  cisCloudwatch2,
  cisCloudwatch3,
  cisCloudwatch4,
  cisCloudwatch5,
  cisCloudwatch6,
  cisCloudwatch7,
  cisCloudwatch8,
  cisCloudwatch9,
  cisCloudwatch10,
  cisCloudwatch11,
  cisCloudwatch12,
  cisCloudwatch13,
  cisCloudwatch14,
  // CloudTrail detections (Stratus Red Team techniques)
  cloudtrailDeleted,
  cloudtrailStopped,
  // Pipeline health
  emrStepFailed,
  emrClusterTerminatedWithErrors,
  stepFunctionsExecutionFailed,
  dataPipelineActivityFailed,
  redshiftLoadError,
];
