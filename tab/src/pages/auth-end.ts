/**
 * auth-end.html: the consent window's redirect URI. MSAL completes the request (`state`, PKCE), then the outcome goes
 * to whoever opened the window — the tab in a browser (`postMessage`, same origin only), or Teams
 * (`authentication.notifySuccess` / `notifyFailure`) — and the window closes.
 */
import { completeConsent, type ConsentOutcome } from '../auth/msal.ts';
import { authResultMessage, teamsFailureReason } from '../auth/popup.ts';
import { loadClientConfig } from '../config/client-config.ts';
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

async function report(outcome: ConsentOutcome): Promise<void> {
  if (sameOriginOpener(window)) {
    (window.opener as Window).postMessage(authResultMessage(outcome), window.location.origin);
    window.close();
    return;
  }
  // Opened by Teams (a window with an opener of another origin, or a frame): tell Teams.
  const teams = await connectTeams({ timeoutMs: 2500 });
  if (teams) {
    if (outcome.ok) teams.sdk.authentication.notifySuccess('consented');
    else teams.sdk.authentication.notifyFailure(teamsFailureReason(outcome));
    return;
  }
  if (outcome.ok) show('Access granted. You can close this window.', { href: '/', label: 'Open the app' });
  else
    show(`Sign-in did not complete: ${outcome.failure.title}. ${outcome.description}`, {
      href: '/',
      label: 'Back to the app',
    });
}

async function main(): Promise<void> {
  const config = await loadClientConfig();
  await report(await completeConsent({ config, origin: window.location.origin }));
}

main().catch((error: unknown) => {
  show(`Sign-in could not complete: ${error instanceof Error ? error.message : String(error)}`, {
    href: '/',
    label: 'Back to the app',
  });
});
