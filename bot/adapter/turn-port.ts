import {
  CardFactory,
  CloudAdapterBase,
  TeamsInfo,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import type {
  ConversationHandle,
  ConversationKind,
  ConversationPort,
  Outgoing,
  UserTokenPort,
  Turn,
  TurnInfo,
} from '../app/turn.ts';
import { OAUTH_CARD_CONTENT_TYPE } from '../cards/sign-in.ts';

/** A conversation handle that carries botbuilder's ConversationReference (opaque to handlers). */
export interface ReferenceHandle extends ConversationHandle {
  readonly reference: Partial<ConversationReference>;
}

/** botbuilder TurnContext → the bot's Turn. */
export function toTurn(context: TurnContext): Turn {
  const port = conversationPort(context);
  return { ...port, info: turnInfo(context.activity), handle: referenceHandle(context.activity) };
}

export function turnInfo(activity: Activity): TurnInfo {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: unknown } };
  const tenantId =
    activity.conversation?.tenantId ??
    (typeof channelData.tenant?.id === 'string' ? channelData.tenant.id : undefined);
  return {
    channelId: activity.channelId,
    conversationId: activity.conversation.id,
    conversationKind: conversationKind(activity),
    ...(tenantId ? { tenantId } : {}),
    from: {
      id: activity.from.id,
      ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
      ...(activity.from.name ? { name: activity.from.name } : {}),
    },
    ...(activity.replyToId ? { replyToId: activity.replyToId } : {}),
    ...(typeof activity.localTimezone === 'string' && activity.localTimezone.length <= 64
      ? { localTimezone: activity.localTimezone }
      : {}),
  };
}

function conversationKind(activity: Activity): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || (type !== 'personal' && activity.conversation?.isGroup)) return 'groupChat';
  return 'personal';
}

export function referenceHandle(activity: Activity): ReferenceHandle {
  return {
    conversationId: activity.conversation.id,
    reference: TurnContext.getConversationReference(activity),
  };
}

/** Sending, updating and roster reads through the turn's connector client. */
export function conversationPort(context: TurnContext): ConversationPort {
  return {
    async send(message) {
      const response = await context.sendActivity(toActivity(message));
      return response?.id || undefined;
    },
    async update(activityId, message) {
      await context.updateActivity({ ...toActivity(message), id: activityId });
    },
    async members(max) {
      const page = await TeamsInfo.getPagedMembers(context, max);
      return page.members.map((member) => member.id).filter(Boolean);
    },
    ...userTokensOf(context),
  };
}

/** The part of botframework-connector's UserTokenClient the bot uses (botbuilder does not re-export the type). */
interface UserTokenClient {
  getSignInResource(
    connectionName: string,
    activity: Activity,
    finalRedirect: string,
  ): Promise<{ readonly signInLink?: string } | undefined>;
  getUserToken(
    userId: string,
    connectionName: string,
    channelId: string,
    magicCode: string,
  ): Promise<{ readonly token?: string } | undefined>;
}

/** The CloudAdapter's UserTokenClient for this turn (the Bot Framework token service), as the bot's port. */
function userTokensOf(context: TurnContext): { userTokens?: UserTokenPort } {
  const adapter = context.adapter;
  if (!(adapter instanceof CloudAdapterBase)) return {};
  const client = context.turnState.get<UserTokenClient | undefined>(adapter.UserTokenClientKey);
  if (!client) return {};
  const { activity } = context;
  return {
    userTokens: {
      async signInLink(connectionName) {
        const resource = await client.getSignInResource(connectionName, activity, '');
        return resource?.signInLink || undefined;
      },
      async redeem(connectionName, magicCode) {
        const response = await client.getUserToken(
          activity.from.id,
          connectionName,
          activity.channelId,
          magicCode,
        );
        return response?.token || undefined;
      },
    },
  };
}

export function toActivity(message: Outgoing): Partial<Activity> {
  switch (message.kind) {
    case 'text':
      return { type: 'message', text: message.text };
    case 'card':
      return {
        type: 'message',
        attachments: [CardFactory.adaptiveCard(message.card)],
        ...(message.card.fallbackText ? { summary: message.card.fallbackText } : {}),
      };
    case 'oauth':
      return {
        type: 'message',
        attachments: [{ contentType: OAUTH_CARD_CONTENT_TYPE, content: message.card }],
      };
  }
}
