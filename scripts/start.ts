/**
 * `npm start`: the whole product on the local emulator, on one machine.
 * Builds the tab (when missing or stale), starts the emulator, then the service in local mode
 * (EMULATOR_URL set: settings come from the emulator, its CA is trusted), and prints where to go.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 4443);
const servicePort = Number(process.env.PORT ?? 3978);
/** The local App Service authentication front door (emulator/easy-auth/). */
const easyAuthPort = Number(process.env.EASY_AUTH_PORT ?? 3980);
const stateDir = resolve(root, process.env.EMULATOR_STATE_DIR ?? '.emulator');
const emulatorUrl = `https://127.0.0.1:${emulatorPort}`;

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds when an output is missing or older than its sources. */
function buildTargets(): string[] {
  const targets: Array<{ script: string; src: string; out: string }> = [
    { script: 'build:tab', src: 'tab', out: 'tab/dist/index.html' },
  ];
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  if (pkg.scripts['build:devchat'])
    targets.push({ script: 'build:devchat', src: 'bot/devchat', out: 'bot/devchat/dist/index.html' });
  return targets
    .filter((t) => {
      const out = join(root, t.out);
      return !existsSync(out) || statSync(out).mtimeMs < newestMtime(join(root, t.src));
    })
    .map((t) => t.script);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}

function waitForEmulator(caPath: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePromise, reject) => {
    const attempt = () => {
      const ca = existsSync(caPath) ? readFileSync(caPath, 'utf8') : undefined;
      const req = request(`${emulatorUrl}/_emulator/config`, { ca, timeout: 2000 }, (res) => {
        res.resume();
        if (res.statusCode === 200) resolvePromise();
        else retry();
      });
      req.on('error', retry);
      req.end();
    };
    const retry = () =>
      Date.now() > deadline
        ? reject(new Error('the emulator did not start in time'))
        : setTimeout(attempt, 250);
    attempt();
  });
}

async function main(): Promise<void> {
  for (const script of buildTargets()) {
    console.log(`[start] building: npm run ${script}`);
    await run('npm', ['run', '--silent', script]);
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 500).unref();
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  const spawnChild = (name: string, script: string, env: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, [script], { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`[start] ${name} exited (${code}); stopping.`);
        stop(code ?? 1);
      }
    });
    children.push(child);
  };

  spawnChild('emulator', 'emulator/main.ts', {
    ...process.env,
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_STATE_DIR: stateDir,
  });
  const caPath = join(stateDir, 'ca.pem');
  await waitForEmulator(caPath);

  spawnChild('service', 'src/main.ts', {
    ...process.env,
    // The service's V8 heap settings (docs/configuration.md, "Node.js runtime settings").
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--max-old-space-size=1024 --max-semi-space-size=16']
      .filter(Boolean)
      .join(' '),
    PORT: String(servicePort),
    EMULATOR_URL: emulatorUrl,
    NODE_EXTRA_CA_CERTS: caPath,
    // Behind the front door below, the token store's header is accepted (validated like any bearer token).
    EASY_AUTH: process.env.EASY_AUTH ?? 'true',
  });

  spawnChild('front door', 'emulator/easy-auth/main.ts', {
    ...process.env,
    EASY_AUTH_PORT: String(easyAuthPort),
    SERVICE_URL: `http://127.0.0.1:${servicePort}`,
    EMULATOR_URL: emulatorUrl,
    EMULATOR_CA_PATH: caPath,
  });

  console.log(
    [
      '',
      `[start] Teams VM Manager is running on the local Azure emulator:`,
      `  tab (sign in as a seeded user) : http://localhost:${servicePort}/`,
      `  bot dev chat                   : http://localhost:${servicePort}/dev/chat`,
      `  as a web app (App Service auth): http://localhost:${easyAuthPort}/`,
      `  emulator                       : ${emulatorUrl}  (CA: ${caPath})`,
      `  users: alice, bob, carol, dave, erin — Ctrl+C stops everything.`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
