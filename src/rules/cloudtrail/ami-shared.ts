import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Adding a launch permission lets another account copy the image, and the data on its volumes. */
export const amiShared: Rule = {
  id: 'ami-shared',
  severity: 'high',
  title: 'AMI shared with another account or made public',
  references: ['stratus:aws.exfiltration.ec2-share-ami'],
  filterPattern:
    '{ $.eventSource = "ec2.amazonaws.com" && $.eventName = "ModifyImageAttribute" ' +
    '&& ($.requestParameters.launchPermission.add.items[0].userId = "*" ' +
    '|| $.requestParameters.launchPermission.add.items[0].group = "all" ' +
    '|| $.requestParameters.launchPermission.add.items[0].organizationArn = "*") }',
  positives: [
    apiCall('ec2', 'ModifyImageAttribute', {
      requestParameters: {
        imageId: 'ami-1',
        attributeType: 'launchPermission',
        launchPermission: { add: { items: [{ userId: '444455556666' }] } },
      },
    }),
    apiCall('ec2', 'ModifyImageAttribute', {
      requestParameters: { imageId: 'ami-1', launchPermission: { add: { items: [{ group: 'all' }] } } },
    }),
  ],
  negatives: [
    apiCall('ec2', 'ModifyImageAttribute', {
      requestParameters: { imageId: 'ami-1', launchPermission: { remove: { items: [{ userId: '444455556666' }] } } },
    }),
    apiCall('ec2', 'ModifyImageAttribute', { requestParameters: { imageId: 'ami-1', description: { value: 'x' } } }),
  ],
};
