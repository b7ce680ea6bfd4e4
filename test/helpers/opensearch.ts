import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { javaHome } from './tools';

/** The Maven module that starts one OpenSearch node (see its pom.xml). */
const MODULE = path.resolve(__dirname, '..', 'opensearch-node');
const JAR = path.join(MODULE, 'target', 'opensearch-node-1.jar');
const SOURCES = [
  path.join(MODULE, 'pom.xml'),
  path.join(MODULE, 'src', 'main', 'java', 'logfed', 'testnode', 'OpenSearchNode.java'),
];

export interface OpenSearchNode {
  readonly endpoint: string;
  /** Milliseconds from starting the JVM to the node answering HTTP. */
  readonly startMs: number;
  /** Milliseconds the Maven build took (0 when the cached build was current). */
  readonly buildMs: number;
  request<T = Record<string, unknown>>(
    method: string,
    urlPath: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/**
 * Builds the node with Maven unless the built jar is newer than its sources (the first build downloads from
 * Maven Central into ~/.m2), then fails loudly, never skips, when Maven or Java is missing.
 */
function build(): number {
  const built = fs.existsSync(JAR) ? fs.statSync(JAR).mtimeMs : 0;
  if (SOURCES.every((source) => fs.statSync(source).mtimeMs < built)) return 0;
  const started = Date.now();
  const run = spawnSync('mvn', ['-B', '-q', 'package'], {
    cwd: MODULE,
    encoding: 'utf8',
    env: { ...process.env, ...javaHome() },
    maxBuffer: 64 << 20,
  });
  if (run.error) throw new Error(`cannot run mvn (${run.error.message}): install Maven and a Java 17 JDK`);
  if (run.status !== 0) throw new Error(`mvn package failed in ${MODULE}:\n${run.stdout}${run.stderr}`.slice(-4000));
  return Date.now() - started;
}

function javaBinary(): string {
  const home = javaHome().JAVA_HOME ?? process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/** Starts a single-node OpenSearch 2.19 on a free loopback port, its data in a temporary folder. */
export async function startOpenSearch(): Promise<OpenSearchNode> {
  const buildMs = build();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-opensearch-'));
  const started = Date.now();
  const child: ChildProcess = spawn(
    javaBinary(),
    [
      '-Xmx256m',
      '-Xms256m',
      '-cp',
      `${JAR}${path.delimiter}${path.join(MODULE, 'target', 'lib', '*')}`,
      'logfed.testnode.OpenSearchNode',
      home,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk.toString();
      const match = /http\.port=(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('error', (error) => reject(new Error(`cannot start java: ${error.message}`)));
    child.once('exit', (code) =>
      reject(new Error(`the OpenSearch node exited (${code}) before serving HTTP:\n${output.slice(-4000)}`)),
    );
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const request = async <T>(method: string, urlPath: string, body?: unknown) => {
    const response = await fetch(`${endpoint}${urlPath}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  await request('GET', '/_cluster/health?wait_for_status=yellow&timeout=60s');
  return {
    endpoint,
    startMs: Date.now() - started,
    buildMs,
    request,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          fs.rmSync(home, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.stdin?.end();
        // Closing stdin ends it cleanly; a node that does not stop in 20 s is killed.
        setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
      }),
  };
}
