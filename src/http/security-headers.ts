/** Hosts allowed to frame the tab in production: Teams, Outlook and the Microsoft 365 app. */
export const PRODUCTION_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
  'https://*.teams.microsoft.us',
] as const;

/** Extra hosts allowed locally (dev tools, test harnesses, the bot dev chat). */
export const LOCAL_FRAME_ANCESTORS = [
  'http://localhost:*',
  'https://localhost:*',
  'http://127.0.0.1:*',
  'https://127.0.0.1:*',
] as const;

/** Where @microsoft/teams-js fetches its list of valid host domains (auth pages inside Teams). */
export const TEAMS_JS_CDN = 'https://res.cdn.office.net';

export interface SecurityHeaderOptions {
  readonly localMode: boolean;
  /**
   * The identity provider (`AUTHORITY_HOST`: Entra ID, or the emulator locally): the tab's consent and
   * sign-in pages navigate to it and redeem codes at its token endpoint.
   */
  readonly authorityHost: string;
  /** Public URL of the service; https enables HSTS. */
  readonly publicUrl: string;
}

export interface SecurityHeaders {
  /** For JSON API responses (and anything not HTML). */
  readonly api: Readonly<Record<string, string>>;
  /** For the tab's HTML pages. */
  readonly html: Readonly<Record<string, string>>;
}

/** The security headers for every response, as a pure function of the configuration. */
export function securityHeaders(options: SecurityHeaderOptions): SecurityHeaders {
  const frameAncestors = [
    "'self'",
    ...PRODUCTION_FRAME_ANCESTORS,
    ...(options.localMode ? LOCAL_FRAME_ANCESTORS : []),
  ].join(' ');
  const identity = ` ${new URL(options.authorityHost).origin}`;
  const common: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cross-origin-opener-policy': 'same-origin-allow-popups',
  };
  if (options.publicUrl.startsWith('https://')) {
    common['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  }
  return {
    api: {
      ...common,
      'content-security-policy': `default-src 'none'; frame-ancestors ${frameAncestors}`,
    },
    html: {
      ...common,
      'content-security-policy': [
        "default-src 'self'",
        "script-src 'self'",
        // Fluent UI (Griffel) inserts style rules at runtime.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        `connect-src 'self'${identity} ${TEAMS_JS_CDN}`,
        `frame-src 'self'${identity}`,
        "object-src 'none'",
        "base-uri 'self'",
        `form-action 'self'${identity}`,
        `frame-ancestors ${frameAncestors}`,
      ].join('; '),
    },
  };
}
