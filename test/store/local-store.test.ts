import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { LocalStore, StoreError, joinLocation, parseS3Uri } from '../../src/store';
import { SYMLINK_NOT_FOLLOWED } from '../../src/store/local-store';

describe('LocalStore', () => {
  const store = new LocalStore();
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-store-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists every file below a folder sorted by key, with relative keys', async () => {
    await store.write(path.join(dir, 'b', 'two.json'), '2');
    await store.write(path.join(dir, 'a.json'), Readable.from(['1']));
    const listed = await store.list(dir);
    expect(listed.map((o) => o.key)).toEqual(['a.json', 'b/two.json']);
    expect(listed[1].size).toBe(1);
    expect((await store.readAll(listed[0].location)).toString()).toBe('1');
  });

  it('lists a single file as itself', async () => {
    const file = path.join(dir, 'one.log');
    fs.writeFileSync(file, 'x');
    expect((await store.list(file)).map((o) => o.location)).toEqual([file]);
  });

  it('reports the symbolic links it does not follow instead of listing them', async () => {
    await store.write(path.join(dir, 'logs', 'a.json'), '1');
    fs.symlinkSync(path.join(dir, 'logs', 'a.json'), path.join(dir, 'logs', 'to-file.json'));
    fs.symlinkSync(dir, path.join(dir, 'logs', 'loop'));
    const notListed: string[] = [];
    const listed = await store.list(path.join(dir, 'logs'), (location, reason) =>
      notListed.push(`${location}: ${reason}`),
    );
    expect(listed.map((o) => o.key)).toEqual(['a.json']);
    expect(notListed.sort()).toEqual([
      `${path.join(dir, 'logs', 'loop')}: ${SYMLINK_NOT_FOLLOWED}`,
      `${path.join(dir, 'logs', 'to-file.json')}: ${SYMLINK_NOT_FOLLOWED}`,
    ]);
  });

  it('walks the same files as it lists, a page at a time, and reports the links it does not follow', async () => {
    for (let i = 0; i < 1500; i++) fs.writeFileSync(path.join(dir, `f${i}.json`), '{}');
    await store.write(path.join(dir, 'sub', 'deeper', 'x.json'), 'x');
    fs.symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    const notListed: string[] = [];
    const pages: (readonly { location: string; key: string }[])[] = [];
    for await (const page of store.walk(dir, (location) => notListed.push(location))) pages.push(page);
    expect(pages.length).toBeGreaterThan(1);
    const walked = pages.flat().map((o) => o.key);
    expect(walked.sort()).toEqual((await store.list(dir)).map((o) => o.key));
    expect(notListed).toEqual([path.join(dir, 'sub', 'loop')]);
    expect(await store.lastModified(path.join(dir, 'f1.json'))).toEqual(fs.statSync(path.join(dir, 'f1.json')).mtime);
  });

  it('walks a single file as itself, and names a location that does not exist', async () => {
    const file = path.join(dir, 'one.log');
    fs.writeFileSync(file, 'x');
    const pages = [];
    for await (const page of store.walk(file)) pages.push(page);
    expect(pages).toEqual([[{ location: file, key: 'one.log' }]]);
    const missing = async () => {
      for await (const page of store.walk(path.join(dir, 'missing'))) void page;
    };
    await expect(missing()).rejects.toThrow(/missing: no such file or folder/);
  });

  it('names the location when it does not exist', async () => {
    await expect(store.list(path.join(dir, 'missing'))).rejects.toThrow(StoreError);
    await expect(store.list(path.join(dir, 'missing'))).rejects.toThrow(/missing: no such file or folder/);
  });
});

describe('S3 URIs', () => {
  it('parses bucket and key and joins children', () => {
    expect(parseS3Uri('s3://logs/AWSLogs/1/x.json.gz')).toEqual({ bucket: 'logs', key: 'AWSLogs/1/x.json.gz' });
    expect(parseS3Uri('s3://logs')).toEqual({ bucket: 'logs', key: '' });
    expect(joinLocation('s3://logs/out', 'manifest.json')).toBe('s3://logs/out/manifest.json');
    expect(() => parseS3Uri('/tmp/x')).toThrow(/not an S3 URI/);
  });
});
