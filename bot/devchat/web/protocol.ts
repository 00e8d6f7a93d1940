/**
 * What the Teams client sends a bot, reduced to what the dev chat needs: Teams-shaped message and
 * invoke activities from a seeded user, with serviceUrl pointing at the local connector.
 */

export interface DevUser {
  readonly key: string;
  readonly name: string;
  readonly upn: string;
  readonly oid: string;
}

export interface DevConfig {
  readonly tenantId: string;
  readonly users: readonly DevUser[];
  readonly bot: { readonly id: string; readonly name: string };
  readonly teamsClientId?: string;
  /** The one OAuth connection configured on the (local) Azure Bot: `BOT_OAUTH_CONNECTION`. */
  readonly oauthConnection: string;
}

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface ConversationInfo {
  readonly id: string;
  readonly kind: ConversationKind;
  readonly title: string;
}

/** Teams user ids (MRIs) of the dev users. */
export const mri = (userKey: string) => `29:${userKey}`;

export const personalConversationId = (userKey: string) => `dev-personal-${userKey}`;
export const GROUP_CONVERSATION: ConversationInfo = {
  id: 'dev-group-ops',
  kind: 'groupChat',
  title: 'Ops team',
};

export const CHANNEL_CONVERSATION: ConversationInfo = {
  id: '19:dev-channel-general@thread.tacv2',
  kind: 'channel',
  title: 'General',
};
const DEV_TEAM_ID = '19:dev-team-ops@thread.tacv2';

/** The local connector the bot replies to. */
export const serviceUrl = (origin: string) => `${origin}/dev/connector/`;

export function baseActivity(
  config: DevConfig,
  user: DevUser,
  conversation: ConversationInfo,
  origin: string,
) {
  return {
    id: crypto.randomUUID(),
    channelId: 'msteams',
    serviceUrl: serviceUrl(origin),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    locale: navigator.language || 'en-US',
    from: { id: mri(user.key), name: user.name, aadObjectId: user.oid },
    recipient: { id: config.bot.id, name: config.bot.name },
    conversation: {
      id: conversation.id,
      conversationType: conversation.kind,
      tenantId: config.tenantId,
      ...(conversation.kind === 'personal' ? {} : { isGroup: true }),
    },
    channelData: {
      tenant: { id: config.tenantId },
      ...(conversation.kind === 'channel'
        ? { team: { id: DEV_TEAM_ID }, channel: { id: conversation.id, name: conversation.title } }
        : {}),
    },
  };
}

/** A message; in group chats the bot is @mentioned, as Teams requires. */
export function messageActivity(
  config: DevConfig,
  user: DevUser,
  conversation: ConversationInfo,
  origin: string,
  text: string,
) {
  const mention = `<at>${config.bot.name}</at>`;
  const group = conversation.kind !== 'personal';
  return {
    ...baseActivity(config, user, conversation, origin),
    type: 'message',
    textFormat: 'plain',
    text: group ? `${mention} ${text}` : text,
    ...(group ? { entities: [{ type: 'mention', text: mention, mentioned: config.bot }] } : {}),
  };
}

export function invokeActivity(
  config: DevConfig,
  user: DevUser,
  conversation: ConversationInfo,
  origin: string,
  name: string,
  value: unknown,
  replyToId?: string,
) {
  return {
    ...baseActivity(config, user, conversation, origin),
    type: 'invoke',
    name,
    value,
    ...(replyToId ? { replyToId } : {}),
  };
}

export interface OAuthCardJson {
  readonly text?: string;
  readonly connectionName?: string;
  readonly buttons?: readonly { readonly type: string; readonly title?: string; readonly value: string }[];
  readonly tokenExchangeResource?: { readonly id: string; readonly uri: string };
}

/** The `adaptiveCard/action` answer body (Universal Actions). */
export interface CardActionAnswer {
  readonly statusCode?: number;
  readonly type?: string;
  readonly value?: unknown;
}

/**
 * Teams runs a sign-in (an OAuthCard, or a card action's `loginRequest`) only for an OAuth connection configured on
 * the Azure Bot; any other `connectionName` fails in the client ("Unexpected response type for Status Code: 401").
 * Returns the refusal Teams would show, or undefined when the card names the configured connection.
 */
export function connectionRefusal(card: OAuthCardJson | undefined, configured: string): string | undefined {
  const name = card?.connectionName ?? '';
  if (name === configured) return undefined;
  return `Unexpected response type for Status Code: 401. The bot asked for sign-in with OAuth connection “${name.slice(0, 80)}”, but the Azure Bot has only “${configured}” (BOT_OAUTH_CONNECTION).`;
}

/** The command of the manifest's message extension (composeExtensions) and its parameter. */
export const SEARCH_COMMAND = { id: 'searchVms', parameter: 'searchQuery' } as const;

/** Links the manifest's `messageHandlers` unfurl: the Azure portal. */
export const UNFURL_LINK = /https:\/\/portal\.azure\.com\/[^\s<>"]+/i;

/** `composeExtension/query` or `queryLink` answers, as the compose box reads them. */
export interface ComposeAnswer {
  readonly composeExtension?: {
    readonly type?: string;
    readonly text?: string;
    readonly attachments?: readonly {
      readonly contentType: string;
      readonly content: unknown;
      readonly preview?: { readonly content?: { title?: string; subtitle?: string; text?: string } };
    }[];
    readonly suggestedActions?: { readonly actions?: readonly { readonly value?: string }[] };
  };
  readonly error?: { readonly code?: string; readonly message?: string };
}
