import { createForwarder, ForwardCounts, forwardObjects, SinkName } from '../../src/forward';
import { Fault, FakeSink, startFakeSink } from '../helpers/sinks';
import { CLOUDTRAIL, fixtureEventIds, idsOf, spilledRecords, tempDir } from './helpers';

/**
 * For each fault a sink can show, forwarding real CloudTrail must end with every event either stored once or
 * spilled: stored ids = read ids minus spilled ids, no id stored twice, delivered + spilled = read.
 */
const TOKEN = 'hec-token-for-tests';
const PROTOCOL = { splunk: 'hec', opensearch: 'bulk' } as const;

interface Case {
  readonly name: string;
  readonly faults?: (request: number) => Fault | undefined;
  readonly maxBodyBytes?: number;
  readonly sinks: readonly SinkName[];
  /** Whether the fault must leave something spilled (413 on an event larger than the limit). */
  readonly spills?: RegExp;
  /** More to check for this fault. */
  readonly then?: (server: FakeSink, counts: ForwardCounts) => void;
}

/** A throttled request is sent again, the same body, no sooner than its `Retry-After`. */
function honoursRetryAfter(server: FakeSink): void {
  const throttled = server.arrivals.filter((arrival) => arrival.fault === 'throttle');
  expect(throttled.length).toBeGreaterThan(0);
  for (const first of throttled) {
    const again = server.arrivals.find((later) => later.bodyHash === first.bodyHash && later.at > first.at);
    expect(again!.at - first.at).toBeGreaterThanOrEqual(1000);
  }
}

/** Every other request fails, each way in turn. */
const MIXED: readonly (Fault | undefined)[] = [
  { kind: 'throttle', retryAfterSeconds: 1 },
  undefined,
  { kind: 'unavailable' },
  undefined,
  { kind: 'reset' },
  undefined,
  { kind: 'slow', delayMs: 1500 },
  undefined,
  { kind: 'item-failures' },
  undefined,
];

const CASES: readonly Case[] = [
  {
    name: '429 with Retry-After',
    faults: (n) => (n <= 2 ? { kind: 'throttle', retryAfterSeconds: 1 } : undefined),
    sinks: ['splunk', 'opensearch'],
    then: honoursRetryAfter,
  },
  { name: '503', faults: (n) => (n % 3 === 0 ? { kind: 'unavailable' } : undefined), sinks: ['splunk', 'opensearch'] },
  {
    name: 'connection resets mid-request',
    faults: (n) => (n % 4 === 0 ? { kind: 'reset' } : undefined),
    sinks: ['splunk', 'opensearch'],
  },
  {
    name: 'answers slower than the timeout (HEC drops a request whose client left)',
    faults: (n) => (n % 5 === 0 ? { kind: 'slow', delayMs: 1500 } : undefined),
    sinks: ['splunk'],
  },
  {
    name: 'answers slower than the timeout, after storing',
    faults: (n) => (n % 5 === 0 ? { kind: 'slow', delayMs: 1500 } : undefined),
    sinks: ['opensearch'],
    // The resent batch meets its own documents: 409 per item, counted as delivered and as duplicates.
    then: (_server, counts) => expect(counts.duplicates).toBeGreaterThan(0),
  },
  {
    name: '413 above a size',
    maxBodyBytes: 4000,
    sinks: ['splunk', 'opensearch'],
    spills: /^too large for the sink \(HTTP 413, \d+ bytes\)$/,
  },
  {
    name: '200 with item failures',
    faults: (n) => (n % 2 === 1 ? { kind: 'item-failures' } : undefined),
    sinks: ['opensearch'],
  },
  {
    name: 'all of them at once',
    faults: (n) => MIXED[n % MIXED.length],
    maxBodyBytes: 4000,
    sinks: ['opensearch'],
    spills: /^too large for the sink/,
  },
];

const ids = fixtureEventIds();

describe.each(CASES.flatMap((c) => c.sinks.map((sink) => [`${sink}: ${c.name}`, sink, c] as const)))(
  '%s',
  (_title, sink, c) => {
    let server: FakeSink;
    beforeAll(async () => {
      server = await startFakeSink({
        protocol: PROTOCOL[sink],
        credential: sink === 'splunk' ? TOKEN : undefined,
        faults: c.faults,
        maxBodyBytes: c.maxBodyBytes,
      });
    });
    afterAll(() => server.stop());

    it('stores every event read exactly once, or spills it', async () => {
      const spill = tempDir('faults');
      const forwarder = createForwarder({
        to: sink,
        endpoint: server.endpoint,
        token: sink === 'splunk' ? TOKEN : undefined,
        spill,
        maxRequestBytes: 16 * 1024,
        timeoutMs: 500,
        retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 12 },
      });
      await forwardObjects([CLOUDTRAIL], forwarder);
      const spilled = idsOf(await spilledRecords(spill));

      expect(Object.keys(server.faultsInjected()).length).toBeGreaterThan(0);
      expect(new Set(server.stored)).toEqual(new Set(ids.filter((id) => !spilled.includes(id))));
      expect(server.stored.length).toBe(new Set(server.stored).size);
      expect(forwarder.counts.read).toBe(ids.length);
      expect(forwarder.counts.delivered + forwarder.counts.spilled).toBe(forwarder.counts.read);
      expect(forwarder.counts.spilled).toBe(spilled.length);
      if (c.then) c.then(server, forwarder.counts);
      if (c.spills) {
        expect(spilled.length).toBeGreaterThan(0);
        for (const record of await spilledRecords(spill)) expect(record.reason).toMatch(c.spills);
      } else {
        expect(spilled).toEqual([]);
      }
    });
  },
);
