/**
 * Runs before `npm test`: the browser tests drive Debian's Chromium (playwright-core cannot download
 * a browser here). Installs it with apt on a fresh Debian machine when run as root; otherwise says how.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

if (!existsSync(path)) {
  const canApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canApt) {
    console.error(
      `Browser tests need Chromium at ${path}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
        'or point CHROMIUM_PATH at a Chromium binary, then run npm test again.',
    );
    process.exit(1);
  }
  console.log(`[pretest] Chromium not found at ${path}: installing Debian's chromium for the browser tests.`);
  if (
    !run('apt-get', ['update']) ||
    !run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'])
  ) {
    console.error('[pretest] apt-get could not install chromium.');
    process.exit(1);
  }
}
