import type { SinkName } from '../forward';
import type { ForwarderSetting, FunctionSettings } from './environment';
import type { EventSink } from './types';

/** Time kept after the last request of an invocation to write the spill before the function times out. */
export const SPILL_MARGIN_MS = 30_000;
/** Shorter than the CLI's: a slow sink must not eat the whole invocation. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * One event sink per configured forwarder: each object's events go to Splunk or OpenSearch, and what cannot be
 * delivered before `deadline` (epoch ms) is spilled under `<output>/undelivered/` for `logfed replay`.
 */
export function forwardingSinks(
  forwarders: FunctionSettings['forwarders'],
  output: string,
  deadline: () => number,
): EventSink[] {
  return (Object.entries(forwarders) as [SinkName, ForwarderSetting][]).map(([to, setting]) =>
    forwardingSink(to, setting, output, deadline),
  );
}

function forwardingSink(to: SinkName, setting: ForwarderSetting, output: string, deadline: () => number): EventSink {
  // The forwarders (HTTP clients, request signing, Secrets Manager) load only when one is configured: a function
  // without forwarders never pays for them, in its init or later.
  const { amazonSearchEndpoint, createForwarder, forwardObject, readSecretToken } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../forward') as typeof import('../forward');
  // Amazon OpenSearch endpoints are signed with the function's role; the others need the secret, read once.
  const signed = to === 'opensearch' && amazonSearchEndpoint(new URL(setting.endpoint)) !== undefined;
  let token: Promise<string> | undefined;
  const secret = () => {
    token ??= readSecretToken(setting.secretName).catch((error: unknown) => {
      token = undefined;
      throw error;
    });
    return token;
  };
  return {
    name: to,
    async forward(location) {
      const forwarder = createForwarder({
        to,
        endpoint: setting.endpoint,
        token: signed ? undefined : await secret(),
        spill: output,
        deadline: deadline(),
        timeoutMs: REQUEST_TIMEOUT_MS,
      });
      // What the readers cannot read is already in the object's summary.
      await forwardObject(location, forwarder);
      await forwarder.finish();
    },
  };
}
