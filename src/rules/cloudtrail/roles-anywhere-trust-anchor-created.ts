import { apiCall } from '../testing';
import type { Rule } from '../types';

/** A trust anchor lets anyone holding a certificate from that CA obtain role credentials from outside AWS. */
export const rolesAnywhereTrustAnchorCreated: Rule = {
  id: 'roles-anywhere-trust-anchor-created',
  severity: 'high',
  title: 'IAM Roles Anywhere trust anchor or profile created',
  references: ['stratus:aws.persistence.rolesanywhere-create-trust-anchor'],
  filterPattern:
    '{ $.eventSource = "rolesanywhere.amazonaws.com" && ($.eventName = "CreateTrustAnchor" ' +
    '|| $.eventName = "CreateProfile") }',
  positives: [
    apiCall('rolesanywhere', 'CreateTrustAnchor', { requestParameters: { name: 'anchor', enabled: true } }),
    apiCall('rolesanywhere', 'CreateProfile'),
  ],
  negatives: [apiCall('rolesanywhere', 'ListTrustAnchors', { readOnly: true })],
};
