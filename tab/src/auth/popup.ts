import { ApiError } from '../api/errors.ts';
import type { ConsentOutcome } from './msal.ts';
import { AUTH_START_PATH } from './redirects.ts';
import { consentFailureMessage } from './teams-auth.ts';

/** The message auth-end posts to the window that opened it (plain browser, same origin only). */
export interface AuthResultMessage {
  readonly type: 'vmm.auth.result';
  readonly ok: boolean;
  readonly error?: string;
  readonly description?: string;
}

/** auth-end's message to its opener for the consent's outcome (Entra's error and description as sent). */
export function authResultMessage(outcome: ConsentOutcome): AuthResultMessage {
  return outcome.ok
    ? { type: 'vmm.auth.result', ok: true }
    : { type: 'vmm.auth.result', ok: false, error: outcome.error, description: outcome.description };
}

/** auth-end's reason for Teams `authentication.notifyFailure` (teamsConsent reads it with consentFailureMessage). */
export function teamsFailureReason(outcome: {
  readonly error: string;
  readonly description: string;
}): string {
  return `${outcome.error}: ${outcome.description}`.slice(0, 1000);
}

export function isAuthResultMessage(data: unknown): data is AuthResultMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'vmm.auth.result';
}

export interface PopupWindow {
  readonly location: { readonly origin: string };
  open(url: string, target: string, features: string): { readonly closed: boolean; focus(): void } | null;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * The consent popup outside Teams: opens auth-start in a window and waits for auth-end's message.
 * Rejects with ApiError `ConsentRequired` when blocked, closed or declined.
 */
export function browserConsent(win: PopupWindow, loginHint?: string): Promise<void> {
  const params = new URLSearchParams({ mode: 'consent', prompt: 'consent' });
  if (loginHint) params.set('loginHint', loginHint);
  const popup = win.open(
    `${AUTH_START_PATH}?${params.toString()}`,
    'vmm-consent',
    'popup,width=600,height=640',
  );
  if (!popup) {
    return Promise.reject(
      new ApiError(
        'ConsentRequired',
        'The consent window was blocked. Allow pop-ups for this site and try again.',
        { status: 403 },
      ),
    );
  }
  popup.focus();
  return new Promise<void>((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== win.location.origin || !isAuthResultMessage(event.data)) return;
      done();
      if (event.data.ok) resolve();
      else
        reject(
          new ApiError(
            'ConsentRequired',
            consentFailureMessage(event.data.description ?? event.data.error ?? 'declined'),
            { status: 403 },
          ),
        );
    };
    const closedPoll = setInterval(() => {
      if (!popup.closed) return;
      // The result message may still be queued behind the close: give it a moment.
      setTimeout(() => {
        done();
        reject(new ApiError('ConsentRequired', consentFailureMessage('closed'), { status: 403 }));
      }, 300);
      clearInterval(closedPoll);
    }, 400);
    const done = () => {
      clearInterval(closedPoll);
      win.removeEventListener('message', onMessage);
    };
    win.addEventListener('message', onMessage);
  });
}
