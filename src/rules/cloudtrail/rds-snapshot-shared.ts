import { apiCall } from '../testing';
import type { Rule } from '../types';

/** A restore permission lets another account (or everyone, with "all") restore the database. */
export const rdsSnapshotShared: Rule = {
  id: 'rds-snapshot-shared',
  severity: 'high',
  title: 'RDS snapshot shared with another account or made public',
  references: ['stratus:aws.exfiltration.rds-share-snapshot', 'attack:T1496.A007'],
  filterPattern:
    '{ $.eventSource = "rds.amazonaws.com" && ($.eventName = "ModifyDBSnapshotAttribute" ' +
    '|| $.eventName = "ModifyDBClusterSnapshotAttribute") ' +
    '&& $.requestParameters.attributeName = "restore" && $.requestParameters.valuesToAdd[0] = "*" }',
  positives: [
    apiCall('rds', 'ModifyDBSnapshotAttribute', {
      requestParameters: { dBSnapshotIdentifier: 'db-snap', attributeName: 'restore', valuesToAdd: ['444455556666'] },
    }),
  ],
  negatives: [
    apiCall('rds', 'ModifyDBSnapshotAttribute', {
      requestParameters: {
        dBSnapshotIdentifier: 'db-snap',
        attributeName: 'restore',
        valuesToRemove: ['444455556666'],
      },
    }),
  ],
};
