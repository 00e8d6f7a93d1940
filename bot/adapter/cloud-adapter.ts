import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from 'pino';

/** Bot Framework identity of the bot. No `appId` → anonymous local mode (as the Bot Framework Emulator). */
export interface BotIdentityConfig {
  /** `MicrosoftAppId` (for `UserAssignedMSI`, the managed identity's client id). */
  readonly appId?: string;
  /** `MicrosoftAppPassword`; not used with a managed identity. */
  readonly appPassword?: string;
  /** `MultiTenant` (default) | `SingleTenant` | `UserAssignedMSI`. */
  readonly appType?: string;
  /** `MicrosoftAppTenantId`, required for `SingleTenant` and `UserAssignedMSI`. */
  readonly appTenantId?: string;
  /**
   * The Bot Framework token service (the OAuth connection's sign-in links and magic codes). Default: the public
   * cloud's; local mode points it at the dev chat's stand-in (a function: the port is known once listening).
   */
  readonly oauthUrl?: string | (() => string);
  /**
   * Anonymous local mode: the app id the token service is told (the token API names the bot in every sign-in
   * state; anonymous requests carry none). The local app registration's client id, as the dev chat's bot id.
   */
  readonly localAppId?: string;
}

type AuthSettings = ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0];
type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];

/** The configured authentication, with a token service URL resolved on first use (and kept). */
class LateOAuthUrlAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly #settings: AuthSettings;
  readonly #oauthUrl: () => string;
  readonly #anonymousAppId: string | undefined;
  #tokens?: ConfigurationBotFrameworkAuthentication;

  constructor(settings: AuthSettings, oauthUrl: () => string, anonymousAppId?: string) {
    super(settings);
    this.#settings = settings;
    this.#oauthUrl = oauthUrl;
    this.#anonymousAppId = anonymousAppId;
  }

  override createUserTokenClient(claimsIdentity: Claims) {
    this.#tokens ??= new ConfigurationBotFrameworkAuthentication({
      ...this.#settings,
      OAuthUrl: this.#oauthUrl(),
    });
    const appId = this.#anonymousAppId;
    if (!appId || claimsIdentity.getClaimValue('aud'))
      return this.#tokens.createUserTokenClient(claimsIdentity);
    // An anonymous request: the same identity, naming the local bot as its audience (as Teams' token would).
    const named: Claims = Object.create(claimsIdentity, {
      getClaimValue: {
        value: (type: string) => (type === 'aud' ? appId : claimsIdentity.getClaimValue(type)),
      },
    });
    return this.#tokens.createUserTokenClient(named);
  }
}

/** True when requests are not authenticated: only for local development. */
export function isAnonymous(config: BotIdentityConfig): boolean {
  return !config.appId;
}

/**
 * botbuilder's CloudAdapter: real Bot Framework authentication (JWT validation of Teams' requests,
 * tokens for replies) when an app id is configured; anonymous otherwise.
 */
export function createCloudAdapter(config: BotIdentityConfig, logger: Logger): CloudAdapter {
  const settings = isAnonymous(config)
    ? {}
    : {
        MicrosoftAppId: config.appId,
        MicrosoftAppPassword: config.appPassword,
        MicrosoftAppType: config.appType ?? 'MultiTenant',
        MicrosoftAppTenantId: config.appTenantId,
      };
  const { oauthUrl } = config;
  const auth =
    typeof oauthUrl === 'function'
      ? new LateOAuthUrlAuthentication(
          settings,
          oauthUrl,
          isAnonymous(config) ? config.localAppId : undefined,
        )
      : new ConfigurationBotFrameworkAuthentication(
          oauthUrl ? { ...settings, OAuthUrl: oauthUrl } : settings,
        );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    const { type, name } = context.activity;
    logger.error({ activityType: type, name, err: error }, 'bot.turn_error');
    try {
      if (type === 'invoke') {
        await context.sendActivity({
          type: 'invokeResponse',
          value: {
            status: 500,
            body: { error: { code: 'InternalError', message: 'The bot hit an unexpected error.' } },
          },
        });
      } else if (type === 'message') {
        await context.sendActivity('Sorry, something went wrong on my side. Try again in a moment.');
      }
    } catch (sendError) {
      logger.warn({ err: sendError }, 'bot.turn_error_reply_failed');
    }
  };
  return adapter;
}
