/**
 * auth-start.html: the first page of the consent / sign-in window. Opened by Teams `authentication.authenticate`
 * (tab consent, bot sign-in fallback) or by the tab's consent popup in a browser. Query: `mode` (`consent`, the
 * default, or `signin`), `prompt` (`consent` | `select_account` | `login`), `loginHint` (else Teams' hint),
 * `returnTo` (signin: where to land afterwards, on this origin only, else `/`). Other parameters (`scope`,
 * `clientId`, `tenantId`) are ignored: the app registration always comes from `/client-config.json`.
 * - consent: MSAL `acquireTokenRedirect` for Azure Resource Manager; the answer comes back to auth-end.html.
 * - signin: MSAL `loginRedirect`, back to the tab (its redirect URI) and then to `returnTo`.
 */
import { beginConsent, startMsal, type Prompt } from '../auth/msal.ts';
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
  const origin = window.location.origin;
  const hints = { ...(prompt && { prompt }), ...(loginHint && { loginHint }) };
  if (params.get('mode') === 'signin') {
    const msal = await startMsal({ config, origin });
    await msal.signIn({ returnTo: params.get('returnTo') ?? '/', ...hints });
    return;
  }
  await beginConsent({ config, origin, ...hints });
}

main().catch((error: unknown) => {
  const status = document.getElementById('status');
  if (status)
    status.textContent = `Sign-in could not start: ${error instanceof Error ? error.message : String(error)}`;
});
