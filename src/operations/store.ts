import { z } from 'zod';
import { ERROR_CODES } from '../../contract/errors.ts';
import { VM_ACTIONS } from '../../contract/vm.ts';
import type { Operation } from '../../contract/operation.ts';
import { userKeyOf } from '../domain/user.ts';
import { stateKeys } from '../state/keys.ts';
import type { SecretBox } from '../state/secret-box.ts';
import type { StateStore } from '../state/store.ts';

/**
 * An operation as the store keeps it: what clients see, plus what another instance needs to keep
 * polling it after this one is gone — the SDK poller's serialized state and the requester's
 * assertion (sealed), so the poll goes on as that user.
 */
export interface OperationRecord {
  readonly operation: Operation;
  /** core-lro's `poller.serialize()` (no secrets: URLs and the operation's state). */
  readonly poller?: string;
  /** The requester's SSO token, for polling as them. Held in memory; sealed at rest. */
  readonly assertion?: string;
  /** When `assertion` expires (epoch ms). */
  readonly assertionExpiresAt?: number;
}

/** Where operations are kept and who polls each: one implementation over the state store seam. */
export interface OperationStore {
  put(record: OperationRecord): Promise<void>;
  /** The record, or undefined when absent, expired, or unreadable (foreign or corrupt values). */
  get(id: string): Promise<OperationRecord | undefined>;
  /** Ids of operations still in progress (for instances looking for polls nobody does). */
  active(): Promise<string[]>;
  /** Ids of one requester's operations still in progress (`userKeyOf(requestedBy)`). */
  activeFor(userKey: string): Promise<string[]>;
  /** Takes the poll lease (true when this owner now holds it). */
  lease(id: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends the lease while `owner` still holds it. */
  renew(id: string, owner: string, ttlMs: number): Promise<boolean>;
  release(id: string, owner: string): Promise<void>;
  /** Claims recording the end: true for exactly one caller, whatever the instance. */
  claimFinish(id: string): Promise<boolean>;
}

export interface OperationStoreOptions {
  readonly state: StateStore;
  /** Seals the requester's assertion at rest. */
  readonly box: SecretBox;
  /** How long finished operations stay queryable. */
  readonly retentionMs: number;
  /** Longest an operation can be in progress (the polling bound); its record lives at least this long. */
  readonly operationTimeoutMs: number;
  /** Reports a value that could not be read (logged once per id, then treated as absent). */
  readonly onUnreadable?: (id: string) => void;
  readonly now?: () => number;
}

const codes = Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...Array<keyof typeof ERROR_CODES>];

/** The stored shape, checked on every read: a value of the wrong shape is absent, never misread. */
const storedSchema = z.object({
  v: z.literal(1),
  operation: z.object({
    id: z.string().uuid(),
    vmId: z.string().max(400),
    vmName: z.string().max(100),
    action: z.enum(VM_ACTIONS),
    status: z.enum(['InProgress', 'Succeeded', 'Failed']),
    error: z
      .object({
        code: z.enum(codes),
        message: z.string().max(4000),
        armCode: z.string().max(100).optional(),
        details: z.object({ armCode: z.string().max(100) }).optional(),
      })
      .optional(),
    requestedBy: z.object({
      oid: z.string().max(100),
      tid: z.string().max(100),
      name: z.string().max(400),
      upn: z.string().max(400),
    }),
    startedAt: z.string().max(40),
    finishedAt: z.string().max(40).optional(),
  }),
  poller: z.string().max(20_000).optional(),
  assertion: z.string().max(40_000).optional(),
  assertionExpiresAt: z.number().optional(),
});

const ASSERTION_SEAL_CONTEXT = 'operation-assertion';

export function createOperationStore(options: OperationStoreOptions): OperationStore {
  const { state, box } = options;
  const now = options.now ?? Date.now;
  const context = (id: string) => `${ASSERTION_SEAL_CONTEXT}:${id}`;

  return {
    async put(record) {
      const { operation } = record;
      const done = operation.status !== 'InProgress';
      const stored = {
        v: 1 as const,
        operation,
        ...(record.poller && !done ? { poller: record.poller } : {}),
        // The assertion is kept only while it may still be needed to finish the poll.
        ...(record.assertion && !done
          ? { assertion: box.seal(record.assertion, context(operation.id)) }
          : {}),
        ...(record.assertionExpiresAt !== undefined && !done
          ? { assertionExpiresAt: record.assertionExpiresAt }
          : {}),
      };
      const ttl = done ? options.retentionMs : options.operationTimeoutMs + options.retentionMs;
      await state.set(stateKeys.operation(operation.id), JSON.stringify(stored), ttl);
      const mine = stateKeys.userOperations(userKeyOf(operation.requestedBy));
      if (done) {
        await state.removeMember(stateKeys.activeOperations(), operation.id);
        await state.removeMember(mine, operation.id);
      } else {
        await state.addMember(stateKeys.activeOperations(), operation.id, options.operationTimeoutMs * 2);
        await state.addMember(mine, operation.id, options.operationTimeoutMs * 2);
      }
    },

    async get(id) {
      const raw = await state.get(stateKeys.operation(id));
      if (raw === undefined) return undefined;
      let parsed: z.infer<typeof storedSchema>;
      try {
        parsed = storedSchema.parse(JSON.parse(raw));
      } catch {
        options.onUnreadable?.(id);
        return undefined;
      }
      if (parsed.operation.id !== id) {
        options.onUnreadable?.(id);
        return undefined;
      }
      const assertion = parsed.assertion ? box.open(parsed.assertion, context(id)) : undefined;
      const usable = assertion !== undefined && (parsed.assertionExpiresAt ?? 0) > now();
      return {
        operation: parsed.operation as Operation,
        ...(parsed.poller ? { poller: parsed.poller } : {}),
        ...(usable ? { assertion, assertionExpiresAt: parsed.assertionExpiresAt } : {}),
      };
    },

    active: () => state.members(stateKeys.activeOperations()),
    activeFor: (userKey) => state.members(stateKeys.userOperations(userKey)),
    lease: (id, owner, ttlMs) => state.setIfAbsent(stateKeys.operationLease(id), owner, ttlMs),
    renew: (id, owner, ttlMs) => state.replaceIf(stateKeys.operationLease(id), owner, owner, ttlMs),
    release: async (id, owner) => {
      await state.deleteIf(stateKeys.operationLease(id), owner);
    },
    claimFinish: (id) => state.setIfAbsent(stateKeys.operationFinish(id), '1', options.retentionMs + 60_000),
  };
}
