import type { Operation } from '../../contract/operation.ts';

/**
 * Where operations are kept. In memory for now; a durable, shared store (Table Storage, Redis)
 * can implement the same interface when the service runs on several instances.
 */
export interface OperationStore {
  put(operation: Operation): void;
  get(id: string): Operation | undefined;
  readonly size: number;
}

export interface MemoryOperationStoreOptions {
  /** Finished operations older than this (by `finishedAt`) are dropped. */
  readonly retentionMs: number;
  /** Most operations kept; past it the oldest finished go first, then the oldest. */
  readonly maxEntries: number;
  readonly now?: () => number;
}

/** In-memory store with bounded retention. Map insertion order = age, so pruning is cheap. */
export function createMemoryOperationStore(options: MemoryOperationStoreOptions): OperationStore {
  const now = options.now ?? Date.now;
  const operations = new Map<string, Operation>();

  function expired(operation: Operation, at: number): boolean {
    return operation.finishedAt !== undefined && at - Date.parse(operation.finishedAt) > options.retentionMs;
  }

  function prune(): void {
    const at = now();
    for (const [id, operation] of operations) {
      if (expired(operation, at)) operations.delete(id);
    }
    if (operations.size <= options.maxEntries) return;
    for (const [id, operation] of operations) {
      if (operations.size <= options.maxEntries) return;
      if (operation.status !== 'InProgress') operations.delete(id);
    }
    for (const id of operations.keys()) {
      if (operations.size <= options.maxEntries) return;
      operations.delete(id);
    }
  }

  return {
    put(operation) {
      const isNew = !operations.has(operation.id);
      operations.set(operation.id, operation);
      if (isNew) prune();
    },
    get(id) {
      const operation = operations.get(id);
      if (operation && expired(operation, now())) {
        operations.delete(id);
        return undefined;
      }
      return operation;
    },
    get size() {
      return operations.size;
    },
  };
}
