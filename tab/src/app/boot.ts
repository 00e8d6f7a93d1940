import { probeEasyAuth, type EasyAuthSession } from '../auth/easy-auth.ts';
import { loadClientConfig, type ClientConfig } from '../config/client-config.ts';
import { connectTeams, teamsHint, type HostWindow, type TeamsHost } from '../host/teams.ts';

/** Where the tab runs, decided once at start. */
export type Boot =
  | { readonly kind: 'teams'; readonly config: ClientConfig; readonly host: TeamsHost }
  /** Behind App Service authentication (`/.auth/me` answered): the session signs the API calls. */
  | { readonly kind: 'easyauth'; readonly config: ClientConfig; readonly session: EasyAuthSession }
  /** A browser, local mode: MSAL against the emulator. */
  | { readonly kind: 'local'; readonly config: ClientConfig }
  /** A browser, production configuration: MSAL against Entra ID. */
  | { readonly kind: 'standalone'; readonly config: ClientConfig };

export interface BootOptions {
  readonly win: HostWindow;
  readonly loadConfig?: typeof loadClientConfig;
  readonly connect?: typeof connectTeams;
  /** Default: `GET /.auth/me`. */
  readonly probe?: () => Promise<EasyAuthSession | undefined>;
}

/**
 * Loads the client config and, when the page may be in Teams, connects to the host (in parallel). Outside Teams it
 * asks `/.auth/me` whether App Service authentication is in front of the app.
 */
export async function bootTab(options: BootOptions): Promise<Boot> {
  const {
    win,
    loadConfig = loadClientConfig,
    connect = connectTeams,
    probe = () => probeEasyAuth(),
  } = options;
  const hinted = teamsHint(win);
  const [config, host, early] = await Promise.all([
    loadConfig(),
    hinted ? connect() : Promise.resolve(undefined),
    hinted ? Promise.resolve(undefined) : probe(),
  ]);
  if (host) {
    host.sdk.app.notifySuccess().catch(() => undefined);
    return { kind: 'teams', config, host };
  }
  const session = hinted ? await probe() : early;
  if (session) return { kind: 'easyauth', config, session };
  return config.localMode ? { kind: 'local', config } : { kind: 'standalone', config };
}
