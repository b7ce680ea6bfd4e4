import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { amazonSearchEndpoint, sigv4Authorizer, tokenFromSecret } from '../../src/forward/auth';
import { Batch } from '../../src/forward/batch';
import { stableEventId } from '../../src/forward/event-fields';
import { checkIndexPattern, indexFor, OpenSearchBulk } from '../../src/forward/opensearch';
import { spillRootOf } from '../../src/forward/replay';
import { backoffMs, DEFAULT_RETRY_POLICY, retryAfterMs } from '../../src/forward/retry';
import { SplunkHec, SPLUNK_SOURCETYPES } from '../../src/forward/splunk';
import type { SinkEvent, WireFormat } from '../../src/forward/types';

describe('backoff', () => {
  it('waits a uniform time below a doubling ceiling, capped', () => {
    expect(backoffMs(DEFAULT_RETRY_POLICY, 1, 0, () => 0.999)).toBe(249);
    expect(backoffMs(DEFAULT_RETRY_POLICY, 3, 0, () => 0.5)).toBe(500);
    expect(backoffMs(DEFAULT_RETRY_POLICY, 30, 0, () => 0.999)).toBe(19_980);
    expect(backoffMs(DEFAULT_RETRY_POLICY, 3, 0, () => 0)).toBe(0);
  });

  it('never resends sooner than Retry-After', () => {
    expect(backoffMs(DEFAULT_RETRY_POLICY, 1, 5000, () => 0.999)).toBe(5000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Thu, 03 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 03 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});

describe('document ids and index names', () => {
  it('uses eventID, else a hash of the record that is the same for the same record', () => {
    expect(stableEventId({ eventID: 'abc-1' })).toBe('abc-1');
    const record = { eventName: 'PutObject', eventTime: '2026-12-03T10:00:00Z' };
    expect(stableEventId(record)).toBe(`sha256-${createHash('sha256').update(JSON.stringify(record)).digest('hex')}`);
    expect(stableEventId({ ...record })).toBe(stableEventId(record));
    expect(stableEventId({ ...record, eventName: 'GetObject' })).not.toBe(stableEventId(record));
  });

  it('hashes an eventID that is not a short string (values from logs are hostile)', () => {
    expect(stableEventId({ eventID: 'x'.repeat(1000) })).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(stableEventId({ eventID: { $gt: '' } })).toMatch(/^sha256-/);
    expect(stableEventId({ eventID: '' })).toMatch(/^sha256-/);
  });

  it("names the index by the event's UTC day", () => {
    expect(indexFor('logfed-{date}', Date.parse('2026-12-03T23:30:00-02:00'))).toBe('logfed-2026.12.04');
    expect(indexFor('logfed-{date}', undefined)).toBe('logfed-undated');
    expect(indexFor('cloudtrail', Date.now())).toBe('cloudtrail');
  });

  it.each(['Logs-{date}', 'logs {date}', '_logs', 'a/b', 'a,b'])('refuses the index pattern %j', (pattern) => {
    expect(() => checkIndexPattern(pattern)).toThrow(/is not a valid index name pattern/);
  });

  it('writes a create action and the record, each on one line', () => {
    const line = wire(new OpenSearchBulk('logs-{date}'), {
      event: { eventID: 'e1', eventTime: '2026-12-03T10:00:00Z', note: 'a\nb' },
      source: 'x',
      kind: 'cloudtrail',
    }).toString();
    expect(line).toBe(
      '{"create":{"_index":"logs-2026.12.03","_id":"e1"}}\n{"eventID":"e1","eventTime":"2026-12-03T10:00:00Z","note":"a\\nb"}\n',
    );
  });
});

/** An event as a wire format writes it into a request body. */
function wire(format: WireFormat, event: SinkEvent): Buffer {
  const batch = new Batch(0);
  batch.add(format.encode(event), event.source, event.kind);
  return batch.bytes();
}

describe("the reader's JSON text", () => {
  // Not what JSON.stringify writes: a space, a number beyond double precision, an escaped é.
  const text = '{"eventID":"e1", "eventTime":"2026-12-03T10:00:00Z","n":12345678901234567890,"s":"\\u00e9"}';
  const event = JSON.parse(text) as Record<string, unknown>;

  it('goes into the HEC envelope as read, and back out when the event must be spilled', () => {
    const hec = new SplunkHec();
    const encoded = wire(hec, { event, json: Buffer.from(text), source: '/tmp/t.json', kind: 'cloudtrail' });
    expect(encoded.toString().endsWith(`"sourcetype":"aws:cloudtrail","event":${text}}`)).toBe(true);
    expect(JSON.parse(encoded.toString()).time).toBe(1796292000);
    expect(hec.decode(encoded)).toEqual(event);
  });

  it('is the _bulk document line as read', () => {
    const bulk = new OpenSearchBulk('logs-{date}');
    const encoded = wire(bulk, { event, json: Buffer.from(text), source: 'x', kind: 'cloudtrail' });
    expect(encoded.toString()).toBe(`{"create":{"_index":"logs-2026.12.03","_id":"e1"}}\n${text}\n`);
    expect(bulk.decode(encoded)).toEqual(event);
  });

  it('is serialised again, on one line, when it spans lines', () => {
    const json = Buffer.from(JSON.stringify(event, null, 2));
    const bulk = wire(new OpenSearchBulk('logs-{date}'), { event, json, source: 'x', kind: 'cloudtrail' });
    expect(bulk.toString().split('\n')).toEqual([
      '{"create":{"_index":"logs-2026.12.03","_id":"e1"}}',
      JSON.stringify(event),
      '',
    ]);
    const hec = wire(new SplunkHec(), { event, json, source: 'x', kind: 'cloudtrail' }).toString();
    expect(hec.endsWith(`"event":${JSON.stringify(event)}}`)).toBe(true);
  });
});

describe('batches', () => {
  const batchOf = (...texts: string[]) => {
    const batch = new Batch(4);
    texts.forEach((text, i) => batch.add({ head: '', json: Buffer.from(text), tail: '' }, `source-${i}`, 'ndjson'));
    return batch;
  };

  it('lay events end to end as the request body, growing past the expected size', () => {
    const batch = new Batch(0);
    for (let i = 0; i < 3000; i++) batch.add({ head: '{"é":', json: String(i), tail: '}\n' }, 'here', 'ndjson');
    batch.add({ head: '[', json: Buffer.from('"ü"'), tail: ']\n' }, 'there', 'json-array');
    const lines = batch.bytes().toString().split('\n');
    expect(lines.slice(0, 2)).toEqual(['{"é":0}', '{"é":1}']);
    expect(lines.slice(-3)).toEqual(['{"é":2999}', '["ü"]', '']);
    expect([batch.length, batch.byteLength]).toEqual([3001, Buffer.byteLength(lines.join('\n'))]);
    expect(batch.bytesAt(2999).toString()).toBe('{"é":2999}\n');
    expect([batch.sourceAt(3000), batch.kindAt(3000)]).toEqual(['there', 'json-array']);
  });

  it('hand the event that made them too large to the next batch', () => {
    const batch = batchOf('a', 'bb', 'ccc');
    const next = batch.takeLast(16);
    expect([batch.bytes().toString(), batch.length, batch.byteLength]).toEqual(['abb', 2, 3]);
    expect([next.bytes().toString(), next.sourceAt(0)]).toEqual(['ccc', 'source-2']);
    batch.add({ head: '', json: 'd', tail: '' }, 'later', 'ndjson');
    expect(batch.bytes().toString()).toBe('abbd');
  });

  it('split into halves and into the events to resend, keeping where each came from', () => {
    const batch = batchOf('a', 'bb', 'ccc', 'dddd');
    expect(batch.slice(0, 2).bytes().toString()).toBe('abb');
    expect(batch.slice(2).bytes().toString()).toBe('cccdddd');
    const picked = batch.pick([3, 1]);
    expect(picked.bytes().toString()).toBe('ddddbb');
    expect([picked.sourceAt(0), picked.sourceAt(1)]).toEqual(['source-3', 'source-1']);
    expect(batch.pick([]).length).toBe(0);
  });
});

describe('HEC envelopes', () => {
  it('carries time in epoch seconds, host, source, sourcetype, index and the record', () => {
    const event = { eventID: 'e1', eventTime: '2026-12-03T10:00:00.250Z' };
    const envelope = JSON.parse(
      wire(new SplunkHec({ index: 'aws' }), {
        event,
        source: 's3://trail-bucket/AWSLogs/x.json.gz',
        kind: 'cloudtrail',
      }).toString(),
    );
    expect(envelope).toEqual({
      time: 1796292000.25,
      host: 'trail-bucket',
      source: 's3://trail-bucket/AWSLogs/x.json.gz',
      sourcetype: 'aws:cloudtrail',
      index: 'aws',
      event,
    });
  });

  it('leaves out time and index when there are none', () => {
    const envelope = JSON.parse(
      wire(new SplunkHec(), { event: { a: 1 }, source: '/tmp/x.ndjson', kind: 'ndjson' }).toString(),
    );
    expect(Object.keys(envelope)).toEqual(['host', 'source', 'sourcetype', 'event']);
    expect(envelope.sourcetype).toBe('_json');
  });

  it('has the sourcetypes docs/forwarding.md lists for the log kinds that carry events', () => {
    const docs = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'forwarding.md'), 'utf8');
    const table = docs.slice(docs.indexOf('| log kind'), docs.indexOf('\n\n', docs.indexOf('| log kind')));
    const documented = [...table.matchAll(/\| `([^`]+)` +\|$/gm)].map((m) => m[1]);
    const carrying = (
      ['cloudtrail', 'json-array', 'ndjson', 'emr', 'datapipeline', 'redshift-load-errors'] as const
    ).map((kind) => SPLUNK_SOURCETYPES[kind]);
    expect(documented.slice(1)).toEqual([...new Set(carrying)]); // the first is the header, `sourcetype`
  });
});

describe('credentials', () => {
  it('reads a secret as the bare token, JSON token, or JSON username and password', () => {
    expect(tokenFromSecret(' abc \n')).toBe('abc');
    expect(tokenFromSecret('{"token":"t-1"}')).toBe('t-1');
    expect(tokenFromSecret('{"username":"u","password":"p:w"}')).toBe('u:p:w');
    expect(() => tokenFromSecret('{"user":"u"}')).toThrow(/without "token" or "username" and "password"/);
  });

  it('recognises Amazon OpenSearch endpoints and their region', () => {
    expect(amazonSearchEndpoint(new URL('https://search-logs-abc123.eu-west-1.es.amazonaws.com'))).toEqual({
      service: 'es',
      region: 'eu-west-1',
    });
    expect(amazonSearchEndpoint(new URL('https://x1y2z3.us-east-1.aoss.amazonaws.com'))).toEqual({
      service: 'aoss',
      region: 'us-east-1',
    });
    expect(amazonSearchEndpoint(new URL('https://search.example.com'))).toBeUndefined();
  });

  it('signs with SigV4 for the service and region, with the body hash', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'session',
    });
    try {
      const url = new URL('https://x1y2z3.us-east-1.aoss.amazonaws.com/_bulk');
      const body = Buffer.from('{"create":{}}\n{}\n');
      const headers = await sigv4Authorizer(
        'aoss',
        'us-east-1',
      )({
        url,
        method: 'POST',
        headers: { host: url.host, 'content-type': 'application/x-ndjson' },
        body,
      });
      expect(headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/aoss\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
      );
      expect(headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
      expect(headers['x-amz-security-token']).toBe('session');
    } finally {
      process.env = saved;
    }
  });
});

describe('spill locations', () => {
  it('replays into the folder above undelivered/', () => {
    expect(spillRootOf('s3://bucket/runs/undelivered/splunk/2026/12/03/x.ndjson.gz')).toBe('s3://bucket/runs');
    expect(spillRootOf('/var/spill/undelivered')).toBe('/var/spill');
    expect(spillRootOf('undelivered/opensearch/')).toBe('.');
    expect(spillRootOf('/var/spill')).toBe('/var/spill');
  });
});
