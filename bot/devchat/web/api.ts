import type { DevConfig } from './protocol.ts';
import { BOT_ROUTE } from '../../endpoint.ts';

/** Calls from the page to the service (same origin): the dev chat API and the bot endpoint. */

export interface PostResult {
  readonly status: number;
  readonly body: unknown;
}

async function json(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function call(path: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(path, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  const body = await json(res);
  if (!res.ok) {
    const message =
      (body as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${res.status}`;
    throw new Error(message);
  }
  return body;
}

export const api = {
  config: () => call('/dev/chat/api/config') as Promise<DevConfig>,
  /** An SSO token for the user, minted by the emulator (what Teams would get from Entra). */
  token: async (user: string) =>
    (
      (await call('/dev/chat/api/token', { method: 'POST', body: JSON.stringify({ user }) })) as {
        token: string;
      }
    ).token,
  consent: (user: string) =>
    call('/dev/chat/api/consent', { method: 'POST', body: JSON.stringify({ user }) }),
  members: (conversationId: string, members: readonly { id: string; name: string; aadObjectId: string }[]) =>
    call(`/dev/chat/api/conversations/${encodeURIComponent(conversationId)}/members`, {
      method: 'PUT',
      body: JSON.stringify({ members }),
    }),
  /** POSTs an activity to the bot, as the Bot Framework channel would. */
  async post(activity: unknown): Promise<PostResult> {
    const res = await fetch(BOT_ROUTE, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    return { status: res.status, body: await json(res) };
  },
  events: (conversationId: string) =>
    new EventSource(`/dev/chat/api/conversations/${encodeURIComponent(conversationId)}/events`),
};
