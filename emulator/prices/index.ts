import type { EmulatorContext } from '../context.ts';
import { json } from '../http/respond.ts';
import type { EmuRequest, EmuResponse } from '../http/types.ts';
import { retailCatalog, type RetailPriceItem } from './catalog.ts';

/**
 * The Azure Retail Prices API (`GET {origin}/api/retail/prices`), public as in Azure: no token, no throttling.
 * `$filter` takes `field eq|ne 'value'` and `contains(field, 'value')` clauses joined by `and` (values
 * case-sensitive, field names not),
 * `priceType` meaning the item's `type`; `currencyCode` (only `USD` here); pages of {@link PAGE_SIZE} items with
 * `NextPageLink` (`$skip`), so clients must follow it. Anything else in `$filter` is 400, as Azure answers.
 */
export const PRICES_PATH = '/api/retail/prices';

/** Small on purpose: a size's meters span two pages (Azure's pages hold up to 1000). */
export const PAGE_SIZE = 4;

const FIELDS: Readonly<Record<string, keyof RetailPriceItem>> = {
  armregionname: 'armRegionName',
  armskuname: 'armSkuName',
  servicename: 'serviceName',
  servicefamily: 'serviceFamily',
  pricetype: 'type',
  type: 'type',
  productname: 'productName',
  skuname: 'skuName',
  metername: 'meterName',
  location: 'location',
  currencycode: 'currencyCode',
  meterid: 'meterId',
};

const CLAUSE = /^\s*(\w+)\s+(eq|ne)\s+'((?:[^']|'')*)'\s*$/i;
const CONTAINS = /^\s*contains\(\s*(\w+)\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i;

export function isPricesPath(rawPath: string): boolean {
  return rawPath.replace(/\/+$/, '').toLowerCase() === PRICES_PATH;
}

function invalid(message = 'Invalid OData parameters supplied'): EmuResponse {
  return json(400, { Error: { Code: 'Invalid OData parameters', Message: message } });
}

type Predicate = (item: RetailPriceItem) => boolean;

function parseFilter(filter: string | null): Predicate | undefined {
  if (filter === null || filter.trim() === '') return () => true;
  const predicates: Predicate[] = [];
  for (const raw of filter.split(/\s+and\s+/i)) {
    const part = raw.trim();
    const contains = CONTAINS.exec(part);
    if (contains) {
      const field = FIELDS[contains[1]!.toLowerCase()];
      if (!field) return undefined;
      const value = contains[2]!.replace(/''/g, "'");
      predicates.push((item) => String(item[field] ?? '').includes(value));
      continue;
    }
    const match = CLAUSE.exec(part.replace(/^\(\s*/, '').replace(/\s*\)$/, ''));
    const field = match && FIELDS[match[1]!.toLowerCase()];
    if (!match || !field) return undefined;
    const value = match[3]!.replace(/''/g, "'");
    const negate = match[2]!.toLowerCase() === 'ne';
    predicates.push((item) => (String(item[field] ?? '') === value) !== negate);
  }
  return (item) => predicates.every((p) => p(item));
}

export function createPricesHandler(ctx: EmulatorContext) {
  const catalog = retailCatalog();
  return (req: EmuRequest): EmuResponse => {
    ctx.stats.prices += 1;
    if (req.method !== 'GET') return json(405, { Error: { Code: 'MethodNotAllowed', Message: 'Use GET.' } });
    const currency = req.url.searchParams.get('currencyCode') ?? 'USD';
    if (currency.replace(/'/g, '').toUpperCase() !== 'USD') return invalid('Only USD prices are emulated.');
    const predicate = parseFilter(req.url.searchParams.get('$filter'));
    if (!predicate) return invalid();
    const skipRaw = req.url.searchParams.get('$skip') ?? '0';
    if (!/^\d{1,7}$/.test(skipRaw)) return invalid();
    const skip = Number(skipRaw);
    const matching = catalog.filter(predicate);
    const items = matching.slice(skip, skip + PAGE_SIZE);
    let next: string | null = null;
    if (skip + PAGE_SIZE < matching.length) {
      const query = new URLSearchParams(req.url.searchParams);
      query.set('$skip', String(skip + PAGE_SIZE));
      next = `${ctx.baseUrl}${PRICES_PATH}?${query.toString()}`;
    }
    return json(200, {
      BillingCurrency: 'USD',
      CustomerEntityId: 'Default',
      CustomerEntityType: 'Retail',
      Items: items,
      NextPageLink: next,
      Count: items.length,
    });
  };
}
