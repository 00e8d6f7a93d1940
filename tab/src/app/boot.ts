import { loadClientConfig, type ClientConfig } from '../config/client-config.ts';
import { connectTeams, teamsHint, type HostWindow, type TeamsHost } from '../host/teams.ts';

/** Where the tab runs, decided once at start. */
export type Boot =
  | { readonly kind: 'teams'; readonly config: ClientConfig; readonly host: TeamsHost }
  | { readonly kind: 'local'; readonly config: ClientConfig }
  /** Production configuration opened outside Teams: nothing to sign in with. */
  | { readonly kind: 'standalone'; readonly config: ClientConfig };

export interface BootOptions {
  readonly win: HostWindow;
  readonly loadConfig?: typeof loadClientConfig;
  readonly connect?: typeof connectTeams;
}

/** Loads the client config and, when the page may be in Teams, connects to the host (in parallel). */
export async function bootTab(options: BootOptions): Promise<Boot> {
  const { win, loadConfig = loadClientConfig, connect = connectTeams } = options;
  const [config, host] = await Promise.all([
    loadConfig(),
    teamsHint(win) ? connect() : Promise.resolve(undefined),
  ]);
  if (host) {
    host.sdk.app.notifySuccess().catch(() => undefined);
    return { kind: 'teams', config, host };
  }
  return config.localMode ? { kind: 'local', config } : { kind: 'standalone', config };
}
