import type { Operation } from '../../../contract/operation.ts';
import { categoryOf, isErrorCode } from '../../../contract/errors.ts';
import type { VmAction } from '../../../contract/vm.ts';
import type { ApiError } from '../api/errors.ts';
import { formatRetryAfter } from '../api/rate-limit.ts';
import { actionInfo } from '../grid/actions.ts';

/**
 * One click on several VMs, followed to its end: what was skipped (and why), what Azure accepted, and how each
 * accepted operation ended. The page shows it as ONE toast, updated in place ("3 started · 1 skipped · 1 failed")
 * with the per-VM details a click away, instead of one toast per VM. Pure reducers and a pure summary.
 */
export interface Batch {
  readonly id: string;
  readonly action: VmAction;
  /** VMs sent to Azure. */
  readonly sent: number;
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  /** Accepted and still running: operation id → VM name. */
  readonly running: ReadonlyMap<string, string>;
  readonly succeeded: readonly string[];
  readonly failed: readonly BatchFailure[];
  /** The service refused a request as a whole (budget, outage): nothing of it was done. */
  readonly refusal?: ApiError;
  /** Every request of the batch was answered (until then, counts are not final). */
  readonly submitted: boolean;
}

export interface BatchFailure {
  readonly name: string;
  readonly message: string;
  /** The code people search for: Azure's own when it gave one. */
  readonly code: string;
}

export function newBatch(id: string, action: VmAction, sent: number, skipped: Batch['skipped']): Batch {
  return { id, action, sent, skipped, running: new Map(), succeeded: [], failed: [], submitted: false };
}

export function batchAccepted(batch: Batch, operation: Operation): Batch {
  if (operation.status !== 'InProgress') return batchFinished(batch, operation);
  const running = new Map(batch.running);
  running.set(operation.id, operation.vmName);
  return { ...batch, running };
}

export function batchFinished(batch: Batch, operation: Operation): Batch {
  const running = new Map(batch.running);
  running.delete(operation.id);
  if (operation.status === 'Succeeded')
    return { ...batch, running, succeeded: [...batch.succeeded, operation.vmName] };
  const error = operation.error;
  return {
    ...batch,
    running,
    failed: [
      ...batch.failed,
      {
        name: operation.vmName,
        message: error?.message ?? 'Azure reported a failure.',
        code: error?.armCode ?? error?.code ?? 'OperationFailed',
      },
    ],
  };
}

export function batchRejected(batch: Batch, name: string, error: ApiError): Batch {
  return {
    ...batch,
    failed: [...batch.failed, { name, message: error.message, code: error.displayCode }],
  };
}

export function batchRefused(batch: Batch, names: readonly string[], error: ApiError): Batch {
  return {
    ...batch,
    refusal: error,
    failed: [
      ...batch.failed,
      ...names.map((name) => ({ name, message: error.message, code: error.displayCode })),
    ],
  };
}

export const batchSubmitted = (batch: Batch): Batch => ({ ...batch, submitted: true });

export interface BatchSummary {
  readonly title: string;
  readonly body?: string;
  readonly intent: 'info' | 'success' | 'warning' | 'error';
  /** Every operation ended (the toast may time out). */
  readonly done: boolean;
  /** Per-VM lines, by outcome, for the expandable details. */
  readonly details: readonly { readonly label: string; readonly lines: readonly string[] }[];
}

/**
 * "3 started · 1 skipped · 1 failed" while and after a batch runs ("2 starting · 1 started" meanwhile). A request
 * refused as a whole says so once (rate limit: when to try again). Azure's refusals keep Azure's message and code
 * and are never described as temporary. Pure.
 */
export function batchSummary(batch: Batch): BatchSummary {
  const info = actionInfo(batch.action);
  const done = batch.submitted && batch.running.size === 0;
  const parts = [
    batch.running.size > 0 ? `${batch.running.size} ${info.gerund}` : '',
    batch.succeeded.length > 0 || (done && batch.failed.length === 0)
      ? `${batch.succeeded.length} ${info.done}`
      : '',
    batch.skipped.length > 0 ? `${batch.skipped.length} skipped` : '',
    batch.failed.length > 0 ? `${batch.failed.length} failed` : '',
  ].filter(Boolean);
  const details = [
    { label: info.done.charAt(0).toUpperCase() + info.done.slice(1), lines: batch.succeeded },
    { label: info.gerund.charAt(0).toUpperCase() + info.gerund.slice(1), lines: [...batch.running.values()] },
    { label: 'Skipped', lines: batch.skipped.map((s) => `${s.name} ${s.reason}`) },
    { label: 'Failed', lines: batch.failed.map((f) => `${f.name}: ${f.message} (${f.code})`) },
  ].filter((group) => group.lines.length > 0);

  const refusal = batch.refusal;
  const nothingRan = batch.succeeded.length === 0 && batch.running.size === 0;
  if (refusal && nothingRan && batch.failed.length === batch.sent) {
    const target = batch.sent === 1 ? (batch.failed[0]?.name ?? '1 VM') : `${batch.sent} VMs`;
    const skippedNote = batch.skipped.length > 0 ? ` ${batch.skipped.length} skipped.` : '';
    if (refusal.code === 'TooManyRequests') {
      const when =
        refusal.retryAfter !== undefined
          ? `Try again in ${formatRetryAfter(refusal.retryAfter)}.`
          : 'Wait a moment and try again.';
      return {
        title: `Too many requests: couldn't ${info.label.toLowerCase()} ${target}`,
        body: `This request was rate-limited, so no VM was changed. ${when}${skippedNote}`,
        intent: 'error',
        done,
        details,
      };
    }
    return {
      title: `${refusedBy(refusal) ? 'Azure refused to' : "Couldn't"} ${info.label.toLowerCase()} ${target}`,
      body: `${refusal.message} (${refusal.displayCode})${skippedNote}`,
      intent: 'error',
      done,
      details,
    };
  }
  const intent: BatchSummary['intent'] = !done
    ? 'info'
    : batch.failed.length === 0
      ? 'success'
      : batch.succeeded.length > 0
        ? 'warning'
        : 'error';
  return { title: parts.join(' · '), intent, done, details };
}

/** Azure itself said no to this VM as it is (409): its words, not ours, and not "try again". */
export function refusedBy(error: ApiError): boolean {
  return isErrorCode(error.code) && categoryOf(error.code) === 'conflict';
}
