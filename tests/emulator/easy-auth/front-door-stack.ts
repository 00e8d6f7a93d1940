import { request } from 'node:http';
import { providerFromEmulator, type EmulatorAppConfig } from '../../../emulator/easy-auth/config.ts';
import { createEasyAuthFrontDoor, type RunningFrontDoor } from '../../../emulator/easy-auth/front-door.ts';
import { startStack, type Stack, type StackOptions } from '../../support/stack.ts';

export interface FrontDoorStack extends Stack {
  readonly frontDoor: RunningFrontDoor;
  /** `http://localhost:{port}`: the front door, as a browser opens it. */
  readonly url: string;
}

/** The test emulator, the real service with EASY_AUTH=true, and the front door before it (free ports). */
export async function startFrontDoorStack(options: StackOptions = {}): Promise<FrontDoorStack> {
  const stack = await startStack({ ...options, service: { easyAuth: true, ...options.service } });
  try {
    const config = (await stack.emulator.call('/_emulator/config')).json<EmulatorAppConfig>();
    const frontDoor = await createEasyAuthFrontDoor({
      serviceUrl: stack.service.url,
      provider: providerFromEmulator(config, stack.emulator.ca),
      port: 0,
    });
    return {
      ...stack,
      frontDoor,
      url: `http://localhost:${new URL(frontDoor.url).port}`,
      async close() {
        await frontDoor.close();
        await stack.close();
      },
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
}

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** Plain HTTP to the front door (no redirects followed, headers sent exactly). */
export function call(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: init.method ?? 'GET', path, headers: init.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** `name=value` pairs of a response's Set-Cookie headers. */
export function cookiesOf(reply: Reply): Record<string, string> {
  const set = reply.headers['set-cookie'] ?? [];
  return Object.fromEntries(
    (Array.isArray(set) ? set : [set]).map((c) => {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      return [pair!.slice(0, eq), pair!.slice(eq + 1)];
    }),
  );
}

/**
 * Signs `user` in through `/.auth/login/aad` without a browser: the login redirect, the emulator's account picker
 * posted back (as its form does), then the callback. Returns the session cookie (`AppServiceAuthSession=…`).
 */
export async function signInWithoutBrowser(stack: FrontDoorStack, user: string): Promise<string> {
  const login = await call(stack.url, '/.auth/login/aad?post_login_redirect_uri=%2F', {
    headers: { host: new URL(stack.url).host },
  });
  if (login.status !== 302) throw new Error(`/.auth/login/aad: ${login.status}`);
  const loginCookie = cookiesOf(login).AppServiceAuthLogin!;
  const authorize = new URL(String(login.headers.location));
  const form: Record<string, string> = Object.fromEntries(authorize.searchParams);
  const picked = await stack.emulator.call(authorize.pathname, {
    method: 'POST',
    form: { ...form, emu_user: user },
  });
  if (picked.status !== 302)
    throw new Error(`authorize for ${user}: ${picked.status} ${picked.text.slice(0, 200)}`);
  const back = new URL(String(picked.headers.location));
  const done = await call(stack.url, back.pathname + back.search, {
    headers: { cookie: `AppServiceAuthLogin=${loginCookie}` },
  });
  if (done.status !== 302) throw new Error(`callback: ${done.status} ${done.text.slice(0, 300)}`);
  return `AppServiceAuthSession=${cookiesOf(done).AppServiceAuthSession}`;
}
