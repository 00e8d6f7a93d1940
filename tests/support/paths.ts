import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** State folder shared by all test emulators (CA + keys only; everything else is in memory). */
export const TEST_STATE_DIR = resolve(ROOT, '.emulator-test');
