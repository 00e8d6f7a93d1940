import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../../tab/src/api/errors.ts';
import {
  batchAccepted,
  batchFinished,
  batchRefused,
  batchRejected,
  batchSubmitted,
  batchSummary,
  newBatch,
} from '../../../tab/src/app/batch.ts';
import { visibleColumns } from '../../../tab/src/grid/columns.tsx';
import { makeVm, operationFor } from '../support/fixtures.ts';

const [a, b] = ['a', 'b'].map((name) => makeVm(name, { powerState: 'deallocated' }));

describe('one summary per bulk request', () => {
  it('"2 starting · 1 skipped", then "1 started · 1 skipped · 1 failed"', () => {
    let batch = newBatch('1', 'start', 2, [{ name: 'c', reason: 'is already running' }]);
    batch = batchAccepted(batch, operationFor(a!, 'start'));
    batch = batchAccepted(batch, operationFor(b!, 'start'));
    batch = batchSubmitted(batch);
    expect(batchSummary(batch)).toMatchObject({
      title: '2 starting · 1 skipped',
      intent: 'info',
      done: false,
    });
    batch = batchFinished(batch, operationFor(a!, 'start', 'Succeeded'));
    batch = batchFinished(
      batch,
      operationFor(b!, 'start', 'Failed', {
        error: { code: 'OperationFailed', armCode: 'AllocationFailed', message: 'No capacity.' },
      }),
    );
    const summary = batchSummary(batch);
    expect(summary).toMatchObject({
      title: '1 started · 1 skipped · 1 failed',
      intent: 'warning',
      done: true,
    });
    expect(summary.details).toEqual([
      { label: 'Started', lines: ['a'] },
      { label: 'Skipped', lines: ['c is already running'] },
      { label: 'Failed', lines: ['b: No capacity. (AllocationFailed)'] },
    ]);
  });

  it('a request refused as a whole says it once; Azure refusing says "Azure refused" with its code', () => {
    const limited = new ApiError('TooManyRequests', 'Too many.', { status: 429, retryAfter: 120 });
    const refused = batchSubmitted(batchRefused(newBatch('2', 'restart', 2, []), ['a', 'b'], limited));
    expect(batchSummary(refused)).toMatchObject({
      title: "Too many requests: couldn't restart 2 VMs",
      body: 'This request was rate-limited, so no VM was changed. Try again in 2 minutes.',
      intent: 'error',
    });
    const conflict = new ApiError('Conflict', 'Not running.', {
      status: 409,
      armCode: 'OperationNotAllowed',
    });
    const azure = batchSubmitted(
      batchRejected(newBatch('3', 'restart', 1, [{ name: 'x', reason: 'is not running' }]), 'a', conflict),
    );
    expect(batchSummary(azure)).toMatchObject({ title: '1 skipped · 1 failed', intent: 'error' });
    const whole = batchSubmitted(batchRefused(newBatch('4', 'restart', 1, []), ['a'], conflict));
    expect(batchSummary(whole)).toMatchObject({
      title: 'Azure refused to restart a',
      body: 'Not running. (OperationNotAllowed)',
    });
  });
});

describe('columns by priority', () => {
  it('keep name, state and the row menu at any width; add the others as room allows', () => {
    expect(visibleColumns(320)).toEqual({ ids: ['name', 'actions'], stacked: true });
    expect(visibleColumns(600).ids).toEqual(['name', 'powerState', 'actions']);
    expect(visibleColumns(1280).ids).toHaveLength(9);
  });
});
