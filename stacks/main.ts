import { buildApp, synthFailureMessage } from './app';
import { ENVIRONMENTS } from './config/environments';

/** `npm run synth`: synthesizes every environment into cdktf.out/ without cdktf-cli; one clear error on failure. */
try {
  buildApp(ENVIRONMENTS).synth();
} catch (error) {
  process.stderr.write(`synth failed: ${synthFailureMessage(error)}\n`);
  process.exitCode = 1;
}
