import type * as TeamsJs from '@microsoft/teams-js';

/** The Teams JS SDK, loaded on demand (it stays out of the initial bundle outside Teams). */
export type TeamsSdk = typeof TeamsJs;

/** A live connection to the Teams host. */
export interface TeamsHost {
  readonly sdk: TeamsSdk;
  /** Host theme at start: `default`, `dark` or `contrast`. */
  readonly theme: string;
  /** The signed-in Teams user's UPN, a hint for sign-in pages. */
  readonly loginHint?: string;
  /** What a deep link to the tab asked for (`context.subEntityId`): the view's query string. */
  readonly subPageId?: string;
  /** The app's id and the tab's entity id: what a deep link back to this tab names. */
  readonly appId?: string;
  readonly pageId?: string;
}

/** Minimal window surface used by the detection; lets tests pass a fake. */
export interface HostWindow {
  readonly self: unknown;
  readonly top: unknown;
  readonly opener: unknown;
  readonly navigator: { readonly userAgent: string };
  readonly location: { readonly search: string; readonly origin: string };
}

/**
 * Could this page be running inside a Teams (or Microsoft 365) host? Cheap hints only: an iframe (web, new Teams),
 * a cross-origin opener (Teams' authentication window), the desktop user agent, or `?inTeams=true` in the content
 * URL. False means "surely not": the SDK is not even loaded then.
 */
export function teamsHint(win: HostWindow): boolean {
  if (/\binTeams=(1|true)\b/i.test(win.location.search)) return true;
  if (/\bTeams\/|Electron.*Teams|MicrosoftTeams/i.test(win.navigator.userAgent)) return true;
  let framed: boolean;
  try {
    framed = win.self !== win.top;
  } catch {
    framed = true;
  }
  if (framed) return true;
  return win.opener != null && !sameOriginOpener(win);
}

/** True when the opener is a page of our own origin (the tab that opened a consent popup in a browser). */
export function sameOriginOpener(win: Pick<HostWindow, 'opener' | 'location'>): boolean {
  try {
    const opener = win.opener as { location?: { origin?: string } } | null;
    return opener?.location?.origin === win.location.origin;
  } catch {
    return false; // cross-origin access throws
  }
}

export interface ConnectTeamsOptions {
  /** How long `app.initialize()` may take before we decide we are not in Teams. Default 4000 ms. */
  readonly timeoutMs?: number;
  /** Default: `import('@microsoft/teams-js')`. */
  readonly load?: () => Promise<TeamsSdk>;
}

/** Loads the SDK and initializes it; undefined when no Teams host answers in time. */
export async function connectTeams(options: ConnectTeamsOptions = {}): Promise<TeamsHost | undefined> {
  const { timeoutMs = 4000, load = () => import('@microsoft/teams-js') } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const sdk = await load();
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    if ((await Promise.race([sdk.app.initialize().then(() => 'ok' as const), timeout])) !== 'ok')
      return undefined;
    const context = await Promise.race([sdk.app.getContext(), timeout]);
    if (context === 'timeout') return { sdk, theme: 'default' };
    const loginHint = context.user?.loginHint ?? context.user?.userPrincipalName;
    // Typed as always there; some hosts (and older clients) leave it out.
    const page = context.page as Partial<typeof context.page> | undefined;
    const subPageId = page?.subPageId;
    const pageId = page?.id;
    const appId = context.app.appId?.toString();
    return {
      sdk,
      theme: context.app.theme ?? 'default',
      ...(loginHint && { loginHint }),
      ...(subPageId && { subPageId }),
      ...(appId && { appId }),
      ...(pageId && { pageId }),
    };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
