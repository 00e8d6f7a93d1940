import { describe, expect, it } from '@jest/globals';
import {
  EMPTY_LIST,
  failedListing,
  mergeListing,
  subscriptionNames,
} from '../../../tab/src/hooks/list-merge.ts';
import { aliceVms, DEV, makeVm, PROD } from '../support/fixtures.ts';

const prod = makeVm('app-01', { subscriptionId: PROD, resourceGroup: 'rg-app' });
const error = (subscriptionId: string) => ({
  subscriptionId,
  code: 'AzureUnavailable' as const,
  message: 'down',
});

describe('the list across refreshes', () => {
  it('keeps the VMs of a subscription that failed, marked with the time they were listed', () => {
    const first = mergeListing(EMPTY_LIST, { vms: [...aliceVms(), prod], errors: [] }, 1_000);
    const second = mergeListing(first, { vms: aliceVms(), errors: [error(PROD)] }, 2_000);
    expect(second.vms.map((v) => v.name)).toContain('app-01');
    expect(second.staleSince).toEqual(new Map([[PROD, 1_000]]));
    expect(second.updatedAt).toBe(2_000);
    expect(second.refreshFailed).toBe(false);
    // Still failing later: still the time of the last listing, not of the last refresh.
    expect(mergeListing(second, { vms: aliceVms(), errors: [error(PROD)] }, 3_000).staleSince.get(PROD)).toBe(
      1_000,
    );
  });

  it('every subscription failing keeps everything and the update time of the last good list', () => {
    const first = mergeListing(EMPTY_LIST, { vms: [...aliceVms(), prod], errors: [] }, 1_000);
    const outage = mergeListing(first, { vms: [], errors: [error(DEV), error(PROD)] }, 2_000);
    expect(outage.vms).toHaveLength(5);
    expect(outage.updatedAt).toBe(1_000);
    expect(outage.refreshFailed).toBe(true);
    expect(failedListing(first)).toMatchObject({ vms: first.vms, updatedAt: 1_000, refreshFailed: true });
  });

  it('names subscriptions from the errors and the VMs', () => {
    const names = subscriptionNames([prod], [{ ...error(DEV), subscriptionName: 'Contoso Dev' }]);
    expect(names).toEqual(
      new Map([
        [PROD, 'Contoso Prod'],
        [DEV, 'Contoso Dev'],
      ]),
    );
  });
});
