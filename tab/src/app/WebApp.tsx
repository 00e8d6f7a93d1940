import { Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient } from '../api/client.ts';
import {
  createEasyAuthTokenSource,
  easyAuthLoginUrl,
  easyAuthLogoutUrl,
  type EasyAuthSession,
} from '../auth/easy-auth.ts';
import { startMsal, type MsalSignIn } from '../auth/msal.ts';
import { failureFromError, type SignInFailure } from '../auth/sign-in-error.ts';
import { browserConsent } from '../auth/popup.ts';
import type { ClientConfig } from '../config/client-config.ts';
import { rememberedTheme } from '../theme/theme.ts';
import type { AuthAdapter } from './auth-adapter.ts';
import { SignInPage } from './SignInPage.tsx';
import { VmPage } from './VmPage.tsx';

const here = () => window.location.pathname + window.location.search + window.location.hash;

/**
 * Behind App Service authentication: the platform's session signs every API call (no bearer token; the CSRF header
 * instead), `/.auth/refresh` renews it after a 401, `/.auth/login/aad` and `/.auth/logout` sign in and out.
 */
export function EasyAuthApp({ session }: { readonly session: EasyAuthSession }) {
  const [notice, setNotice] = useState<string | undefined>();
  const account = notice === undefined ? session.account : undefined;
  const upn = account?.upn;
  const auth = useMemo<AuthAdapter | undefined>(() => {
    if (upn === undefined) return undefined;
    return {
      kind: 'easyauth',
      tokens: createEasyAuthTokenSource({ onSignedOut: (reason) => setNotice(reason) }),
      consent: () => browserConsent(window, upn || undefined),
      signOut: () => window.location.assign(easyAuthLogoutUrl(rememberedTheme())),
    };
  }, [upn]);
  const api = useMemo(() => (auth ? createApiClient({ tokens: auth.tokens }) : undefined), [auth]);
  if (!auth || !api) {
    const signIn = () => window.location.assign(easyAuthLoginUrl(here(), window.location.origin));
    return <SignInPage onSignIn={signIn} {...(notice && { notice })} />;
  }
  return <VmPage api={api} auth={auth} />;
}

/** One MSAL start per page load (React's StrictMode runs effects twice; the redirect must be handled once). */
let started: { clientId: string; promise: Promise<MsalSignIn> } | undefined;
function startOnce(config: ClientConfig, onSignedOut: (reason: string) => void): Promise<MsalSignIn> {
  if (started?.clientId !== config.clientId) {
    started = {
      clientId: config.clientId,
      promise: startMsal({ config, origin: window.location.origin, onSignedOut }),
    };
  }
  return started.promise;
}

/** A browser outside App Service authentication: MSAL (code + PKCE, redirect), consent in a popup. */
export function BrowserApp({ config }: { readonly config: ClientConfig }) {
  const [msal, setMsal] = useState<MsalSignIn | undefined>();
  const [startError, setStartError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [signedOut, setSignedOut] = useState(false);
  const [failure, setFailure] = useState<SignInFailure | undefined>();
  const onSignedOut = useCallback((reason: string) => {
    setNotice(reason);
    setSignedOut(true);
  }, []);

  useEffect(() => {
    let live = true;
    startOnce(config, onSignedOut).then(
      (m) => live && setMsal(m),
      (error: unknown) => live && setStartError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [config, onSignedOut]);

  const account = !signedOut ? msal?.account : undefined;
  const upn = account?.upn;
  const oid = account?.oid;
  const auth = useMemo<AuthAdapter | undefined>(() => {
    if (!msal || upn === undefined) return undefined;
    return {
      kind: 'local',
      tokens: msal.tokens,
      consent: () => browserConsent(window, upn),
      signOut: () => void msal.signOut(),
    };
  }, [msal, upn]);
  const api = useMemo(() => (auth ? createApiClient({ tokens: auth.tokens }) : undefined), [auth]);

  if (startError)
    return (
      <SignInPage
        onSignIn={() => window.location.reload()}
        notice={`Sign-in could not start: ${startError}`}
      />
    );
  if (!msal) return <Spinner label="Signing in…" style={{ marginTop: '20vh' }} />;
  // A sign-in that cannot even start (another one in progress, the authority unreachable) lands on the error page too.
  const signIn = () =>
    void msal.signIn({ returnTo: here() }).catch((error: unknown) => setFailure(failureFromError(error)));
  const shown = failure ?? (notice ? undefined : msal.failure);
  if (!auth || !api) {
    return (
      <SignInPage
        onSignIn={signIn}
        {...(notice && !failure && { notice })}
        {...(shown && { failure: shown })}
      />
    );
  }
  return <VmPage key={oid} api={api} auth={auth} />;
}
