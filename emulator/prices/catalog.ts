/**
 * The Retail Prices API's catalogue for the seeds' sizes and regions: Linux and Windows pay-as-you-go meters,
 * plus the Spot, Low Priority and reservation meters Azure lists beside them (so a client's filter matters).
 * Prices are plausible list prices (USD per hour), not Azure's current ones.
 */

/** One item, in the shape `GET https://prices.azure.com/api/retail/prices` answers. */
export interface RetailPriceItem {
  readonly currencyCode: string;
  readonly tierMinimumUnits: number;
  readonly reservationTerm?: string;
  readonly retailPrice: number;
  readonly unitPrice: number;
  readonly armRegionName: string;
  readonly location: string;
  readonly effectiveStartDate: string;
  readonly meterId: string;
  readonly meterName: string;
  readonly productId: string;
  readonly skuId: string;
  readonly productName: string;
  readonly skuName: string;
  readonly serviceName: string;
  readonly serviceId: string;
  readonly serviceFamily: string;
  readonly unitOfMeasure: string;
  readonly type: string;
  readonly isPrimaryMeterRegion: boolean;
  readonly armSkuName: string;
}

interface SizeInfo {
  /** Linux pay-as-you-go, USD per hour, in eastus2. */
  readonly linux: number;
  readonly vcpus: number;
  /** `Virtual Machines {series} Series`. */
  readonly series: string;
  /** The meter's name: `B2s`, `D4s v5`. */
  readonly meter: string;
}

const SIZES: Readonly<Record<string, SizeInfo>> = {
  Standard_B2s: { linux: 0.0416, vcpus: 2, series: 'BS', meter: 'B2s' },
  Standard_D2s_v5: { linux: 0.096, vcpus: 2, series: 'Dsv5', meter: 'D2s v5' },
  Standard_D4s_v5: { linux: 0.192, vcpus: 4, series: 'Dsv5', meter: 'D4s v5' },
  Standard_D8s_v5: { linux: 0.384, vcpus: 8, series: 'Dsv5', meter: 'D8s v5' },
  Standard_E4s_v5: { linux: 0.252, vcpus: 4, series: 'Esv5', meter: 'E4s v5' },
  Standard_F8s_v2: { linux: 0.338, vcpus: 8, series: 'FSv2', meter: 'F8s v2' },
};

/** Region → [display location, price factor against eastus2]. */
const REGIONS: Readonly<Record<string, readonly [string, number]>> = {
  eastus2: ['US East 2', 1],
  westus3: ['US West 3', 1],
  westeurope: ['EU West', 1.15],
  northeurope: ['EU North', 1.08],
  uksouth: ['UK South', 1.12],
};

/** Windows licence per vCPU-hour, added to the Linux price. */
const WINDOWS_PER_VCPU = 0.046;

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** A stable pseudo id from a text (meter, product and sku ids). */
function idOf(text: string, length: number): string {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const alphabet = '0123456789BCDFGHJKLMNPQRSTVWXZ';
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.imul(h ^ (i + 7), 2654435761) >>> 0;
  }
  return out;
}

function meterGuid(text: string): string {
  const hex = [0, 1, 2, 3].map((i) => idOf(`${text}#${i}`, 8)).join('');
  const h = [...hex].map((c) => (c.charCodeAt(0) % 16).toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Every item for one size in one region, Spot / Low Priority / reservation meters first, as Azure mixes them. */
function itemsFor(armSkuName: string, region: string): RetailPriceItem[] {
  const size = SIZES[armSkuName];
  const where = REGIONS[region];
  if (!size || !where) return [];
  const [location, factor] = where;
  const linux = round(size.linux * factor);
  const windows = round(linux + size.vcpus * WINDOWS_PER_VCPU);
  const item = (
    os: 'Linux' | 'Windows',
    variant: '' | ' Spot' | ' Low Priority',
    price: number,
    type = 'Consumption',
    reservationTerm?: string,
  ): RetailPriceItem => {
    const productName = `Virtual Machines ${size.series} Series${os === 'Windows' ? ' Windows' : ''}`;
    const productId = `DZH318Z0${idOf(productName, 4)}`;
    const skuName = `${size.meter}${variant}`;
    return {
      currencyCode: 'USD',
      tierMinimumUnits: 0,
      ...(reservationTerm ? { reservationTerm } : {}),
      retailPrice: price,
      unitPrice: price,
      armRegionName: region,
      location,
      effectiveStartDate: '2024-01-01T00:00:00Z',
      meterId: meterGuid(`${productName}|${skuName}|${region}`),
      meterName: skuName,
      productId,
      skuId: `${productId}/${idOf(`${skuName}|${region}`, 4)}`,
      productName,
      skuName,
      serviceName: 'Virtual Machines',
      serviceId: 'DZH313Z7MMC8',
      serviceFamily: 'Compute',
      unitOfMeasure: '1 Hour',
      type,
      isPrimaryMeterRegion: true,
      armSkuName,
    };
  };
  return [
    item('Linux', ' Spot', round(linux * 0.2)),
    item('Linux', ' Low Priority', round(linux * 0.2)),
    item('Windows', ' Spot', round(windows * 0.35)),
    item('Windows', ' Low Priority', round(windows * 0.35)),
    item('Linux', '', round(linux * 0.62 * 8760), 'Reservation', '1 Year'),
    item('Linux', '', linux),
    item('Windows', '', windows),
  ];
}

/** The whole catalogue: every known size in every known region. */
export function retailCatalog(): RetailPriceItem[] {
  const items: RetailPriceItem[] = [];
  for (const region of Object.keys(REGIONS))
    for (const size of Object.keys(SIZES)) items.push(...itemsFor(size, region));
  return items;
}
