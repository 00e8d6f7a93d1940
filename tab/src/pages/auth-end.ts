/**
 * auth-end.html: the consent window's redirect URI. Checks `state`, then tells whoever opened the window — the tab in
 * a browser (`postMessage`, same origin only), or Teams (`authentication.notifySuccess` / `notifyFailure`) — and
 * closes.
 */
import { completeAuthorize, type AuthOutcome } from '../auth/flow.ts';
import type { AuthResultMessage } from '../auth/popup.ts';
import { connectTeams, sameOriginOpener } from '../host/teams.ts';

function show(text: string, link?: { href: string; label: string }): void {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = text;
  if (link) {
    const a = document.createElement('a');
    a.href = link.href;
    a.textContent = link.label;
    status.append(' ', a);
  }
}

async function report(outcome: AuthOutcome): Promise<void> {
  const message: AuthResultMessage = outcome.ok
    ? { type: 'vmm.auth.result', ok: true }
    : { type: 'vmm.auth.result', ok: false, error: outcome.error, description: outcome.description };
  if (sameOriginOpener(window)) {
    (window.opener as Window).postMessage(message, window.location.origin);
    window.close();
    return;
  }
  const teams =
    window.opener != null || window.self !== window.top || outcome.mode === 'consent'
      ? await connectTeams({ timeoutMs: 2500 })
      : undefined;
  if (teams) {
    if (outcome.ok) teams.sdk.authentication.notifySuccess('consented');
    else teams.sdk.authentication.notifyFailure(`${outcome.error}: ${outcome.description}`.slice(0, 1000));
    return;
  }
  if (outcome.ok) show('Access granted. You can close this window.', { href: '/', label: 'Open the app' });
  else show(`Sign-in did not complete: ${outcome.description}`, { href: '/', label: 'Back to the app' });
}

async function main(): Promise<void> {
  const env = { origin: window.location.origin, storage: window.sessionStorage, now: Date.now };
  const outcome = completeAuthorize(env, window.location.search);
  // Drop the code from the address bar and history.
  window.history.replaceState(null, '', window.location.pathname);
  await report(outcome);
}

main().catch((error: unknown) => {
  show(`Sign-in could not complete: ${error instanceof Error ? error.message : String(error)}`, {
    href: '/',
    label: 'Back to the app',
  });
});
