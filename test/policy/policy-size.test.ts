import {
  IAM_QUOTAS,
  boundedSize,
  policyCharacters,
  referenceBound,
  renderPolicyDocument,
  sizePolicy,
} from '../../stacks/policy/policy-size';
import { StackView } from '../../stacks/policy/stack-view';

/** A synthesized stack (Terraform JSON) with an AWS provider in `region` and the given resources and data. */
const view = (blocks: { resource?: object; data?: object }, region: unknown = 'eu-west-1') =>
  new StackView({ provider: { aws: [{ region }] }, ...blocks });

describe('policyCharacters', () => {
  it('counts every character but white space outside strings, as IAM counts a policy', () => {
    const minified = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    expect(policyCharacters(minified)).toBe(minified.length);
    expect(policyCharacters(JSON.stringify(JSON.parse(minified), null, 2))).toBe(minified.length);
    expect(policyCharacters('{ "Sid" : "a b" }')).toBe('{"Sid":"a b"}'.length);
    expect(policyCharacters('{"a":"x\\"y z"}')).toBe(14);
  });
});

describe('renderPolicyDocument', () => {
  it('renders a statement as the provider does: Effect Allow by default, one-element lists as strings', () => {
    const json = renderPolicyDocument({
      statement: [{ sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }],
    });
    expect(json).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}',
    );
    expect(policyCharacters(json)).toBe(124);
  });

  it('drops duplicates from sets, sorts lists in reverse, merges conditions of one test and renders principals', () => {
    const json = renderPolicyDocument({
      statement: [
        {
          effect: 'Deny',
          principals: [{ type: 'AWS', identifiers: ['*'] }],
          not_actions: ['s3:GetObject', 'kms:Decrypt', 's3:GetObject'],
          not_resources: ['arn:aws:s3:::a', 'arn:aws:s3:::b'],
          condition: [
            { test: 'StringEquals', variable: 'aws:ResourceAccount', values: ['111111111111'] },
            { test: 'StringEquals', variable: 'aws:PrincipalTag/team', values: ['a', 'b'] },
            { test: 'StringEquals', variable: 'aws:ResourceAccount', values: ['111111111111'] },
          ],
        },
        { principals: [{ type: '*', identifiers: ['*'] }], actions: ['sts:AssumeRole'] },
      ],
    });
    expect(JSON.parse(json)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          NotAction: ['s3:GetObject', 'kms:Decrypt'],
          NotResource: ['arn:aws:s3:::b', 'arn:aws:s3:::a'],
          Principal: { AWS: '*' },
          Condition: {
            StringEquals: { 'aws:ResourceAccount': '111111111111', 'aws:PrincipalTag/team': ['a', 'b'] },
          },
        },
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*' },
      ],
    });
  });

  it('escapes <, > and & as Go does, which IAM then counts', () => {
    const json = renderPolicyDocument({ statement: [{ actions: ['a:B'], resources: ['x&y'] }] });
    expect(json).toContain('"Resource":"x\\u0026y"');
  });

  it('refuses documents merged from others, whose statements it cannot see', () => {
    expect(() => renderPolicyDocument({ source_policy_documents: ['{}'] })).toThrow(/source_policy_documents/);
  });
});

