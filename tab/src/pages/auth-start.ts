/**
 * auth-start.html: the first page of the sign-in / consent window. Opened by Teams `authentication.authenticate`
 * (tab consent, bot sign-in fallback), by the tab's consent popup in a browser, or navigated to by the local sign-in.
 * Query: `mode` (`consent` default | `signin`), `prompt` (`consent` | `select_account` | `login`), `loginHint`,
 * `returnTo` (sign-in only: resolved against this origin, `/` unless it stays on it, see safeReturnTo).
 * Redirects to the authorize endpoint with PKCE.
 */
import { beginAuthorize } from '../auth/flow.ts';
import type { Prompt } from '../auth/endpoints.ts';
import { loadClientConfig } from '../config/client-config.ts';
import { connectTeams, sameOriginOpener, teamsHint } from '../host/teams.ts';

const PROMPTS: readonly Prompt[] = ['consent', 'select_account', 'login'];

async function main(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const mode = params.get('mode') === 'signin' ? 'signin' : 'consent';
  const prompt = PROMPTS.find((p) => p === params.get('prompt'));
  let loginHint = params.get('loginHint') ?? undefined;
  if (!loginHint && teamsHint(window) && !sameOriginOpener(window)) {
    loginHint = (await connectTeams({ timeoutMs: 2500 }))?.loginHint;
  }
  const config = await loadClientConfig();
  const url = await beginAuthorize(
    config,
    { origin: window.location.origin, storage: window.sessionStorage, now: Date.now },
    {
      mode,
      ...(prompt && { prompt }),
      ...(loginHint && { loginHint }),
      returnTo: params.get('returnTo') ?? '/',
    },
  );
  window.location.replace(url);
}

main().catch((error: unknown) => {
  const status = document.getElementById('status');
  if (status)
    status.textContent = `Sign-in could not start: ${error instanceof Error ? error.message : String(error)}`;
});
