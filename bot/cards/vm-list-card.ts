import type { SubscriptionError, Vm } from '../../contract/vm.ts';
import {
  actionSet,
  adaptiveCard,
  column,
  columns,
  heading,
  localTime,
  text,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type CardOptions,
  type TextInput,
} from './adaptive.ts';
import { execute, MAX_FILTER_LENGTH } from './intents.ts';
import { md } from './markdown.ts';
import { banner, vmRow } from './vm-parts.ts';
import { vmTotals } from './wording.ts';
import { formatMoney, PRICE_NOTE, runningNowText, totalPerHour } from '../../contract/cost.ts';

/** VMs per list card: keeps every card far below Teams' size limit, whatever the number of VMs. */
export const LIST_PAGE_SIZE = 10;
/** Subscription errors listed by name; more are counted. */
const MAX_ERRORS_LISTED = 3;

export interface VmListCardInput {
  /** The VMs matching `filter` (the whole set, not one page). */
  readonly vms: readonly Vm[];
  readonly filter?: string;
  /** Zero-based; clamped to the last page. */
  readonly page?: number;
  /** How many VMs the user can see before filtering. Defaults to `vms.length`. */
  readonly totalCount?: number;
  /** Subscriptions that could not be read. */
  readonly errors?: readonly SubscriptionError[];
  /**
   * When the list was read (ISO 8601; default: now). The card says "as of" it in the reader's time zone: a list
   * card stays in the chat, and an hour later its states are an hour old.
   */
  readonly asOf?: string;
}

/** The last page index for `count` items (0 when empty). */
export function lastPage(count: number): number {
  return Math.max(0, Math.ceil(count / LIST_PAGE_SIZE) - 1);
}

/** The list card: one page of VMs, totals, a filter and next/previous. */
export function vmListCard(input: VmListCardInput, options: CardOptions = {}): AdaptiveCard {
  const filter = input.filter?.slice(0, MAX_FILTER_LENGTH);
  const page = Math.min(Math.max(0, Math.trunc(input.page ?? 0)), lastPage(input.vms.length));
  const start = page * LIST_PAGE_SIZE;
  const shown = input.vms.slice(start, start + LIST_PAGE_SIZE);
  const total = input.totalCount ?? input.vms.length;

  const body: CardElement[] = [
    heading('Your virtual machines'),
    text(filter ? `${vmTotals(input.vms)} matching “${filter}” (of ${total})` : vmTotals(input.vms), {
      isSubtle: true,
      spacing: 'None',
    }),
    text(md`As of ${localTime(input.asOf ?? new Date().toISOString())}`, {
      isSubtle: true,
      size: 'Small',
      spacing: 'None',
    }),
    ...costLines(input.vms),
    filterRow(filter),
  ];
  const errors = input.errors ?? [];
  if (errors.length > 0) body.push(banner(errorSummary(errors), 'warning'));

  if (shown.length === 0) {
    body.push(
      text(
        filter
          ? `No VMs match “${filter}”. Filter by name, resource group, subscription or state.`
          : 'You have no VMs you can see with your Azure access.',
        { isSubtle: true },
      ),
    );
  } else {
    shown.forEach((vm, index) =>
      body.push(
        vmRow(vm, {
          separator: index > 0,
          selectAction: execute(`Open ${vm.name}`, { verb: 'vm.show', vmId: vm.id }),
        }),
      ),
    );
    body.push(
      text(
        `Showing ${start + 1}–${start + shown.length} of ${input.vms.length} · page ${page + 1} of ${lastPage(input.vms.length) + 1}`,
        {
          isSubtle: true,
          size: 'Small',
          separator: true,
        },
      ),
    );
  }

  const actions: CardAction[] = [];
  if (page > 0) actions.push(execute('Previous', listIntent(page - 1, filter)));
  if (start + LIST_PAGE_SIZE < input.vms.length) actions.push(execute('Next', listIntent(page + 1, filter)));
  return adaptiveCard(body, {
    actions,
    ...(options.refresh ? { refresh: options.refresh } : {}),
    fallbackText: vmTotals(input.vms),
  });
}

/** "Running now ≈ $1.23/h · still billed while stopped ≈ $0.47/h" and the list-price note, when prices are known. */
function costLines(vms: readonly Vm[]): CardElement[] {
  const running = runningNowText(vms);
  if (!running) return [];
  const stopped = totalPerHour(vms, (state) => state === 'stopped');
  const billed = stopped
    ? ` · stopped but still billed ≈ ${formatMoney(stopped.perHour, stopped.currency)}/h`
    : '';
  return [
    text(`${running}${billed}`, { weight: 'Bolder', size: 'Small', spacing: 'Small' }),
    text(PRICE_NOTE, { isSubtle: true, size: 'Small', spacing: 'None' }),
  ];
}

function listIntent(page: number, filter: string | undefined) {
  return filter ? { verb: 'vm.list' as const, page, filter } : { verb: 'vm.list' as const, page };
}

function filterRow(filter: string | undefined): CardElement {
  const input: TextInput = {
    type: 'Input.Text',
    id: 'filter',
    // The long hint as the label (it wraps); a short placeholder, which never wraps, fits a 320 px card.
    label: 'Filter by name, resource group, subscription or state',
    placeholder: 'e.g. web or running',
    maxLength: MAX_FILTER_LENGTH,
    ...(filter ? { value: filter } : {}),
  };
  return columns(
    [
      column([input], { width: 'stretch' }),
      column([actionSet([execute('Filter', { verb: 'vm.list', page: 0 }, { inputs: 'auto' })])], {
        width: 'auto',
        verticalContentAlignment: 'Bottom',
      }),
    ],
    { spacing: 'Medium' },
  );
}

/**
 * "Couldn't read 2 subscriptions: Contoso Prod (AuthorizationFailed) and 1 more." Subscriptions are named by their
 * display name only (a GUID tells a reader nothing); those without one are counted. Azure's own code when it gave one.
 */
export function errorSummary(errors: readonly SubscriptionError[]): string {
  const named = errors
    .filter((e) => e.subscriptionName)
    .slice(0, MAX_ERRORS_LISTED)
    .map((e) => `${e.subscriptionName} (${e.armCode ?? e.code})`);
  const rest = errors.length - named.length;
  const noun = errors.length === 1 ? 'subscription' : 'subscriptions';
  const list = named.length === 0 ? '' : `: ${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
  return `Couldn't read ${errors.length} ${noun}${list}. The list may be incomplete.`;
}
