import { amazonSearchEndpoint, AwsSearchService, CredentialError, sigv4Authorizer, tokenAuthorizer } from './auth';
import { Forwarder } from './forwarder';
import { Authorizer, HttpClient } from './http';
import { OpenSearchBulk } from './opensearch';
import type { RetryPolicy } from './retry';
import { SpillWriter } from './spill';
import { SplunkHec } from './splunk';
import type { SinkName, WireFormat } from './types';

export interface SinkSettings {
  readonly to: SinkName;
  /** Base URL of the sink, e.g. `https://splunk.example.com:8088` or `https://search-logs.eu-west-1.es.amazonaws.com`. */
  readonly endpoint: string;
  /** Splunk index, or the OpenSearch index pattern (`{date}` becomes the event's day). */
  readonly index?: string;
  /** HEC token, or `user:password` for OpenSearch basic auth; never needed for SigV4. */
  readonly token?: string;
  /** Sign with SigV4 for this service; by default Amazon OpenSearch endpoints are recognised by host name. */
  readonly sigv4?: AwsSearchService;
  /** Splunk only: wait for indexer acknowledgement. */
  readonly ack?: boolean;
  /** Folder or `s3://` prefix under which undeliverable events are written (`undelivered/…`). */
  readonly spill: string;
  /** Epoch milliseconds after which what is left is spilled. */
  readonly deadline?: number;
  /** Per-request limit in milliseconds. @default 30000 */
  readonly timeoutMs?: number;
  readonly maxRequestBytes?: number;
  readonly concurrency?: number;
  readonly retry?: Partial<RetryPolicy>;
}

/** A forwarder for one sink from plain settings: wire format, authentication, HTTP client and spill. */
export function createForwarder(settings: SinkSettings): Forwarder {
  let url: URL;
  try {
    url = new URL(settings.endpoint);
  } catch {
    throw new Error(`endpoint "${settings.endpoint}" is not a URL`);
  }
  const format: WireFormat =
    settings.to === 'splunk'
      ? new SplunkHec({ index: settings.index, ack: settings.ack })
      : new OpenSearchBulk(settings.index);
  const concurrency = settings.concurrency ?? 4;
  const http = new HttpClient(url, {
    timeoutMs: settings.timeoutMs,
    authorize: authorizerFor(settings, url),
    maxSockets: concurrency,
  });
  return new Forwarder({
    format,
    http,
    spill: new SpillWriter(settings.spill, settings.to),
    maxRequestBytes: settings.maxRequestBytes,
    concurrency,
    retry: settings.retry,
    deadline: settings.deadline,
  });
}

function authorizerFor(settings: SinkSettings, url: URL): Authorizer | undefined {
  if (settings.to === 'opensearch') {
    const aws = settings.sigv4 ? { service: settings.sigv4, region: regionFor(url) } : amazonSearchEndpoint(url);
    if (aws) return sigv4Authorizer(aws.service, aws.region);
  }
  if (settings.token !== undefined) return tokenAuthorizer(settings.to, settings.token);
  if (settings.to === 'splunk') throw new CredentialError('Splunk HEC needs a token');
  return undefined;
}

function regionFor(url: URL): string {
  const region = amazonSearchEndpoint(url)?.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new CredentialError('SigV4 needs a region: set AWS_REGION');
  return region;
}
