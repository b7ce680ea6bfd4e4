import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { LogEvent } from '../rules/types';
import { joinLocation, storeFor } from '../store';
import { BENIGN_CALLS, BENIGN_ERRORS, REGIONS } from './benign';
import { ACCOUNT_ID, iamUser, benignPrincipal } from './principals';
import { Random } from './random';
import { Technique } from './techniques';

export { TECHNIQUES, techniquesNamed } from './techniques';

export interface GenerateOptions {
  /** Benign events in total, spread over the files. */
  readonly events: number;
  /** Folder or `s3://` prefix the `AWSLogs/…` keys go under. */
  readonly out: string;
  readonly seed?: number;
  /** Techniques whose events are added (each event once), mixed into the files. */
  readonly inject?: readonly Technique[];
  readonly files?: number;
  /** Time of the first file (ISO 8601); each file covers the next five minutes. */
  readonly start?: string;
}

export interface GenerateResult {
  readonly files: string[];
  readonly events: number;
  readonly injected: number;
}

const FILE_MINUTES = 5;
const ATTACKER_IP = '198.51.100.77';

/**
 * Writes deterministic CloudTrail delivery files (`AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/….json.gz`):
 * the same options give byte-identical files. Each file is streamed through gzip, so size is not bounded by memory.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const random = new Random(options.seed ?? 1);
  const fileCount = Math.max(1, options.files ?? Math.ceil(options.events / 2000));
  const start = Date.parse(options.start ?? '2026-11-27T00:00:00Z');
  const injected = (options.inject ?? []).flatMap((t) => t.cloudtrailEvents.map((e) => [t, e] as const));
  const files: string[] = [];
  for (let index = 0; index < fileCount; index++) {
    const region = REGIONS[index % REGIONS.length];
    const from = start + index * FILE_MINUTES * 60_000;
    const benign = Math.floor(options.events / fileCount) + (index < options.events % fileCount ? 1 : 0);
    const mine = injected.filter((_, i) => i % fileCount === index);
    const stamp = new Date(from + FILE_MINUTES * 60_000).toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';
    const day = new Date(from).toISOString().slice(0, 10).replace(/-/g, '/');
    const key = `AWSLogs/${ACCOUNT_ID}/CloudTrail/${region}/${day}/${ACCOUNT_ID}_CloudTrail_${region}_${stamp}_${random.alphanumeric(16)}.json.gz`;
    const location = joinLocation(options.out, key);
    const body = Readable.from(fileBody(random, region, from, benign, mine)).pipe(createGzip());
    await storeFor(location).write(location, body, 'application/json');
    files.push(location);
  }
  return { files, events: options.events + injected.length, injected: injected.length };
}

/** `{"Records":[…]}` written record by record; injected events are spread evenly among the benign ones. */
function* fileBody(
  random: Random,
  region: string,
  from: number,
  benign: number,
  injected: readonly (readonly [Technique, string])[],
): Generator<string> {
  const total = benign + injected.length;
  // Spacing total / injected.length is at least 1, so positions are distinct.
  const injectAt = new Map(
    injected.map((item, k) => [Math.floor(((k + 0.5) * total) / injected.length), item] as const),
  );
  yield '{"Records":[';
  for (let i = 0; i < total; i++) {
    const time = from + random.int(FILE_MINUTES * 60_000);
    const technique = injectAt.get(i);
    const event = technique
      ? techniqueEvent(random, region, time, technique[0], technique[1])
      : benignEvent(random, region, time);
    yield (i === 0 ? '' : ',') + JSON.stringify(event);
  }
  yield ']}';
}

function benignEvent(random: Random, region: string, time: number): LogEvent {
  const [service, eventName, readOnly] = random.weighted(BENIGN_CALLS.map((call) => [call, call[3]] as const));
  if (random.int(40) === 0) return consoleLogin(random, time);
  const principal = benignPrincipal(random);
  const serviceHost =
    principal.userIdentity.type === 'AWSService' ? String(principal.userIdentity.invokedBy) : undefined;
  const event = apiCall(random, region, time, service, eventName, readOnly);
  event.userIdentity = principal.userIdentity;
  event.sourceIPAddress = serviceHost ?? principal.sourceIPAddress;
  event.userAgent = serviceHost ?? principal.userAgent;
  if (random.int(50) === 0) {
    event.errorCode = random.pick(BENIGN_ERRORS);
    event.errorMessage = 'generated benign error';
  }
  return event;
}

/** A console sign-in with MFA: what people do every morning. */
function consoleLogin(random: Random, time: number): LogEvent {
  const user = random.pick(['alice', 'bob', 'carol']);
  return {
    ...apiCall(random, 'us-east-1', time, 'signin', 'ConsoleLogin', false),
    userIdentity: iamUser(user, true),
    eventType: 'AwsConsoleSignIn',
    sourceIPAddress: '192.0.2.10',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    requestParameters: null,
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: {
      LoginTo: 'https://console.aws.amazon.com/console/home',
      MobileVersion: 'No',
      MFAIdentifier: `arn:aws:iam::${ACCOUNT_ID}:mfa/${user}`,
      MFAUsed: 'Yes',
    },
  };
}

/** One event a technique's detonation produces, by an IAM user without MFA from an outside address. */
function techniqueEvent(random: Random, region: string, time: number, technique: Technique, call: string): LogEvent {
  const [service, eventName] = call.split(':');
  return {
    ...apiCall(random, region, time, service, eventName, /^(Get|Describe|List)/.test(eventName)),
    userIdentity: iamUser('build-bot', false),
    sourceIPAddress: ATTACKER_IP,
    userAgent: `stratus-red-team_${technique.technique}`,
  };
}

function apiCall(
  random: Random,
  region: string,
  time: number,
  service: string,
  eventName: string,
  readOnly: boolean,
): LogEvent {
  return {
    eventVersion: '1.10',
    userIdentity: {},
    eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: `${service}.amazonaws.com`,
    eventName,
    awsRegion: region,
    sourceIPAddress: '',
    userAgent: '',
    requestParameters: readOnly ? { maxResults: 100 } : { tagSet: { items: [{ key: 'team', value: 'data' }] } },
    responseElements: null,
    requestID: random.uuid(),
    eventID: random.uuid(),
    readOnly,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT_ID,
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${service}.${region}.amazonaws.com`,
    },
  };
}
