import { createForwarder, forwardObjects } from '../../src/forward';
import { OpenSearchNode, startOpenSearch } from '../helpers/opensearch';
import { CLOUDTRAIL, fixtureEventIds, idsOf, spilledRecords, tempDir } from './helpers';

/**
 * A real OpenSearch 2.19 node (built from Maven Central artifacts, Java 17) behind `_bulk`: a strict mapping
 * that omits two CloudTrail fields makes the node reject the records that carry them, as mapping errors do.
 */
const STRICT_TEMPLATE = {
  index_patterns: ['logfed-*'],
  template: {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: {
      dynamic: 'strict',
      properties: {
        ...Object.fromEntries(
          [
            'eventVersion',
            'eventID',
            'eventName',
            'eventSource',
            'awsRegion',
            'sourceIPAddress',
            'userAgent',
            'eventType',
            'eventCategory',
            'recipientAccountId',
            'requestID',
            'errorCode',
          ].map((name) => [name, { type: 'keyword' }]),
        ),
        eventTime: { type: 'date' },
        errorMessage: { type: 'text' },
        readOnly: { type: 'boolean' },
        managementEvent: { type: 'boolean' },
        // Free-form parts of a record are kept in the document but not indexed.
        ...Object.fromEntries(
          ['userIdentity', 'requestParameters', 'responseElements', 'tlsDetails'].map((name) => [
            name,
            { type: 'object', enabled: false },
          ]),
        ),
        // `resources` and `additionalEventData` are left out on purpose: records with them are rejected.
      },
    },
  },
};

let node: OpenSearchNode;

beforeAll(async () => {
  node = await startOpenSearch();
  process.stderr.write(
    `OpenSearch node: ${node.startMs} ms from start to ready` +
      `${node.buildMs ? ` (after a ${node.buildMs} ms Maven build)` : ' (cached build)'}\n`,
  );
  const created = await node.request('PUT', '/_index_template/logfed', STRICT_TEMPLATE);
  expect(created.status).toBe(200);
}, 600_000);

afterAll(async () => {
  await node?.stop();
});

async function documentCount(): Promise<number> {
  await node.request('POST', '/logfed-*/_refresh');
  return (await node.request<{ count: number }>('GET', '/logfed-*/_count')).body.count;
}

function forwardTo(spill: string) {
  return createForwarder({ to: 'opensearch', endpoint: node.endpoint, spill, maxRequestBytes: 32 * 1024 });
}

describe('forwarding real CloudTrail to a real OpenSearch node', () => {
  it('indexes every event but those the mapping rejects, which are spilled with the reason, and adds nothing when sent again', async () => {
    const spill = tempDir('os-spill');
    const first = forwardTo(spill);
    await forwardObjects([CLOUDTRAIL], first);
    const ids = fixtureEventIds();
    expect(first.counts.read).toBe(ids.length);

    const spilled = await spilledRecords(spill);
    expect(spilled.length).toBeGreaterThan(0);
    for (const record of spilled) {
      expect(record.reason).toMatch(/^400 strict_dynamic_mapping_exception: .*(resources|additionalEventData)/);
      expect(record.sink).toBe('opensearch');
    }
    expect(await documentCount()).toBe(ids.length - spilled.length);
    expect(first.counts).toEqual({
      read: ids.length,
      delivered: ids.length - spilled.length,
      duplicates: 0,
      spilled: spilled.length,
    });

    // Every stored document is the record read, under its eventID, in the index of its day.
    const sample = ids.find((id) => !idsOf(spilled).includes(id))!;
    const found = await node.request<{
      hits: { hits: { _id: string; _index: string; _source: { eventTime: string } }[] };
    }>('GET', `/logfed-*/_search?q=_id:${sample}`);
    const hit = found.body.hits.hits[0];
    expect(hit._id).toBe(sample);
    expect(hit._index).toBe(`logfed-${hit._source.eventTime.slice(0, 10).replace(/-/g, '.')}`);

    const second = forwardTo(tempDir('os-spill-again'));
    await forwardObjects([CLOUDTRAIL], second);
    expect(await documentCount()).toBe(ids.length - spilled.length);
    expect(second.counts).toEqual({
      read: ids.length,
      delivered: ids.length - spilled.length,
      duplicates: ids.length - spilled.length,
      spilled: spilled.length,
    });
  });
});
