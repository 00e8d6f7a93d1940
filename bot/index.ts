import { ARM_DELEGATED_SCOPE } from '../contract/scopes.ts';
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type {
  AutoShutdownService,
  OboExchanger,
  OperationService,
  TokenValidator,
  VmService,
} from '../src/domain/services.ts';
import { AppError } from '../src/domain/errors.ts';
import { isLocalHostHeader } from '../src/net/loopback.ts';
import { createTeamsBotRuntime } from './adapter/runtime.ts';
import type { SecretBox } from '../src/state/secret-box.ts';
import type { StateStore } from '../src/state/store.ts';
import { BOT_ROUTE } from './endpoint.ts';
import { signInUrl } from './cards/sign-in.ts';
import { mountDevChat, type MountedDevChat } from './devchat/routes.ts';
import { TOKEN_SERVICE_PATH } from './devchat/token-service.ts';
import type { VmDetailsReader } from './app/vm-actions.ts';

/** `BOT_OAUTH_CONNECTION` when unset (docs/configuration.md). */
export const DEFAULT_OAUTH_CONNECTION = 'TeamsSso';

/** Settings the bot needs; built by the service's config module (src/config). */
export interface BotConfig {
  /** Bot Framework app id (`MicrosoftAppId`). Absent is allowed only in local mode (anonymous, as the Bot Framework Emulator). */
  readonly appId?: string;
  readonly appPassword?: string;
  /** `MultiTenant` | `SingleTenant` | `UserAssignedMSI`. */
  readonly appType?: string;
  readonly appTenantId?: string;
  /** SSO: the app registration's client id and identifier URI (`api://{domain}/botid-{botId}`). */
  readonly sso: { readonly clientId: string; readonly identifierUri: string; readonly tenantId: string };
  /** Public base URL of this service (for sign-in / consent pages and card links). */
  readonly publicUrl: string;
  /** True when running against the local emulator (enables /dev/chat). */
  readonly localMode: boolean;
  /** Emulator base URL in local mode. */
  readonly emulatorUrl?: string;
  /** Emulator CA certificate (PEM) in local mode: the dev chat proxies the emulator's control API with it. */
  readonly emulatorCa?: string;
  /**
   * `BOT_OAUTH_CONNECTION`: the `connectionName` on every OAuthCard and loginRequest. Teams runs
   * card-action SSO only for a connection configured on the Azure Bot. Default {@link DEFAULT_OAUTH_CONNECTION}.
   */
  readonly oauthConnection?: string;
}

export interface BotDeps {
  readonly vms: VmService;
  readonly operations: OperationService;
  readonly tokens: TokenValidator;
  readonly obo: OboExchanger;
  /** The VM details service (src/vms/details.ts): the VM card's Connect. */
  readonly details?: VmDetailsReader;
  /** VM auto-shutdown: the bot's command and buttons, and the cards before a shutdown. */
  readonly autoShutdown?: AutoShutdownService;
  readonly config: BotConfig;
  readonly logger: Logger;
  /** The state store seam (memory, or Redis shared by every instance). */
  readonly state: StateStore;
  /** Seals secrets (users' tokens) at rest. */
  readonly box: SecretBox;
}

export interface MountedBot {
  close(): Promise<void>;
}

/** Registers `POST /api/messages` (and, in local mode, `/dev/chat`) on the service's restify server. */
export function mountBot(server: Server, deps: BotDeps): MountedBot {
  const { config, logger } = deps;
  // Fail closed: the configuration refuses this already; never serve anonymous activities outside local mode.
  if (!config.appId && !config.localMode) {
    throw new Error(
      'MicrosoftAppId is not set: outside local mode the bot must authenticate Bot Framework requests.',
    );
  }
  const connectionName = config.oauthConnection ?? DEFAULT_OAUTH_CONNECTION;
  // Local mode: the dev chat's stand-in for the Bot Framework token service (the OAuth connection's sign-in).
  const devChat = config.localMode && config.emulatorUrl;
  const runtime = createTeamsBotRuntime({
    identity: devChat
      ? {
          ...config,
          oauthUrl: () => localTokenServiceUrl(server, config.publicUrl),
          localAppId: config.sso.clientId,
        }
      : config,
    signIn: {
      signInUrl: signInUrl({
        publicUrl: config.publicUrl,
        clientId: config.sso.clientId,
        tenantId: config.sso.tenantId,
        scope: ARM_DELEGATED_SCOPE,
      }),
      connectionName,
      identifierUri: config.sso.identifierUri,
    },
    vms: deps.vms,
    operations: deps.operations,
    tokens: deps.tokens,
    obo: deps.obo,
    ...(deps.details ? { details: deps.details } : {}),
    ...(deps.autoShutdown ? { autoShutdown: deps.autoShutdown } : {}),
    logger,
    state: deps.state,
    box: deps.box,
  });
  server.post(BOT_ROUTE, async function botMessages(req: Request, res: Response) {
    // Local mode's bot is anonymous: only this machine may talk to it, by its own name (a foreign
    // Host is DNS rebinding from a web page).
    if (config.localMode && !isLocalHostHeader(req.headers.host, req.socket.localPort)) {
      throw new AppError('Forbidden', 'In local mode the bot only serves this machine (localhost).', {});
    }
    await runtime.messages(req, res);
  });

  let chat: MountedDevChat | undefined;
  if (devChat && config.emulatorUrl) {
    chat = mountDevChat(server, {
      emulatorUrl: config.emulatorUrl,
      ...(config.emulatorCa ? { emulatorCa: config.emulatorCa } : {}),
      botName: 'VM Manager',
      oauthConnection: connectionName,
      logger,
    });
  }
  return {
    async close() {
      chat?.close();
      await runtime.close();
    },
  };
}

/** The dev chat's token service on this server: the public URL, or the bound port when it was `0` (tests). */
function localTokenServiceUrl(server: Server, publicUrl: string): string {
  const url = new URL(TOKEN_SERVICE_PATH, publicUrl);
  const address = server.address();
  if (url.port === '0' && address && typeof address === 'object') {
    url.hostname = '127.0.0.1';
    url.port = String(address.port);
  }
  return url.toString();
}
