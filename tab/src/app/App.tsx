import {
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient } from '../api/client.ts';
import { AUTH_START_PATH } from '../auth/flow.ts';
import {
  clearSession,
  createLocalTokenSource,
  loadSession,
  type LocalSession,
} from '../auth/local-session.ts';
import { browserConsent } from '../auth/popup.ts';
import { createTeamsTokenSource, teamsConsent } from '../auth/teams-auth.ts';
import { createTokenClient } from '../auth/token-client.ts';
import type { ClientConfig } from '../config/client-config.ts';
import type { TeamsHost } from '../host/teams.ts';
import { browserTheme, fluentTheme, fromTeamsTheme, type ThemeName } from '../theme/theme.ts';
import type { AuthAdapter } from './auth-adapter.ts';
import type { Boot } from './boot.ts';
import { SignInPage } from './SignInPage.tsx';
import { VmPage } from './VmPage.tsx';

const useStyles = makeStyles({
  standalone: { padding: tokens.spacingHorizontalXXL },
});

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
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onChange = () => setTheme(browserTheme(window.location.search, window.matchMedia.bind(window)));
    media?.addEventListener('change', onChange);
    return () => media?.removeEventListener('change', onChange);
  }, [boot]);
  return theme;
}

export function App({ boot }: { readonly boot: Boot }) {
  const styles = useStyles();
  const theme = useTheme(boot);
  return (
    <FluentProvider theme={fluentTheme(theme)} style={PROVIDER_STYLE} data-theme={theme}>
      {boot.kind === 'teams' && <TeamsApp config={boot.config} host={boot.host} />}
      {boot.kind === 'local' && <LocalApp config={boot.config} />}
      {boot.kind === 'standalone' && (
        <main className={styles.standalone}>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Open VM Manager in Microsoft Teams</MessageBarTitle>
              This page is the VM Manager tab. Add the app in Teams to sign in with your organization account.
            </MessageBarBody>
          </MessageBar>
        </main>
      )}
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
  return <VmPage api={api} auth={auth} />;
}

/** Local mode in a browser: the emulator sign-in, the session in sessionStorage, consent in a popup. */
function LocalApp({ config }: { readonly config: ClientConfig }) {
  const [session, setSession] = useState<LocalSession | undefined>(() => loadSession(window.sessionStorage));
  const [notice, setNotice] = useState<string | undefined>();

  const signOut = useCallback((reason?: string) => {
    clearSession(window.sessionStorage);
    setSession(undefined);
    setNotice(reason);
  }, []);

  // A new adapter only when another user signs in (token renewals keep the same account).
  const signedIn = session !== undefined;
  const upn = session?.account.upn;
  const oid = session?.account.oid;
  const auth = useMemo<AuthAdapter | undefined>(() => {
    if (!signedIn) return undefined;
    const tokens = createLocalTokenSource({
      config,
      storage: window.sessionStorage,
      tokens: createTokenClient({ authority: config.authority }),
      onSignedOut: (reason) => signOut(reason),
    });
    return {
      kind: 'local',
      tokens,
      consent: () => browserConsent(window, upn),
      signOut: () => signOut('You signed out.'),
    };
  }, [config, signedIn, upn, oid, signOut]);
  const api = useMemo(() => (auth ? createApiClient({ tokens: auth.tokens }) : undefined), [auth]);

  if (!auth || !api) {
    const signIn = () => window.location.assign(`${AUTH_START_PATH}?mode=signin&prompt=select_account`);
    return <SignInPage onSignIn={signIn} {...(notice && { notice })} />;
  }
  return <VmPage key={oid} api={api} auth={auth} />;
}
