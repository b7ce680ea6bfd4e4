import { apiCall } from '../testing';
import type { Rule } from '../types';

/** A create-volume permission lets another account copy the disk. */
export const ebsSnapshotShared: Rule = {
  id: 'ebs-snapshot-shared',
  severity: 'high',
  title: 'EBS snapshot shared with another account or made public',
  references: ['stratus:aws.exfiltration.ec2-share-ebs-snapshot', 'attack:T1578.001'],
  filterPattern:
    '{ $.eventSource = "ec2.amazonaws.com" && $.eventName = "ModifySnapshotAttribute" ' +
    '&& ($.requestParameters.createVolumePermission.add.items[0].userId = "*" ' +
    '|| $.requestParameters.createVolumePermission.add.items[0].group = "all") }',
  positives: [
    apiCall('ec2', 'ModifySnapshotAttribute', {
      requestParameters: {
        snapshotId: 'snap-1',
        attributeType: 'CREATE_VOLUME_PERMISSION',
        createVolumePermission: { add: { items: [{ userId: '444455556666' }] } },
      },
    }),
  ],
  negatives: [
    apiCall('ec2', 'ModifySnapshotAttribute', {
      requestParameters: {
        snapshotId: 'snap-1',
        createVolumePermission: { remove: { items: [{ userId: '444455556666' }] } },
      },
    }),
  ],
};
