/**
 * auth-start.html: the first page of the consent window. Opened by Teams `authentication.authenticate` (tab consent,
 * bot sign-in fallback) or by the tab's consent popup in a browser. Query: `prompt` (`consent` | `select_account` |
 * `login`), `loginHint`. Redirects to the authorize endpoint with PKCE, asking for Azure Resource Manager access.
 * (Sign-in outside Teams is MSAL's or App Service authentication's, not this page's.)
 */
import { beginAuthorize } from '../auth/flow.ts';
import type { Prompt } from '../auth/endpoints.ts';
import { loadClientConfig } from '../config/client-config.ts';
import { connectTeams, sameOriginOpener, teamsHint } from '../host/teams.ts';

const PROMPTS: readonly Prompt[] = ['consent', 'select_account', 'login'];

async function main(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const prompt = PROMPTS.find((p) => p === params.get('prompt'));
  let loginHint = params.get('loginHint') ?? undefined;
  if (!loginHint && teamsHint(window) && !sameOriginOpener(window)) {
    loginHint = (await connectTeams({ timeoutMs: 2500 }))?.loginHint;
  }
  const config = await loadClientConfig();
  const url = await beginAuthorize(
    config,
    { origin: window.location.origin, storage: window.sessionStorage, now: Date.now },
    { mode: 'consent', ...(prompt && { prompt }), ...(loginHint && { loginHint }) },
  );
  window.location.replace(url);
}

main().catch((error: unknown) => {
  const status = document.getElementById('status');
  if (status)
    status.textContent = `Sign-in could not start: ${error instanceof Error ? error.message : String(error)}`;
});
