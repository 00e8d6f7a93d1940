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
  const auth = isAnonymous(config)
    ? new ConfigurationBotFrameworkAuthentication({})
    : new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: config.appId,
        MicrosoftAppPassword: config.appPassword,
        MicrosoftAppType: config.appType ?? 'MultiTenant',
        MicrosoftAppTenantId: config.appTenantId,
      });
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
