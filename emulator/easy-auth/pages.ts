import { escapeHtml } from '../http/respond.ts';

export type PageTheme = 'light' | 'dark' | 'contrast' | 'auto';

/** The theme a page was asked for (`?theme=` of the app page the login returns to), else the browser's. */
export function themeOf(path: string): PageTheme {
  try {
    const theme = new URL(path, 'http://x').searchParams.get('theme');
    return theme === 'light' || theme === 'dark' || theme === 'contrast' ? theme : 'auto';
  } catch {
    return 'auto';
  }
}

const LIGHT = '--bg:#f5f5f5;--card:#fff;--fg:#242424;--muted:#616161;--accent:#0f6cbd;--on-accent:#fff';
const DARK = '--bg:#1f1f1f;--card:#292929;--fg:#fff;--muted:#adadad;--accent:#479ef5;--on-accent:#000';

function page(theme: PageTheme, title: string, body: string): string {
  const vars =
    theme === 'dark'
      ? `:root{${DARK}}`
      : theme === 'light' || theme === 'contrast'
        ? `:root{${LIGHT}}`
        : `:root{${LIGHT}}@media (prefers-color-scheme: dark){:root{${DARK}}}`;
  return `<!doctype html>
<html lang="en" data-theme="${theme === 'auto' ? 'light' : theme}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${vars}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:var(--bg);color:var(--fg);
font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif;font-size:14px}
main{max-width:460px;margin:16px;padding:32px;background:var(--card);border-radius:8px;box-shadow:0 4px 8px rgba(0,0,0,.14)}
h1{font-size:20px;font-weight:600;margin:0 0 12px}p{color:var(--muted);line-height:20px}
.button{border:0;font:inherit;cursor:pointer;display:inline-block;padding:6px 16px;border-radius:4px;background:var(--accent);color:var(--on-accent);text-decoration:none;font-weight:600}
details{margin-top:16px;color:var(--muted)}code{word-break:break-all}</style></head>
<body><main>${body}</main></body></html>`;
}

export interface SignInErrorPage {
  readonly theme: PageTheme;
  readonly error: string;
  readonly description: string;
  /** The token endpoint's `trace_id` / `correlation_id`; else read from the description (an authorize redirect). */
  readonly traceId?: string;
  readonly correlationId?: string;
  readonly retryHref: string;
}

/** What a provider error means, in plain words. */
export function plainWords(error: string, description: string): { title: string; text: string } {
  const code = /AADSTS(\d+)/.exec(description)?.[1];
  if (code === '65004' || (error === 'access_denied' && /cancel/i.test(description))) {
    return {
      title: 'You declined the permissions',
      text: 'VM Manager needs your consent to sign you in. Try again and select Accept.',
    };
  }
  if (error === 'access_denied')
    return {
      title: 'Access was not granted',
      text: 'The sign-in was refused. Try again, or ask your administrator for access.',
    };
  if (error === 'state_mismatch')
    return {
      title: 'This sign-in expired',
      text: 'The sign-in took too long or was started in another window. Start it again.',
    };
  return { title: 'Sign-in did not complete', text: 'Something went wrong while signing you in. Try again.' };
}

/** The callback's error page: what happened, Try again, and Entra's details. */
export function signInErrorPage(p: SignInErrorPage): string {
  const words = plainWords(p.error, p.description);
  const ids = (name: string) => new RegExp(`${name}: ([0-9a-f-]{36})`, 'i').exec(p.description)?.[1];
  const code = /AADSTS\d+/.exec(p.description)?.[0];
  const trace = p.traceId ?? ids('Trace ID');
  const correlation = p.correlationId ?? ids('Correlation ID');
  return page(
    p.theme,
    words.title,
    `<h1>${escapeHtml(words.title)}</h1><p>${escapeHtml(words.text)}</p>
<a class="button" href="${escapeHtml(p.retryHref)}">Try again</a>
<details><summary>Details</summary><p>Error: <code>${escapeHtml(p.error)}</code></p>
${code ? `<p>Code: <code>${escapeHtml(code)}</code></p>` : ''}
${trace ? `<p>Trace ID: <code>${escapeHtml(trace)}</code></p>` : ''}
${correlation ? `<p>Correlation ID: <code>${escapeHtml(correlation)}</code></p>` : ''}
<p><code>${escapeHtml(p.description)}</code></p></details>`,
  );
}

/** `/.auth/logout/complete`: App Service's page after signing out. */
export function signedOutPage(theme: PageTheme): string {
  return page(
    theme,
    'Signed out',
    `<h1>You have signed out</h1><p>Your VM Manager session has ended.</p>
<form action="/.auth/login/aad" method="get"><input type="hidden" name="post_login_redirect_uri" value="${theme === 'auto' ? '/' : `/?theme=${theme}`}">
<button class="button" type="submit">Sign in</button></form>`,
  );
}
