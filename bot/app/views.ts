import { LRUCache } from 'lru-cache';
import { MAX_REFRESH_USERS, type Refresh } from '../cards/adaptive.ts';
import { execute, type CardIntent } from '../cards/intents.ts';
import { isGroup, type ConversationPort, type TurnInfo } from './turn.ts';

/** Builds a card's `refresh` for an intent (undefined in personal chats). */
export type RefreshFor = (intent: CardIntent) => Refresh | undefined;

export const noRefresh: RefreshFor = () => undefined;

/** `refresh` re-running `intent` for these users (capped at Teams' 60). */
export function refreshFor(userIds: readonly string[]): RefreshFor {
  const ids = [...new Set(userIds)].slice(0, MAX_REFRESH_USERS);
  if (ids.length === 0) return noRefresh;
  return (intent) => {
    const { fallback: _fallback, title: _title, ...action } = execute('Refresh', intent);
    return { action, userIds: ids };
  };
}

export interface MemberDirectoryOptions {
  /** Conversations remembered. Default 1,000. */
  readonly max?: number;
  /** How long a member list is reused. Default 5 minutes. */
  readonly ttlMs?: number;
}

/**
 * Who gets user-specific views in group chats and channels: the conversation's members (via the
 * connector, cached), the sender first, at most 60. Personal chats get no `refresh`.
 */
export function createMemberDirectory(options: MemberDirectoryOptions = {}) {
  const cache = new LRUCache<string, readonly string[]>({
    max: options.max ?? 1_000,
    ttl: options.ttlMs ?? 5 * 60_000,
  });
  return {
    /** Users who get `refresh` on cards posted to this conversation (none in personal chats). */
    async userIds(info: TurnInfo, conversation: ConversationPort): Promise<readonly string[]> {
      if (!isGroup(info)) return [];
      let members = cache.get(info.conversationId);
      if (!members) {
        members = await conversation.members(MAX_REFRESH_USERS).catch((): readonly string[] => []);
        if (members.length > 0) cache.set(info.conversationId, members);
      }
      return [...new Set([info.from.id, ...members])].slice(0, MAX_REFRESH_USERS);
    },
  };
}

export type MemberDirectory = ReturnType<typeof createMemberDirectory>;
