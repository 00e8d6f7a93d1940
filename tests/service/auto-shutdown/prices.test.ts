import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack } from '../../support/stack.ts';
import { apiClient } from '../http-client.ts';
import { DEV, PROD, vmPath } from '../fixtures.ts';

interface PricedVm {
  readonly name: string;
  readonly size: string;
  readonly osType: string;
  readonly price: { perHour: number; currency: string; meter: string } | null;
}

const pricesRequests = async (stack: Stack) =>
  (await stack.emulator.call('/_emulator/stats')).json<{ prices: number }>().prices;

describe('VM prices (Retail Prices API of the emulator, real service)', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiClient>;
  let alice: string;
  let dave: string;

  beforeAll(async () => {
    stack = await startStack();
    api = apiClient(stack.service.url);
    alice = await stack.ssoToken('alice');
    dave = await stack.ssoToken('dave');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('the emulator answers in Azure’s shape, paged with NextPageLink, Spot and Low Priority meters listed', async () => {
    const filter = encodeURIComponent(
      "serviceName eq 'Virtual Machines' and armRegionName eq 'westeurope' and armSkuName eq 'Standard_B2s'",
    );
    const first = await stack.emulator.call(`/api/retail/prices?$filter=${filter}`);
    expect(first.status).toBe(200);
    const page = first.json<{
      Items: Array<Record<string, unknown>>;
      NextPageLink: string | null;
      Count: number;
    }>();
    expect(page.Count).toBe(page.Items.length);
    expect(page.Items[0]).toMatchObject({
      armSkuName: 'Standard_B2s',
      armRegionName: 'westeurope',
      unitOfMeasure: '1 Hour',
      type: 'Consumption',
      productName: 'Virtual Machines BS Series',
    });
    expect(typeof page.Items[0]!.retailPrice).toBe('number');
    expect(page.NextPageLink).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/retail\/prices\?.*(\$|%24)skip=4/);
    const second = await stack.emulator.call(
      new URL(page.NextPageLink!).pathname + new URL(page.NextPageLink!).search,
    );
    const names = [...page.Items, ...second.json<{ Items: Array<{ meterName: string }> }>().Items].map(
      (i) => i.meterName,
    );
    expect(names).toEqual(expect.arrayContaining(['B2s', 'B2s Spot', 'B2s Low Priority']));
    expect((await stack.emulator.call('/api/retail/prices?$filter=nonsense')).status).toBe(400);
    const spot = encodeURIComponent(
      "armRegionName eq 'eastus2' and armSkuName eq 'Standard_D8s_v5' and contains(meterName, 'Spot')",
    );
    const spotItems = (await stack.emulator.call(`/api/retail/prices?$filter=${spot}`)).json<{
      Items: Array<{ meterName: string; productName: string }>;
    }>().Items;
    expect(spotItems.map((i) => i.productName)).toEqual([
      'Virtual Machines Dsv5 Series',
      'Virtual Machines Dsv5 Series Windows',
    ]);
  });

  it('GET /api/vms prices each VM from its size, region and OS (Linux vs Windows, never Spot)', async () => {
    const res = await api('/api/vms', { token: alice });
    expect(res.status).toBe(200);
    const vms = res.json<{ vms: PricedVm[] }>().vms;
    const byName = Object.fromEntries(vms.map((v) => [v.name, v]));
    // Standard_B2s in westeurope, Linux: 0.0416 × 1.15.
    expect(byName['web-01']!.price).toEqual({ perHour: 0.0478, currency: 'USD', meter: 'B2s' });
    // Windows E4s v5 in westeurope: Linux price + 4 vCPU × 0.046 licence.
    expect(byName['sql-01']!.price).toEqual({ perHour: 0.4738, currency: 'USD', meter: 'E4s v5' });
    expect(byName['build-agent-01']!.price?.meter).toBe('D4s v5');
  });

  it('GET one VM carries the same price', async () => {
    const res = await api(vmPath(PROD, 'rg-app', 'app-03'), { token: dave });
    expect(res.status).toBe(200);
    // Windows D4s v5 in eastus2: 0.192 + 4 × 0.046.
    expect(res.json<PricedVm>().price).toEqual({ perHour: 0.376, currency: 'USD', meter: 'D4s v5' });
  });

  it('many listings by several users cost one lookup per size and region, shared by all users', async () => {
    expect((await api('/api/vms', { token: dave })).status).toBe(200);
    const before = await pricesRequests(stack);
    for (let i = 0; i < 5; i++) {
      expect((await api('/api/vms', { token: alice })).status).toBe(200);
      expect((await api('/api/vms', { token: dave })).status).toBe(200);
    }
    expect(await pricesRequests(stack)).toBe(before);
    // The five size + region pairs of both subscriptions, each looked up once (pages of a lookup not counted).
    expect(stack.service.app.prices.lookups).toBe(5);
  });
});

describe('VM prices when the Retail Prices API fails', () => {
  let stack: Stack;

  beforeAll(async () => {
    // Nothing listens on port 9 of loopback: every lookup fails.
    stack = await startStack({ service: { retailPricesEndpoint: 'https://127.0.0.1:9' } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('prices are null and the listing still succeeds, without an error for the user', async () => {
    const api = apiClient(stack.service.url);
    const res = await api('/api/vms', { token: await stack.ssoToken('alice') });
    expect(res.status).toBe(200);
    const body = res.json<{ vms: PricedVm[]; errors: unknown[] }>();
    expect(body.errors).toEqual([]);
    expect(body.vms.length).toBe(4);
    for (const vm of body.vms) expect(vm.price).toBeNull();
    const one = await api(vmPath(DEV, 'rg-web', 'web-01'), { token: await stack.ssoToken('alice') });
    expect(one.status).toBe(200);
    expect(one.json<PricedVm>().price).toBeNull();
  });
});
