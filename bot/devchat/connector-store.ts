import { randomUUID } from 'node:crypto';

/** An activity the bot sent into a dev conversation, as the Bot Connector would hold it. */
export interface StoredActivity {
  readonly id: string;
  readonly activity: Readonly<Record<string, unknown>>;
  /** Bumped on each update. */
  readonly version: number;
  readonly deleted?: boolean;
}

export type ConnectorEvent =
  | { readonly type: 'activity'; readonly activity: StoredActivity }
  | { readonly type: 'update'; readonly activity: StoredActivity }
  | { readonly type: 'delete'; readonly id: string };

export interface DevMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId?: string;
  readonly userPrincipalName?: string;
}

export interface ConnectorStoreOptions {
  /** Conversations kept; the least recently created are dropped. Default 200. */
  readonly maxConversations?: number;
  /** Activities kept per conversation; the oldest are dropped. Default 500. */
  readonly maxActivities?: number;
}

interface Conversation {
  readonly activities: Map<string, StoredActivity>;
  members: readonly DevMember[];
  readonly listeners: Set<(event: ConnectorEvent) => void>;
}

/**
 * The local Bot Connector's memory: what the bot posted and updated in each dev conversation, and
 * who is in it. In-memory and bounded; for local development only.
 */
export function createConnectorStore(options: ConnectorStoreOptions = {}) {
  const maxConversations = options.maxConversations ?? 200;
  const maxActivities = options.maxActivities ?? 500;
  const conversations = new Map<string, Conversation>();

  function conversation(id: string): Conversation {
    let found = conversations.get(id);
    if (!found) {
      found = { activities: new Map(), members: [], listeners: new Set() };
      conversations.set(id, found);
      if (conversations.size > maxConversations) {
        const oldest = conversations.keys().next().value;
        if (oldest !== undefined && oldest !== id) conversations.delete(oldest);
      }
    }
    return found;
  }

  function emit(target: Conversation, event: ConnectorEvent) {
    for (const listener of target.listeners) listener(event);
  }

  return {
    /** Stores a new bot activity; returns its id. */
    add(conversationId: string, activity: Record<string, unknown>): StoredActivity {
      const target = conversation(conversationId);
      const id = randomUUID();
      const stored: StoredActivity = {
        id,
        activity: { ...activity, id, timestamp: new Date().toISOString() },
        version: 1,
      };
      target.activities.set(id, stored);
      if (target.activities.size > maxActivities) {
        const oldest = target.activities.keys().next().value;
        if (oldest !== undefined) target.activities.delete(oldest);
      }
      emit(target, { type: 'activity', activity: stored });
      return stored;
    },
    /** Replaces an activity (updateActivity); undefined when it does not exist. */
    update(
      conversationId: string,
      id: string,
      activity: Record<string, unknown>,
    ): StoredActivity | undefined {
      const target = conversation(conversationId);
      const current = target.activities.get(id);
      if (!current) return undefined;
      const stored: StoredActivity = {
        id,
        activity: { ...activity, id, timestamp: current.activity.timestamp },
        version: current.version + 1,
      };
      target.activities.set(id, stored);
      emit(target, { type: 'update', activity: stored });
      return stored;
    },
    remove(conversationId: string, id: string): boolean {
      const target = conversation(conversationId);
      const current = target.activities.get(id);
      if (!current) return false;
      target.activities.set(id, { ...current, deleted: true, version: current.version + 1 });
      emit(target, { type: 'delete', id });
      return true;
    },
    list(conversationId: string): readonly StoredActivity[] {
      return [...conversation(conversationId).activities.values()];
    },
    get(conversationId: string, id: string): StoredActivity | undefined {
      return conversation(conversationId).activities.get(id);
    },
    setMembers(conversationId: string, members: readonly DevMember[]) {
      conversation(conversationId).members = members;
    },
    members(conversationId: string): readonly DevMember[] {
      return conversation(conversationId).members;
    },
    /** Live events for one conversation; returns the unsubscribe function. */
    subscribe(conversationId: string, listener: (event: ConnectorEvent) => void): () => void {
      const target = conversation(conversationId);
      target.listeners.add(listener);
      return () => target.listeners.delete(listener);
    },
  };
}

export type ConnectorStore = ReturnType<typeof createConnectorStore>;
