import { describe, expect, it, jest } from '@jest/globals';
import { bootTab } from '../../../tab/src/app/boot.ts';
import { createTeamsTokenSource, teamsConsent } from '../../../tab/src/auth/teams-auth.ts';
import type { ClientConfig } from '../../../tab/src/config/client-config.ts';
import {
  connectTeams,
  sameOriginOpener,
  teamsHint,
  type HostWindow,
  type TeamsSdk,
} from '../../../tab/src/host/teams.ts';
import { browserTheme, fromTeamsTheme } from '../../../tab/src/theme/theme.ts';

function win(
  overrides: Partial<{ framed: boolean; opener: unknown; ua: string; search: string }> = {},
): HostWindow {
  const self = {};
  return {
    self,
    top: overrides.framed ? {} : self,
    opener: overrides.opener ?? null,
    navigator: { userAgent: overrides.ua ?? 'Mozilla/5.0 Chrome/130' },
    location: { search: overrides.search ?? '', origin: 'http://localhost:3978' },
  };
}

/** A stand-in for the Teams SDK surface the tab uses. */
function fakeSdk(options: { initialize?: () => Promise<void>; theme?: string } = {}) {
  const sdk = {
    app: {
      initialize: jest.fn(options.initialize ?? (async () => undefined)),
      getContext: jest.fn(async () => ({
        app: { theme: options.theme ?? 'dark' },
        user: { loginHint: 'alice@contoso' },
      })),
      notifySuccess: jest.fn(async () => undefined),
      registerOnThemeChangeHandler: jest.fn(),
    },
    authentication: {
      getAuthToken: jest.fn(async () => 'sso-token'),
      authenticate: jest.fn(async (_p: { url: string }) => 'consented'),
    },
  };
  return sdk as typeof sdk & TeamsSdk;
}

describe('Teams host detection', () => {
  it('hints Teams from an iframe, the desktop user agent, the content URL or a foreign opener', () => {
    expect(teamsHint(win())).toBe(false);
    expect(teamsHint(win({ framed: true }))).toBe(true);
    expect(teamsHint(win({ ua: 'Mozilla/5.0 Teams/24295' }))).toBe(true);
    expect(teamsHint(win({ search: '?inTeams=true' }))).toBe(true);
    expect(teamsHint(win({ opener: { location: { origin: 'https://teams.microsoft.com' } } }))).toBe(true);
    expect(teamsHint(win({ opener: { location: { origin: 'http://localhost:3978' } } }))).toBe(false);
    const crossOrigin = {
      get location(): never {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    expect(sameOriginOpener({ ...win(), opener: crossOrigin })).toBe(false);
  });

  it('connects: initialize, then theme and login hint from the context', async () => {
    const sdk = fakeSdk();
    expect(await connectTeams({ load: async () => sdk })).toEqual({
      sdk,
      theme: 'dark',
      loginHint: 'alice@contoso',
    });
  });

  it('a deep link into the tab: its subPageId (the view), the app id and the tab entity id', async () => {
    const sdk = fakeSdk();
    sdk.app.getContext.mockResolvedValueOnce({
      app: { theme: 'default', appId: { toString: () => 'app-guid' } },
      page: { id: 'vms', subPageId: 'group=subscription' },
      user: { loginHint: 'alice@contoso' },
    } as never);
    expect(await connectTeams({ load: async () => sdk })).toEqual({
      sdk,
      theme: 'default',
      loginHint: 'alice@contoso',
      subPageId: 'group=subscription',
      appId: 'app-guid',
      pageId: 'vms',
    });
  });

  it('gives up when no host answers in time, or the SDK fails', async () => {
    const hanging = fakeSdk({ initialize: () => new Promise<void>(() => undefined) });
    expect(await connectTeams({ load: async () => hanging, timeoutMs: 20 })).toBeUndefined();
    expect(
      await connectTeams({ load: async () => Promise.reject(new Error('chunk failed')) }),
    ).toBeUndefined();
  });

  it('boots in Teams, in local mode or standalone', async () => {
    const config = { localMode: true } as ClientConfig;
    const sdk = fakeSdk();
    const teams = await bootTab({
      win: win({ framed: true }),
      loadConfig: async () => config,
      connect: async () => ({ sdk, theme: 'default' }),
    });
    expect(teams.kind).toBe('teams');
    expect(sdk.app.notifySuccess).toHaveBeenCalled();
    const connect = jest.fn(connectTeams);
    expect((await bootTab({ win: win(), loadConfig: async () => config, connect })).kind).toBe('local');
    expect(connect).not.toHaveBeenCalled();
    expect(
      (
        await bootTab({
          win: win({ framed: true }),
          loadConfig: async () => ({ ...config, localMode: false }),
          connect: async () => undefined,
        })
      ).kind,
    ).toBe('standalone');
  });
});

describe('Teams auth', () => {
  it('gets the SSO token from Teams and reports its failures as TeamsAuthFailed', async () => {
    const sdk = fakeSdk();
    expect(await createTeamsTokenSource(sdk).getToken()).toBe('sso-token');
    sdk.authentication.getAuthToken.mockRejectedValueOnce(new Error('resourceDisabled'));
    await expect(createTeamsTokenSource(sdk).getToken()).rejects.toMatchObject({
      code: 'TeamsAuthFailed',
      message: expect.stringContaining('resourceDisabled'),
    });
  });

  it('opens auth-start through authentication.authenticate for consent', async () => {
    const sdk = fakeSdk();
    await teamsConsent(sdk, 'https://vm.contoso.com', 'erin@contoso');
    const url = new URL(sdk.authentication.authenticate.mock.calls[0]![0].url);
    expect(url.origin + url.pathname).toBe('https://vm.contoso.com/auth-start.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      mode: 'consent',
      prompt: 'consent',
      loginHint: 'erin@contoso',
    });
    sdk.authentication.authenticate.mockRejectedValueOnce(new Error('CancelledByUser'));
    await expect(teamsConsent(sdk, 'https://vm.contoso.com')).rejects.toMatchObject({
      code: 'ConsentRequired',
      message: 'The consent window was closed before you granted access.',
    });
  });
});

describe('theme', () => {
  it('maps Teams themes and the browser preference', () => {
    expect([
      fromTeamsTheme('default'),
      fromTeamsTheme('dark'),
      fromTeamsTheme('contrast'),
      fromTeamsTheme(undefined),
    ]).toEqual(['light', 'dark', 'contrast', 'light']);
    const media =
      (dark: boolean, forced = false) =>
      (q: string) => ({ matches: q.includes('forced-colors') ? forced : dark });
    expect(browserTheme('', media(true))).toBe('dark');
    expect(browserTheme('', media(false, true))).toBe('contrast');
    expect(browserTheme('?theme=light', media(true))).toBe('light');
    expect(browserTheme('?theme=bogus')).toBe('light');
  });
});
