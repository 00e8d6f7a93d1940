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
}

export type ConversationKind = 'personal' | 'groupChat';

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
    channelData: { tenant: { id: config.tenantId } },
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
