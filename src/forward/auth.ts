import type { Authorizer } from './http';
import type { SinkName } from './types';

/** The environment variable the CLI reads a sink's token from (a HEC token, or `user:password`). */
export const TOKEN_VARIABLE = 'LOGFED_SINK_TOKEN';

/** A token or secret that cannot be had; the message names it and says why, never its value. */
export class CredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialError';
  }
}

/**
 * Reads a secret's string from Secrets Manager by name. Accepted contents: the bare token (or `user:password`),
 * or JSON with `token`, or with `username` and `password`.
 */
export async function readSecretToken(name: string): Promise<string> {
  // Loaded here: the SDK client costs start-up time that runs without a secret should not pay.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sm = require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager');
  const client = new sm.SecretsManagerClient({});
  let text: string | undefined;
  try {
    text = (await client.send(new sm.GetSecretValueCommand({ SecretId: name }))).SecretString;
  } catch (error) {
    const e = error as { name?: string; message?: string };
    if (e.name === 'ResourceNotFoundException') throw new CredentialError(`secret "${name}" does not exist`);
    throw new CredentialError(`cannot read secret "${name}": ${e.name ?? 'Error'}: ${e.message ?? String(error)}`);
  } finally {
    client.destroy();
  }
  if (!text) throw new CredentialError(`secret "${name}" has no string value`);
  return tokenFromSecret(text);
}

/** The token in a secret's text: the text itself, or `token`, or `username:password` from JSON. */
export function tokenFromSecret(text: string): string {
  if (!text.trimStart().startsWith('{')) return text.trim();
  let value: { token?: unknown; username?: unknown; password?: unknown };
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    return text.trim();
  }
  if (typeof value.token === 'string') return value.token;
  if (typeof value.username === 'string' && typeof value.password === 'string') {
    return `${value.username}:${value.password}`;
  }
  throw new CredentialError('the secret is JSON without "token" or "username" and "password"');
}

/** The header a sink expects for a token: `Splunk <token>` for HEC, basic auth from `user:password` otherwise. */
export function tokenAuthorizer(sink: SinkName, token: string): Authorizer {
  if (sink === 'splunk') {
    const header = `Splunk ${token}`;
    return async () => ({ authorization: header });
  }
  if (!token.includes(':')) {
    throw new CredentialError('an OpenSearch credential must be user:password');
  }
  const header = `Basic ${Buffer.from(token).toString('base64')}`;
  return async () => ({ authorization: header });
}

/** The SigV4 service of an Amazon OpenSearch endpoint: `es` for a domain, `aoss` for a serverless collection. */
export type AwsSearchService = 'es' | 'aoss';

/** Service and region of an Amazon OpenSearch endpoint, told by its host name; undefined for other hosts. */
export function amazonSearchEndpoint(url: URL): { service: AwsSearchService; region: string } | undefined {
  const match = /\.([a-z0-9-]+)\.(es|aoss)\.amazonaws\.com$/.exec(url.hostname);
  return match ? { service: match[2] as AwsSearchService, region: match[1] } : undefined;
}

/**
 * Signs each request with SigV4 for Amazon OpenSearch Service (`es`) or Serverless (`aoss`, which also needs
 * the body's hash in `x-amz-content-sha256`), with credentials from the default chain (environment, profile,
 * container or instance role).
 */
export function sigv4Authorizer(service: AwsSearchService, region: string): Authorizer {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { SignatureV4 } = require('@smithy/signature-v4') as typeof import('@smithy/signature-v4');
  const { Sha256 } = require('@aws-crypto/sha256-js') as typeof import('@aws-crypto/sha256-js');
  const { defaultProvider } =
    require('@aws-sdk/credential-provider-node') as typeof import('@aws-sdk/credential-provider-node');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const signer = new SignatureV4({ service, region, credentials: defaultProvider(), sha256: Sha256 });
  return async ({ url, method, headers, body }) => {
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, key) => (query[key] = value));
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers: { ...headers },
      body,
    });
    return signed.headers;
  };
}
