import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Operation } from '../../contract/operation.ts';
import type { OperationService } from '../../src/domain/services.ts';
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
  /** Cards tracked at once; the oldest are dropped first. Default 5,000. */
  readonly max?: number;
}

export interface ProgressTracker {
  track(card: TrackedCard): void;
  /** Stops listening and waits for in-flight updates. */
  close(): Promise<void>;
}

/**
 * Updates progress cards in place (`updateActivity` through the stored conversation reference) when
 * the service reports the operation finished.
 */
export function createProgressTracker(options: ProgressTrackerOptions): ProgressTracker {
  const tracked = new LRUCache<string, TrackedCard>({ max: options.max ?? 5_000 });
  const inFlight = new Set<Promise<void>>();

  const finish = (card: TrackedCard, operation: Operation) => {
    const work = options.proactive
      .continue(card.handle, async (conversation) => {
        const message = await options.finalMessage(operation, card, conversation);
        await conversation.update(card.activityId, message);
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

  const take = (operationId: string) => {
    const card = tracked.get(operationId);
    if (card) tracked.delete(operationId);
    return card;
  };

  const unsubscribe = options.operations.onFinished((operation) => {
    const card = take(operation.id);
    if (card) finish(card, operation);
  });

  return {
    track(card) {
      tracked.set(card.operation.id, card);
      // The operation may have finished before the card was tracked.
      const current = options.operations.get(card.operation.requestedBy, card.operation.id);
      if (current && current.status !== 'InProgress') {
        const pending = take(card.operation.id);
        if (pending) finish(pending, current);
      }
    },
    async close() {
      unsubscribe();
      tracked.clear();
      await Promise.allSettled([...inFlight]);
    },
  };
}
