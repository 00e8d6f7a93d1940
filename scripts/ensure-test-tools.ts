/**
 * Runs before `npm test`: the tools the tests drive that npm cannot install — Debian's Chromium for
 * the browser tests (playwright-core cannot download a browser here) and `redis-server` for the
 * shared-state tests (each starts its own on a free port). Installs what is missing with apt on a
 * Debian machine when run as root; otherwise says how. (Debian's Python Azure SDK and azure-cli,
 * for the emulator's client tests, are optional locally: .ci/run installs them.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasRedis = () =>
  spawnSync('sh', ['-c', `command -v ${process.env.REDIS_SERVER ?? 'redis-server'}`]).status === 0;

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

const missing = [
  ...(existsSync(chromium)
    ? []
    : [{ what: `Chromium at ${chromium}`, packages: ['chromium', 'fonts-dejavu-core'] }]),
  ...(hasRedis() ? [] : [{ what: 'redis-server', packages: ['redis-server'] }]),
];

if (missing.length > 0) {
  const packages = missing.flatMap((m) => m.packages);
  const canApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canApt) {
    console.error(
      `The tests need ${missing.map((m) => m.what).join(' and ')}. Install ${packages.join(' ')} ` +
        `(Debian/Ubuntu: sudo apt-get install -y ${packages.join(' ')}), or point CHROMIUM_PATH / REDIS_SERVER at ` +
        'the binaries, then run npm test again.',
    );
    process.exit(1);
  }
  console.log(`[pretest] installing ${packages.join(' ')} for the tests.`);
  if (
    !run('apt-get', ['update']) ||
    !run('apt-get', ['install', '-y', '--no-install-recommends', ...packages])
  ) {
    console.error(`[pretest] apt-get could not install ${packages.join(' ')}.`);
    process.exit(1);
  }
}
