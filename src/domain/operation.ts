import type { Requester } from './user.ts';
import type { VmAction } from './vm.ts';

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed';

export interface OperationError {
  readonly code: string;
  readonly message: string;
}

export interface Operation {
  readonly id: string;
  /** ARM id of the VM. */
  readonly vmId: string;
  readonly vmName: string;
  readonly action: VmAction;
  readonly status: OperationStatus;
  readonly error?: OperationError;
  readonly requestedBy: Requester;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly finishedAt?: string;
}

/** One item of a bulk request: the operation, or why it could not start. */
export type BulkItem =
  | { readonly vmId: string; readonly operation: Operation }
  | { readonly vmId: string; readonly error: OperationError & { readonly statusCode: number } };
