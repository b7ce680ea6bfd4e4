import { apiCall } from '../testing';
import type { Rule } from '../types';

/** A lifecycle configuration is a script that runs as root on the notebook instance when it starts. */
export const sagemakerLifecycleConfigChanged: Rule = {
  id: 'sagemaker-lifecycle-config-changed',
  severity: 'medium',
  title: 'SageMaker notebook lifecycle configuration changed',
  references: ['stratus:aws.execution.sagemaker-update-lifecycle-config'],
  filterPattern:
    '{ $.eventSource = "sagemaker.amazonaws.com" ' +
    '&& ($.eventName = "CreateNotebookInstanceLifecycleConfig" ' +
    '|| $.eventName = "UpdateNotebookInstanceLifecycleConfig" ' +
    '|| ($.eventName = "UpdateNotebookInstance" && $.requestParameters.lifecycleConfigName = "*")) }',
  positives: [
    apiCall('sagemaker', 'CreateNotebookInstanceLifecycleConfig'),
    apiCall('sagemaker', 'UpdateNotebookInstance', {
      requestParameters: { notebookInstanceName: 'nb', lifecycleConfigName: 'evil' },
    }),
  ],
  negatives: [
    apiCall('sagemaker', 'UpdateNotebookInstance', {
      requestParameters: { notebookInstanceName: 'nb', instanceType: 'ml.t3.large' },
    }),
  ],
};
