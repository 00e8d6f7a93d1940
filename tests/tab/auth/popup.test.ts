import { describe, expect, it } from '@jest/globals';
import type { SignInFailure } from '../../../tab/src/auth/sign-in-error.ts';
import {
  authResultMessage,
  browserConsent,
  teamsFailureReason,
  type PopupWindow,
} from '../../../tab/src/auth/popup.ts';
import { consentFailureMessage } from '../../../tab/src/auth/teams-auth.ts';

function fakeWindow(popup: { closed: boolean } | null) {
  const listeners = new Set<(event: MessageEvent) => void>();
  const opened: string[] = [];
  const win: PopupWindow = {
    location: { origin: 'http://localhost:3978' },
    open: (url) => {
      opened.push(url);
      return (
        popup && {
          get closed() {
            return popup.closed;
          },
          focus: () => undefined,
        }
      );
    },
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
  };
  const post = (data: unknown, origin = 'http://localhost:3978') =>
    listeners.forEach((l) => l({ data, origin } as MessageEvent));
  return { win, opened, post, listeners };
}

describe('browser consent popup', () => {
  it('opens auth-start and resolves on the success message from our origin only', async () => {
    const { win, opened, post, listeners } = fakeWindow({ closed: false });
    const done = browserConsent(win, 'erin@contoso.onmicrosoft.com');
    expect(opened[0]).toBe(
      '/auth-start.html?mode=consent&prompt=consent&loginHint=erin%40contoso.onmicrosoft.com',
    );
    post({ type: 'vmm.auth.result', ok: true }, 'https://evil.test');
    post({ type: 'other' });
    post({ type: 'vmm.auth.result', ok: true });
    await expect(done).resolves.toBeUndefined();
    expect(listeners.size).toBe(0);
  });

  it('rejects when declined, closed or blocked', async () => {
    const declined = fakeWindow({ closed: false });
    const p1 = browserConsent(declined.win);
    declined.post({
      type: 'vmm.auth.result',
      ok: false,
      error: 'access_denied',
      description: 'AADSTS65004: The user declined to consent.',
    });
    await expect(p1).rejects.toMatchObject({
      code: 'ConsentRequired',
      message:
        'Access was not granted: the permissions were declined (AADSTS65004). Select Grant consent to try again.',
    });

    const popup = { closed: false };
    const closed = fakeWindow(popup);
    const p2 = browserConsent(closed.win);
    popup.closed = true;
    await expect(p2).rejects.toMatchObject({
      code: 'ConsentRequired',
      message: 'The consent window was closed before you granted access.',
    });

    await expect(browserConsent(fakeWindow(null).win)).rejects.toMatchObject({
      message: expect.stringMatching(/blocked/),
    });
  });
});

describe("auth-end's outcome messages", () => {
  const declined = {
    ok: false as const,
    error: 'access_denied',
    description: 'AADSTS65004: User declined to consent to access the app. Trace ID: t Correlation ID: c',
    failure: { title: 'You declined the permissions' } as SignInFailure,
  };

  it('posts the outcome to the opener: granted, or OAuth error and description as Entra sent them', () => {
    expect(authResultMessage({ ok: true })).toEqual({ type: 'vmm.auth.result', ok: true });
    expect(authResultMessage(declined)).toEqual({
      type: 'vmm.auth.result',
      ok: false,
      error: 'access_denied',
      description: declined.description,
    });
  });

  it("tells Teams why, in words teamsConsent turns into the banner's message with Entra's code", () => {
    const reason = teamsFailureReason(declined);
    expect(reason).toBe(`access_denied: ${declined.description}`);
    expect(consentFailureMessage(reason)).toBe(
      'Access was not granted: the permissions were declined (AADSTS65004). Select Grant consent to try again.',
    );
    expect(teamsFailureReason({ error: 'e', description: 'x'.repeat(2000) })).toHaveLength(1000);
  });
});
