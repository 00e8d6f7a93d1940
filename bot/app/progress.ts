import type { Logger } from 'pino';
import type { Operation } from '../../contract/operation.ts';
import { activityLine } from '../cards/activity-line.ts';
import type { OperationService } from '../../src/domain/services.ts';
import { stateKeys } from '../../src/state/keys.ts';
import type { StateStore } from '../../src/state/store.ts';
import { unreadableReporter } from '../../src/state/unreadable.ts';
import type { ConversationHandle, ConversationPort, Outgoing, ProactivePort } from './turn.ts';

/** A progress card waiting for its operation to finish. */
export interface TrackedCard {
  readonly operation: Operation;
  readonly tenantId: string;
  readonly handle: ConversationHandle;
  /** The message holding the progress card; updated in place. */
  readonly activityId: string;
  /** Group chats and channels: users who get `refresh` (their own view) on the final card. */
  readonly refreshUserIds: readonly string[];
  /**
   * Acted from a card shared in a group chat or channel: when the operation ends, the conversation also gets one
   * public line ("Bob stopped web-02 · 10:02"), the time in the clicker's zone.
   */
  readonly announce?: { readonly timeZone?: string };
}

export interface ProgressTrackerOptions {
  readonly operations: OperationService;
  readonly proactive: ProactivePort;
  /** The card replacing the progress card once `operation` (now finished) is known. */
  readonly finalMessage: (
    operation: Operation,
    tracked: TrackedCard,
    conversation: ConversationPort,
  ) => Promise<Outgoing>;
  readonly logger: Logger;
  /** Where tracked cards wait (shared with Redis: whichever instance finishes the operation updates the card). */
  readonly state: StateStore;
  /** How long a card waits for its operation. Default 2 h (beyond the operation timeout). */
  readonly ttlMs?: number;
}

export interface ProgressTracker {
  track(card: TrackedCard): Promise<void>;
  /** Stops listening and waits for in-flight updates. */
  close(): Promise<void>;
}

/**
 * Updates progress cards in place (`updateActivity` through the stored conversation reference) when
 * the service reports the operation finished.
 */
export function createProgressTracker(options: ProgressTrackerOptions): ProgressTracker {
  const ttlMs = options.ttlMs ?? 2 * 60 * 60_000;
  const unreadable = unreadableReporter(options.logger, 'tracked card');
  const inFlight = new Set<Promise<void>>();

  const finish = (card: TrackedCard, operation: Operation) => {
    const work = options.proactive
      .continue(card.handle, async (conversation) => {
        const message = await options.finalMessage(operation, card, conversation);
        await conversation.update(card.activityId, message);
        if (card.announce)
          await conversation.send({ kind: 'text', text: activityLine(operation, card.announce) });
      })
      .then(
        () =>
          options.logger.info(
            { operationId: operation.id, status: operation.status },
            'bot.progress.updated',
          ),
        (error: unknown) =>
          options.logger.warn({ operationId: operation.id, err: error }, 'bot.progress.update_failed'),
      )
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  };

  /** The card, for exactly one caller across every instance (take = get and delete). */
  const take = async (operationId: string): Promise<TrackedCard | undefined> => {
    const raw = await options.state.take(stateKeys.trackedCard(operationId));
    if (raw === undefined) return undefined;
    let card: TrackedCard | undefined;
    try {
      card = JSON.parse(raw) as TrackedCard;
    } catch {
      card = undefined;
    }
    if (card?.operation?.id === operationId && typeof card.activityId === 'string') return card;
    unreadable(operationId);
    return undefined;
  };

  const onEnd = (operation: Operation) => {
    const work = take(operation.id).then(
      (card) => {
        if (card) finish(card, operation);
      },
      (error: unknown) =>
        options.logger.warn({ operationId: operation.id, err: error }, 'bot.progress.lookup_failed'),
    );
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const unsubscribe = options.operations.onFinished(onEnd);

  return {
    async track(card) {
      await options.state.set(stateKeys.trackedCard(card.operation.id), JSON.stringify(card), ttlMs);
      // The operation may have finished before the card was tracked.
      const current = await options.operations.get(card.operation.requestedBy, card.operation.id);
      if (current && current.status !== 'InProgress') onEnd(current);
    },
    async close() {
      unsubscribe();
      await Promise.allSettled([...inFlight]);
    },
  };
}
