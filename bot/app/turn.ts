import type { AdaptiveCard } from '../cards/adaptive.ts';
import type { OAuthCard } from '../cards/sign-in.ts';

/**
 * The bot's view of one conversation turn, free of any Bot Framework type: the adapter folder maps
 * botbuilder's TurnContext onto these, so handlers and cards never import botbuilder.
 */

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface Sender {
  /** Channel user id (Teams MRI `29:…`): what `refresh.userIds` lists. */
  readonly id: string;
  /** Entra object id of the sender, when the channel provides it (Teams does). */
  readonly aadObjectId?: string;
  readonly name?: string;
}

export interface TurnInfo {
  readonly channelId: string;
  readonly conversationId: string;
  readonly conversationKind: ConversationKind;
  /** Tenant of the conversation (`conversation.tenantId` or `channelData.tenant.id`). */
  readonly tenantId?: string;
  readonly from: Sender;
  /** For invokes from a card: the id of the message holding the card. */
  readonly replyToId?: string;
  /** The sender's time zone (IANA), when the Teams client said (`localTimezone`). */
  readonly localTimezone?: string;
}

export type Outgoing =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'card'; readonly card: AdaptiveCard }
  | { readonly kind: 'oauth'; readonly card: OAuthCard };

/**
 * The Azure Bot's OAuth connection, through the Bot Framework token service: the sign-in link an OAuthCard offers
 * where Teams does no token exchange (channels), and the magic code Teams sends back in `signin/verifyState`.
 */
export interface UserTokenPort {
  /** The token service's sign-in link for this turn's user and conversation; undefined when it cannot give one. */
  signInLink(connectionName: string): Promise<string | undefined>;
  /** The user's token for the magic code, or undefined (unknown, used or someone else's code). */
  redeem(connectionName: string, magicCode: string): Promise<string | undefined>;
}

/** Sends into one conversation. */
export interface ConversationPort {
  /** Posts a message; resolves to its activity id (used to update it later). */
  send(message: Outgoing): Promise<string | undefined>;
  /** Replaces a message the bot sent earlier (same id). */
  update(activityId: string, message: Outgoing): Promise<void>;
  /** Up to `max` member ids (MRIs) of the conversation; empty when the channel cannot tell. */
  members(max: number): Promise<readonly string[]>;
  /** The token service for this turn's user (absent where the adapter offers none). */
  readonly userTokens?: UserTokenPort;
}

/** Opaque handle to come back to a conversation later (a stored conversation reference). */
export interface ConversationHandle {
  readonly conversationId: string;
}

export interface Turn extends ConversationPort {
  readonly info: TurnInfo;
  readonly handle: ConversationHandle;
}

/** Reaches a conversation outside of a turn (operation finished, pending command after sign-in). */
export interface ProactivePort {
  continue(
    handle: ConversationHandle,
    work: (conversation: ConversationPort) => Promise<void>,
  ): Promise<void>;
}

/** An invoke's HTTP answer. */
export interface InvokeResult {
  readonly status: number;
  readonly body?: unknown;
}

export function isGroup(info: Pick<TurnInfo, 'conversationKind'>): boolean {
  return info.conversationKind !== 'personal';
}
