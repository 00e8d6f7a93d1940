import { ensureTlsMaterial } from '../../emulator/state/certs.ts';
import { loadSigningKeys } from '../../emulator/state/keys.ts';
import { TEST_STATE_DIR } from './paths.ts';

/** Creates the test emulator's CA, server certificate and signing key once, before workers start. */
export default async function globalSetup(): Promise<void> {
  await ensureTlsMaterial(TEST_STATE_DIR);
  await loadSigningKeys(TEST_STATE_DIR);
}
