import { randomBytes } from 'node:crypto';
import { escapeHtml, html } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';

/**
 * The dev sign-in pages (pure rendering): account picker, consent prompt, error page, form_post
 * hand-back and signed-out page. Plain semantic HTML (landmarks, headings, real buttons, labels),
 * no scripts except the nonce'd auto-submit of form_post; strict CSP.
 */

const STYLE = `
  :root { color-scheme: light dark; font-family: "Segoe UI", system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { width: min(440px, 92vw); padding: 2rem 2.25rem; border: 1px solid color-mix(in srgb, CanvasText 18%, transparent);
         border-radius: 8px; box-shadow: 0 2px 12px rgb(0 0 0 / 0.12); }
  h1 { font-size: 1.5rem; font-weight: 600; margin: 0 0 .25rem; }
  .sub { margin: 0 0 1.25rem; opacity: .8; }
  ul { list-style: none; margin: 0; padding: 0; }
  .accounts li + li { margin-top: .5rem; }
  .account { width: 100%; text-align: left; display: grid; gap: .1rem; padding: .65rem .85rem; font: inherit; cursor: pointer;
             background: transparent; color: inherit; border: 1px solid color-mix(in srgb, CanvasText 25%, transparent); border-radius: 6px; }
  .account:hover, .account:focus-visible { border-color: #0f6cbd; outline: 2px solid #0f6cbd; outline-offset: 1px; }
  .account .upn, .note, .fine { font-size: .875rem; opacity: .8; }
  .hint { font-size: .75rem; color: #0f6cbd; }
  .perms { margin: .75rem 0 1rem; padding-left: 1.1rem; list-style: disc; }
  .actions { display: flex; justify-content: flex-end; gap: .5rem; margin-top: 1.25rem; }
  .actions button { font: inherit; padding: .4rem 1.4rem; border-radius: 4px; cursor: pointer; border: 1px solid #0f6cbd; }
  .primary { background: #0f6cbd; color: white; }
  .secondary { background: transparent; color: inherit; }
  .error { color: #c50f1f; }
  code { font-family: ui-monospace, Consolas, monospace; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .2rem .75rem; font-size: .8rem; opacity: .8; }
  dd { margin: 0; word-break: break-all; }
`;

function csp(nonce?: string, framable = false): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    nonce ? `script-src 'nonce-${nonce}'` : "script-src 'none'",
    "form-action 'self' http: https:",
    "base-uri 'none'",
    framable ? '' : "frame-ancestors 'none'",
  ]
    .filter(Boolean)
    .join('; ');
}

