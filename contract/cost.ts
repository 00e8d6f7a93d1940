import type { PowerState, Vm, VmPrice } from './vm.ts';

/** What the tab and the cards say about prices, the same everywhere. Pure. */

/** Azure's convention for monthly estimates. */
export const HOURS_PER_MONTH = 730;

export const PRICE_NOTE =
  'List prices (pay-as-you-go, compute only), without discounts, reservations or savings plans.';

/** Formatters by `currency|maximumFractionDigits`: building an Intl.NumberFormat is slow, and rows format prices. */
const formatters = new Map<string, Intl.NumberFormat>();
const MAX_FORMATTERS = 50;

function moneyFormat(currency: string, digits: number): Intl.NumberFormat {
  const key = `${currency}|${digits}`;
  let format = formatters.get(key);
  if (!format) {
    // Throws for a currency code Intl rejects: nothing is cached then.
    format = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: digits,
    });
    // Currency codes come from Azure: bound the cache (the oldest goes first).
    const oldest = formatters.size >= MAX_FORMATTERS ? formatters.keys().next().value : undefined;
    if (oldest !== undefined) formatters.delete(oldest);
    formatters.set(key, format);
  }
  return format;
}

/** `$0.048`, `$35.04`: three decimals below one unit of currency, two above. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return moneyFormat(currency, Math.abs(amount) < 1 ? 3 : 2).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** `$0.048/h` */
export const perHourText = (price: VmPrice) => `${formatMoney(price.perHour, price.currency)}/h`;

/** `≈ $35.04/month` (730 h). */
export const perMonthText = (price: VmPrice) =>
  `≈ ${formatMoney(price.perHour * HOURS_PER_MONTH, price.currency)}/month`;

/** Stopped (powered off) but still allocated: it keeps billing for compute. */
export const isStillBilled = (vm: Pick<Vm, 'powerState'>) => vm.powerState === 'stopped';

export interface CostTotal {
  readonly perHour: number;
  readonly currency: string;
  /** VMs counted. */
  readonly priced: number;
  /** VMs that matched but have no known price. */
  readonly unpriced: number;
}

/** The hourly total of the VMs `which` selects (one currency: the first priced VM's). */
export function totalPerHour(
  vms: readonly Pick<Vm, 'powerState' | 'price'>[],
  which: (state: PowerState) => boolean = (s) => s === 'running',
): CostTotal | undefined {
  let perHour = 0;
  let currency: string | undefined;
  let priced = 0;
  let unpriced = 0;
  for (const vm of vms) {
    if (!which(vm.powerState)) continue;
    const price = vm.price;
    if (!price || (currency !== undefined && price.currency !== currency)) {
      unpriced += 1;
      continue;
    }
    currency = price.currency;
    perHour += price.perHour;
    priced += 1;
  }
  if (currency === undefined) return undefined;
  return { perHour, currency, priced, unpriced };
}

/** `Running now ≈ $1.23/h` */
export function runningNowText(vms: readonly Pick<Vm, 'powerState' | 'price'>[]): string | undefined {
  const total = totalPerHour(vms);
  return total ? `Running now ≈ ${formatMoney(total.perHour, total.currency)}/h` : undefined;
}

/** `Still billed ≈ $0.05/h — Stop (deallocate) to stop paying for compute` */
export function stillBilledText(price: VmPrice): string {
  return `Still billed ≈ ${perHourText(price)} — Stop (deallocate) to stop paying for compute`;
}
