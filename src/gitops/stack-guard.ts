/** The only provider a synthesized stack may use (`aws` is Terraform's short form of `hashicorp/aws`). */
export const ALLOWED_PROVIDER_SOURCES = ['aws', 'hashicorp/aws', 'registry.terraform.io/hashicorp/aws'];

/** Data sources that run programs or reach the network while Terraform plans. */
const FORBIDDEN_DATA_SOURCES = ['external', 'http'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What in one synthesized stack (`cdk.tf.json`) would run code or reach other systems during `terraform plan`:
 * providers other than the AWS provider, `external` and `http` data sources, provisioners and modules (which
 * bring their own). A pull request controls this JSON, and the plan job runs it with the plan role.
 * Returns one line per finding, empty when the stack is safe to plan.
 */
export function unsafeToPlan(stack: unknown): string[] {
  if (!isObject(stack)) return ['not a Terraform JSON object'];
  const findings: string[] = [];
  const terraform = isObject(stack.terraform) ? stack.terraform : {};
  const required = isObject(terraform.required_providers) ? terraform.required_providers : {};
  for (const [name, spec] of Object.entries(required)) {
    const source = isObject(spec) ? String(spec.source ?? name) : String(name);
    if (!ALLOWED_PROVIDER_SOURCES.includes(source.toLowerCase()))
      findings.push(`required provider ${JSON.stringify(name)} comes from ${JSON.stringify(source)}`);
  }
  for (const name of Object.keys(isObject(stack.provider) ? stack.provider : {})) {
    if (name !== 'aws') findings.push(`provider ${JSON.stringify(name)} is not the AWS provider`);
  }
  const data = isObject(stack.data) ? stack.data : {};
  for (const type of Object.keys(data)) {
    if (FORBIDDEN_DATA_SOURCES.includes(type) || !type.startsWith('aws_'))
      findings.push(`data source type ${JSON.stringify(type)} may run code or reach the network`);
  }
  const resources = isObject(stack.resource) ? stack.resource : {};
  for (const [type, byName] of Object.entries(resources)) {
    if (!type.startsWith('aws_')) findings.push(`resource type ${JSON.stringify(type)} is not an AWS resource`);
    for (const [name, config] of Object.entries(isObject(byName) ? byName : {})) {
      if (isObject(config) && config.provisioner !== undefined) findings.push(`${type}.${name} has a provisioner`);
    }
  }
  if (stack.module !== undefined) findings.push('modules are not allowed (they bring their own providers and code)');
  return findings;
}
