import { FluentProvider } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient } from '../api/client.ts';
import { createTeamsTokenSource, teamsConsent } from '../auth/teams-auth.ts';
import type { ClientConfig } from '../config/client-config.ts';
import type { TeamsHost } from '../host/teams.ts';
import { browserTheme, fluentTheme, fromTeamsTheme, type ThemeName } from '../theme/theme.ts';
import type { AuthAdapter } from './auth-adapter.ts';
import type { Boot } from './boot.ts';
import { copyText } from '../details/clipboard.ts';
import { teamsDeepLink, viewQuery, type ViewState } from './view-state.ts';
import { VmPage } from './VmPage.tsx';
import { BrowserApp, EasyAuthApp } from './WebApp.tsx';

/**
 * Inline, not a class: FluentProvider copies its className onto portal mount nodes (tooltips, dialogs, toasts), and a
 * full-height class there would cover the page.
 */
const PROVIDER_STYLE = { height: '100%' } as const;

/** The host's theme: Teams' (and its changes), or the browser's colour scheme. */
function useTheme(boot: Boot): ThemeName {
  const [theme, setTheme] = useState<ThemeName>(() =>
    boot.kind === 'teams'
      ? fromTeamsTheme(boot.host.theme)
      : browserTheme(window.location.search, window.matchMedia?.bind(window)),
  );
  useEffect(() => {
    if (boot.kind === 'teams') {
      boot.host.sdk.app.registerOnThemeChangeHandler((name) => setTheme(fromTeamsTheme(name)));
      return;
    }
    // The colour scheme, and Windows' high contrast (forced colours) switched on or off while the tab is open.
    const media = ['(prefers-color-scheme: dark)', '(forced-colors: active)'].map((q) =>
      window.matchMedia?.(q),
    );
    const onChange = () => setTheme(browserTheme(window.location.search, window.matchMedia.bind(window)));
    for (const m of media) m?.addEventListener('change', onChange);
    return () => {
      for (const m of media) m?.removeEventListener('change', onChange);
    };
  }, [boot]);
  return theme;
}

export function App({ boot }: { readonly boot: Boot }) {
  const theme = useTheme(boot);
  return (
    <FluentProvider theme={fluentTheme(theme)} style={PROVIDER_STYLE} data-theme={theme}>
      {boot.kind === 'teams' && <TeamsApp config={boot.config} host={boot.host} />}
      {boot.kind === 'easyauth' && <EasyAuthApp session={boot.session} />}
      {(boot.kind === 'local' || boot.kind === 'standalone') && <BrowserApp config={boot.config} />}
    </FluentProvider>
  );
}

function TeamsApp({ host }: { readonly config: ClientConfig; readonly host: TeamsHost }) {
  const auth = useMemo<AuthAdapter>(
    () => ({
      kind: 'teams',
      tokens: createTeamsTokenSource(host.sdk),
      consent: () => teamsConsent(host.sdk, window.location.origin, host.loginHint),
    }),
    [host],
  );
  const api = useMemo(() => createApiClient({ tokens: auth.tokens }), [auth]);
  const shareView = useCallback((view: ViewState) => shareTeamsView(host, view), [host]);
  return (
    <VmPage
      api={api}
      auth={auth}
      shareView={shareView}
      {...(host.subPageId && { initialView: host.subPageId })}
    />
  );
}

/**
 * In Teams a view is shared as a deep link to the tab (the host's share dialog when it has one, else the link is
 * copied); its `subPageId` carries the view's query, which the tab reads back at start.
 */
async function shareTeamsView(host: TeamsHost, view: ViewState): Promise<'copied' | 'shared' | 'failed'> {
  const subPageId = viewQuery(view);
  try {
    if (host.sdk.pages.isSupported()) {
      host.sdk.pages.shareDeepLink({ subPageId, subPageLabel: 'VM Manager: virtual machines' });
      return 'shared';
    }
  } catch {
    // fall back to copying the link
  }
  if (!host.appId) return 'failed';
  return (await copyText(teamsDeepLink(host.appId, host.pageId ?? 'vms', view))) ? 'copied' : 'failed';
}