function page(
  title: string,
  body: string,
  options: { status?: number; nonce?: string; framable?: boolean } = {},
): EmuResponse {
  const doc = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
  return html(options.status ?? 200, doc, {
    'content-security-policy': csp(options.nonce, options.framable),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
}

/** Hidden inputs carrying the original authorization request through the page's form post. */
function hiddenFields(fields: Iterable<[string, string]>): string {
  return [...fields]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n    ');
}

export interface PickerAccount {
  readonly key: string;
  readonly name: string;
  readonly upn: string;
  readonly consented: boolean;
}

export interface SignInPageInput {
  readonly action: string;
  readonly appName: string;
  readonly tenantName: string;
  readonly accounts: readonly PickerAccount[];
  readonly fields: Iterable<[string, string]>;
  /** Key of the account to preselect (login_hint or the current session). */
  readonly preselect?: string;
  readonly error?: string;
}

/** The account picker: one button per seeded user. */
export function signInPage(input: SignInPageInput): EmuResponse {
  const items = input.accounts
    .map((a) => {
      const selected = a.key === input.preselect;
      return `<li><button type="submit" class="account" name="emu_user" value="${escapeHtml(a.key)}"${selected ? ' autofocus' : ''}>
        <span class="name">${escapeHtml(a.name)}</span>
        <span class="upn">${escapeHtml(a.upn)}</span>${selected ? '\n        <span class="hint">Suggested account</span>' : ''}${a.consented ? '' : '\n        <span class="note">Has not consented to this app yet</span>'}
      </button></li>`;
    })
    .join('\n      ');
  return page(
    'Sign in to your account',
    `<main aria-labelledby="title">
  <h1 id="title">Pick an account</h1>
  <p class="sub">to continue to <strong>${escapeHtml(input.appName)}</strong></p>
  ${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ''}
  <form method="post" action="${escapeHtml(input.action)}">
    ${hiddenFields(input.fields)}
    <ul class="accounts" aria-label="Accounts in ${escapeHtml(input.tenantName)}">
      ${items}
    </ul>
  </form>
  <p class="fine">Local Entra ID emulator · tenant ${escapeHtml(input.tenantName)} · development sign-in, no passwords.</p>
</main>`,
    { status: input.error ? 400 : 200 },
  );
}

export interface ConsentPageInput {
  readonly action: string;
  readonly appName: string;
  readonly user: { readonly key: string; readonly name: string; readonly upn: string };
  /** Human-readable permissions the app asks for. */
  readonly permissions: readonly string[];
  readonly fields: Iterable<[string, string]>;
}

/** The consent prompt: Accept adds the user to the app's consents; Cancel returns access_denied. */
export function consentPage(input: ConsentPageInput): EmuResponse {
  const perms = input.permissions.map((p) => `<li>${escapeHtml(p)}</li>`).join('\n    ');
  return page(
    'Permissions requested',
    `<main aria-labelledby="title">
  <h1 id="title">Permissions requested</h1>
  <p class="sub"><strong>${escapeHtml(input.appName)}</strong><br>
    <span class="note">Signed in as ${escapeHtml(input.user.name)} (${escapeHtml(input.user.upn)})</span></p>
  <p id="perms-label">This app would like to:</p>
  <ul class="perms" aria-labelledby="perms-label">
    ${perms}
  </ul>
  <p class="fine">Accepting these permissions means that you allow this app to use your data as specified. You can change these permissions later (<code>POST /_emulator/consent</code>).</p>
  <form method="post" action="${escapeHtml(input.action)}">
    ${hiddenFields(input.fields)}
    <input type="hidden" name="emu_user" value="${escapeHtml(input.user.key)}">
    <div class="actions">
      <button type="submit" class="secondary" name="emu_consent" value="cancel">Cancel</button>
      <button type="submit" class="primary" name="emu_consent" value="accept" autofocus>Accept</button>
    </div>
  </form>
</main>`,
  );
}

export interface ErrorPageInput {
  /** `AADSTS50011: …` */
  readonly message: string;
  readonly traceId: string;
  readonly correlationId: string;
  readonly timestamp: string;
}

/** What Entra shows when it cannot redirect back (unknown client, bad redirect URI, unknown tenant). */
export function errorPage(input: ErrorPageInput, status = 400): EmuResponse {
  return page(
    'Sign in error',
    `<main aria-labelledby="title">
  <h1 id="title">Sign in</h1>
  <p class="error" role="alert">Sorry, but we're having trouble signing you in.</p>
  <p>${escapeHtml(input.message)}</p>
  <dl>
    <dt>Request Id</dt><dd>${escapeHtml(input.traceId)}</dd>
    <dt>Correlation Id</dt><dd>${escapeHtml(input.correlationId)}</dd>
    <dt>Timestamp</dt><dd>${escapeHtml(input.timestamp)}</dd>
  </dl>
</main>`,
    { status },
  );
}

/** `response_mode=form_post`: an auto-submitting form back to the redirect URI. */
export function formPostPage(redirectUri: string, fields: Iterable<[string, string]>): EmuResponse {
  const nonce = randomBytes(16).toString('base64');
  return page(
    'Working…',
    `<main aria-labelledby="title">
  <h1 id="title">Signing you in…</h1>
  <form id="handback" method="post" action="${escapeHtml(redirectUri)}">
    ${hiddenFields(fields)}
    <noscript><button type="submit" class="primary">Continue</button></noscript>
  </form>
</main>
<script nonce="${nonce}">document.getElementById('handback').submit();</script>`,
    { nonce, framable: true },
  );
}

/** After `/logout` without a usable post_logout_redirect_uri. */
export function signedOutPage(): EmuResponse {
  return page(
    'Signed out',
    `<main aria-labelledby="title">
  <h1 id="title">You signed out of your account</h1>
  <p class="sub">It's a good idea to close all browser windows.</p>
</main>`,
  );
}

/** `GET /error?code=N`: where `error_uri` points. */
export function errorCodePage(code: string): EmuResponse {
  const safe = /^\d{1,9}$/.test(code) ? code : '';
  return page(
    'Error code lookup',
    `<main aria-labelledby="title">
  <h1 id="title">${safe ? `AADSTS${safe}` : 'Error code lookup'}</h1>
  <p>This error was returned by the local Entra ID emulator. Its meaning matches Microsoft Entra ID's: see
  <a href="https://learn.microsoft.com/entra/identity-platform/reference-error-codes">Microsoft Entra authentication and authorization error codes</a>.</p>
</main>`,
  );
}
