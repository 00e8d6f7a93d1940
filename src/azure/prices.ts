import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { VmPrice } from '../../contract/vm.ts';
import type { FetchLike } from '../net/https-fetch.ts';

/**
 * VM list prices from the Azure Retail Prices API (public, no authentication):
 * `GET {endpoint}/api/retail/prices?$filter=serviceName eq 'Virtual Machines' and armRegionName eq '…' and
 * armSkuName eq '…' and priceType eq 'Consumption'`, following `NextPageLink`. One lookup per size + region
 * serves both OSes (Linux: the product without "Windows"; Windows: "… Windows"), Spot and Low Priority meters
 * excluded. Answers are cached per instance for everyone (a day; a failure for a few minutes), concurrent asks
 * share one lookup, and a failure is `null`, never an error to the user.
 */
export interface PriceCatalog {
  /** The pay-as-you-go price, or null when unknown (no meter, or the lookup failed). Never throws. */
  priceOf(size: string, region: string, osType: string): Promise<VmPrice | null>;
  /** Lookups made so far (Retail Prices API queries, pages not counted): a gauge for tests and the bench. */
  readonly lookups: number;
}

export interface PriceCatalogOptions {
  /** `RETAIL_PRICES_ENDPOINT`, e.g. `https://prices.azure.com` (no trailing slash). */
  readonly endpoint: string;
  /** Default: the global fetch. Local mode: one that trusts the emulator's CA. */
  readonly fetch?: FetchLike;
  /** How long a price is reused. Default one day. */
  readonly ttlMs?: number;
  /** How long a failed lookup is remembered as unknown. Default 5 minutes. */
  readonly failureTtlMs?: number;
  /** Most size + region entries kept. Default 2000. */
  readonly maxEntries?: number;
  /** Longest wait for one page. Default 5000 ms. */
  readonly timeoutMs?: number;
  /** Most pages followed per lookup. Default 10. */
  readonly maxPages?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

interface Prices {
  readonly linux: VmPrice | null;
  readonly windows: VmPrice | null;
}

interface RetailItem {
  readonly retailPrice?: unknown;
  readonly currencyCode?: unknown;
  readonly unitOfMeasure?: unknown;
  readonly armSkuName?: unknown;
  readonly armRegionName?: unknown;
  readonly productName?: unknown;
  readonly skuName?: unknown;
  readonly meterName?: unknown;
  readonly type?: unknown;
}

const NONE: Prices = { linux: null, windows: null };
/** Sizes and regions as ARM names them; anything else is never sent to the API. */
const NAME = /^[A-Za-z0-9_]{1,64}$/;

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Spot and Low Priority meters are not what a pay-as-you-go VM costs. */
function isDiscountedMeter(item: RetailItem): boolean {
  const names = `${text(item.meterName)} ${text(item.skuName)}`.toLowerCase();
  return names.includes('spot') || names.includes('low priority');
}

/** Picks the Linux and Windows pay-as-you-go meters among a lookup's items. Pure. */
export function pickPrices(items: readonly RetailItem[], size: string, region: string): Prices {
  let linux: VmPrice | null = null;
  let windows: VmPrice | null = null;
  for (const item of items) {
    if (text(item.type) !== 'Consumption' || isDiscountedMeter(item)) continue;
    if (text(item.armSkuName).toLowerCase() !== size.toLowerCase()) continue;
    if (text(item.armRegionName).toLowerCase() !== region.toLowerCase()) continue;
    if (!/hour/i.test(text(item.unitOfMeasure))) continue;
    const perHour = item.retailPrice;
    if (typeof perHour !== 'number' || !Number.isFinite(perHour) || perHour < 0) continue;
    const product = text(item.productName);
    // Only the plain VM products: "Virtual Machines Dsv5 Series" and "… Series Windows" (not Cloud Services, …).
    if (!/^Virtual Machines /.test(product)) continue;
    const price: VmPrice = {
      perHour,
      currency: text(item.currencyCode) || 'USD',
      meter: text(item.meterName) || text(item.skuName),
    };
    if (/\bWindows$/.test(product)) windows ??= price;
    else linux ??= price;
  }
  return { linux, windows };
}

export function createPriceCatalog(options: PriceCatalogOptions): PriceCatalog {
  const now = options.now ?? Date.now;
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const ttlMs = options.ttlMs ?? 24 * 60 * 60_000;
  const failureTtlMs = options.failureTtlMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxPages = options.maxPages ?? 10;
  const origin = new URL(options.endpoint).origin;
  const cache = new LRUCache<string, Promise<Prices>>({
    max: options.maxEntries ?? 2000,
    ttl: ttlMs,
    perf: { now },
  });
  let lookups = 0;

  async function lookUp(size: string, region: string): Promise<Prices> {
    lookups += 1;
    const filter =
      `serviceName eq 'Virtual Machines' and armRegionName eq '${region}' and ` +
      `armSkuName eq '${size}' and priceType eq 'Consumption'`;
    let url: string | undefined =
      `${options.endpoint}/api/retail/prices?currencyCode=USD&$filter=${encodeURIComponent(filter)}`;
    const items: RetailItem[] = [];
    for (let page = 0; url && page < maxPages; page++) {
      const response = await doFetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`Retail Prices API answered ${response.status}`);
      const body = (await response.json()) as { Items?: unknown; NextPageLink?: unknown };
      if (!Array.isArray(body.Items)) throw new Error('Retail Prices API answered without Items');
      for (const item of body.Items as unknown[]) {
        if (typeof item === 'object' && item !== null) items.push(item as RetailItem);
      }
      const next = typeof body.NextPageLink === 'string' ? body.NextPageLink : undefined;
      // Follow only links back to the same API (never to wherever a response points).
      url = next && URL.canParse(next) && new URL(next).origin === origin ? next : undefined;
    }
    return pickPrices(items, size, region);
  }

  function pricesFor(size: string, region: string): Promise<Prices> {
    const key = `${size}|${region}`.toLowerCase();
    const cached = cache.get(key);
    if (cached) return cached;
    const pending = lookUp(size, region).catch((error: unknown) => {
      options.logger?.warn({ err: error, size, region }, 'retail price lookup failed; price unknown');
      // Remembered briefly as unknown, so a failing API is not asked again by every listing.
      cache.set(key, Promise.resolve(NONE), { ttl: failureTtlMs });
      return NONE;
    });
    cache.set(key, pending);
    return pending;
  }

  return {
    async priceOf(size, region, osType) {
      if (!NAME.test(size) || !NAME.test(region)) return null;
      const prices = await pricesFor(size, region);
      return osType.toLowerCase() === 'windows' ? prices.windows : prices.linux;
    },
    get lookups() {
      return lookups;
    },
  };
}
