import type { AzureErrorDetails, ErrorCode } from './errors.ts';
import type { VmAction } from './vm.ts';

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed';

/** Why an operation failed, or why one item of a bulk request could not start. */
export interface OperationError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Azure's own code (e.g. `AllocationFailed`, `OperationNotAllowed`), when Azure gave one. */
  readonly armCode?: string;
  /** The same, as `details` (`{armCode}`). */
  readonly details?: AzureErrorDetails;
}

/** Who requested something, as shown to people (cards, grid, operations). */
export interface Requester {
  readonly oid: string;
  /** The requester's tenant: with several allowed tenants an oid alone is not an identity. */
  readonly tid: string;
  readonly name: string;
  readonly upn: string;
}

/** `GET /api/operations/{id}`; also inside 202 answers to actions. */
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
  | { readonly vmId: string; readonly error: OperationError };

/** `POST /api/vms/actions` answers 202 with this. */
export interface BulkResult {
  readonly operations: readonly BulkItem[];
}
