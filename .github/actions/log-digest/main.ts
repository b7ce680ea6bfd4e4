// Entry of the log-digest action; `npm run build` compiles it to dist/.github/actions/log-digest/main.js.
import { runLogDigestAction } from '../../../src/digest/action';

void runLogDigestAction();