describe('referenceBound', () => {
  const stack = view({
    resource: {
      aws_s3_bucket: { named: { bucket: 'logfed-prod-tfstate-222222222222' }, generated: {} },
      aws_kms_key: { key: {} },
      aws_iam_role: { apply: { name: 'logfed-prod-apply' }, pathed: { name: 'r', path: '/ci/' } },
      aws_iam_policy: { boundary: { name: 'logfed-prod-permissions-boundary' } },
      aws_iam_openid_connect_provider: { github: { url: 'https://token.actions.githubusercontent.com' } },
      aws_cloudwatch_log_group: { group: { name: '/aws/lambda/f' } },
    },
  });

  it.each([
    ['aws_s3_bucket.named.arn', 'arn:aws:s3:::logfed-prod-tfstate-222222222222'],
    ['aws_s3_bucket.generated.arn', `arn:aws:s3:::${'b'.repeat(63)}`],
    ['aws_kms_key.key.arn', 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['aws_iam_role.apply.arn', 'arn:aws:iam::222222222222:role/logfed-prod-apply'],
    ['aws_iam_role.apply.name', 'logfed-prod-apply'],
    ['aws_iam_role.pathed.arn', 'arn:aws:iam::222222222222:role/ci/r'],
    ['aws_iam_policy.boundary.arn', 'arn:aws:iam::222222222222:policy/logfed-prod-permissions-boundary'],
    [
      'aws_iam_openid_connect_provider.github.arn',
      'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com',
    ],
    ['aws_cloudwatch_log_group.group.arn', 'arn:aws:logs:eu-west-1:222222222222:log-group:/aws/lambda/f'],
    ['data.aws_caller_identity.current.account_id', '222222222222'],
  ])('bounds ${%s} by the length of %s', (expression, longest) => {
    expect(referenceBound(expression, stack)).toBe(longest.length);
  });

  it('takes the longest partition and region when the provider region is not a literal', () => {
    const unknown = view({ resource: { aws_kms_key: { key: {} } } }, '${var.region}');
    expect(referenceBound('aws_kms_key.key.arn', unknown)).toBe(
      'arn:aws-us-gov:kms:ap-southeast-7:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab'.length,
    );
  });

  it('has no bound for attributes and expressions it does not know', () => {
    expect(referenceBound('aws_s3_bucket.named.bucket_domain_name', stack)).toBeUndefined();
    expect(referenceBound('jsonencode(var.x)', stack)).toBeUndefined();
  });
});

describe('sizePolicy', () => {
  const stack = view({
    resource: {
      aws_s3_bucket: { state: { bucket: 'logfed-dev-tfstate-111111111111' } },
      aws_iam_policy: {
        referenced: { name: 'p', policy: '${data.aws_iam_policy_document.doc.json}' },
        literal: {
          name: 'q',
          policy: JSON.stringify(
            {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '${aws_s3_bucket.state.arn}' }],
            },
            null,
            2,
          ),
        },
        computed: { name: 'r', policy: '${jsonencode(local.p)}' },
      },
    },
    data: {
      aws_iam_policy_document: {
        doc: {
          '//': { metadata: { path: 'test/doc' } },
          statement: [
            { actions: ['s3:ListBucket'], resources: ['${aws_s3_bucket.state.arn}', '${aws_s3_bucket.state.arn}/*'] },
          ],
        },
      },
    },
  });
  const block = (name: string) => stack.resources().find((b) => b.name === name)!;

  it('sizes a referenced policy document with each interpolation at its bound', () => {
    const arn = 'arn:aws:s3:::logfed-dev-tfstate-111111111111';
    const expected = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":["${arn}/*","${arn}"]}]}`;
    expect(sizePolicy(block('referenced').config.policy, block('referenced'), stack)).toEqual({
      document: 'test/doc',
      characters: expected.length,
      unbounded: [],
    });
  });

  it('sizes a JSON policy string without its white space', () => {
    const expected =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::logfed-dev-tfstate-111111111111"}]}';
    expect(sizePolicy(block('literal').config.policy, block('literal'), stack)!.characters).toBe(expected.length);
  });

  it('reports what it cannot bound instead of guessing', () => {
    expect(sizePolicy(block('computed').config.policy, block('computed'), stack)!.unbounded).toEqual([
      '${jsonencode(local.p)}',
    ]);
    // `$${` is Terraform's escape for a literal `${` (an IAM policy variable), not an interpolation.
    expect(boundedSize('"$${aws:username}"', () => undefined)).toEqual({ characters: 17, unbounded: [] });
  });

  it('uses the IAM quotas of the user guide', () => {
    expect(IAM_QUOTAS).toEqual({
      managedPolicy: 6144,
      roleInlinePolicies: 10240,
      roleTrustPolicy: 2048,
      managedPoliciesPerRole: 10,
    });
  });
});
