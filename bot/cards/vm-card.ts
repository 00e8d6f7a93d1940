import { autoShutdownText } from '../../contract/auto-shutdown.ts';
import { POWER_STATE_WORDING } from '../../contract/power.ts';
import { portalUrl } from '../../contract/vm-details.ts';
import { powerActionsOf, type Vm } from '../../contract/vm.ts';
import {
  adaptiveCard,
  facts,
  openUrl,
  withOverflow,
  text,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type CardOptions,
  type FactInput,
} from './adaptive.ts';
import { execute } from './intents.ts';
import type { CardText } from './markdown.ts';
import { actionButtons, banner, powerStateText } from './vm-parts.ts';
import {
  isStillBilled,
  perHourText,
  perMonthText,
  PRICE_NOTE,
  stillBilledText,
} from '../../contract/cost.ts';
import { availableActions } from './wording.ts';

/** Tags shown on a VM card; more are counted. */
const MAX_TAGS = 6;

export interface Notice {
  /** A string is shown literally; {@link CardText} Markdown (e.g. with `localTime()`) is rendered. */
  readonly text: CardText;
  readonly tone: 'good' | 'attention' | 'warning' | 'accent';
}

export interface VmCardInput {
  readonly vm: Vm;
  /** A banner above the VM (e.g. "Started web-02 — requested by Alice at 10:02"). */
  readonly notice?: Notice;
  /** The reader's tenant: "Open in Azure portal" then opens that directory (guests of several land right). */
  readonly tenantId?: string;
}

/**
 * One VM with only the buttons that make sense for it: allowed by the user's Azure RBAC AND meaningful in its power
 * state (the contract's rule, as in the tab) — never "Restart" for a deallocated VM. Plus "Open in Azure portal".
 */
export function vmCard(input: VmCardInput, options: CardOptions = {}): AdaptiveCard {
  const { vm } = input;
  const body: CardElement[] = [];
  if (input.notice) body.push(banner(input.notice.text, input.notice.tone));
  // The name on a line of its own, the state under it: beside the state, a long name (up to 64 characters, no
  // space) got a narrow column and broke mid-segment at Teams' narrow width.
  body.push(
    text(vm.name, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    { ...powerStateText(vm, { align: 'Left' }), spacing: 'None' },
    facts(vmFacts(vm)),
  );

  const allowed = availableActions(vm);
  const state = POWER_STATE_WORDING[vm.powerState];
  if (powerActionsOf(vm.actions).length === 0) {
    body.push(
      text("Read only: you can see this VM, but your Azure role doesn't let you start or stop it.", {
        isSubtle: true,
        size: 'Small',
      }),
    );
  } else if (allowed.length === 0) {
    body.push(
      text(
        state.transitional
          ? 'Azure is changing its state. Refresh in a moment.'
          : `Nothing your Azure role allows makes sense while it is ${state.label}.`,
        { isSubtle: true, size: 'Small' },
      ),
    );
  }

  if (vm.price && isStillBilled(vm)) body.push(banner(stillBilledText(vm.price), 'warning'));
  if (vm.price) body.push(text(PRICE_NOTE, { isSubtle: true, size: 'Small' }));

  const actions: CardAction[] = actionButtons(vm);
  // The schedule's card, for those who may change it or when there is one to see.
  if (vm.actions.includes('setAutoShutdown') || vm.autoShutdown)
    actions.push(execute('Auto-shutdown', { verb: 'autoshutdown.show', vmId: vm.id }));
  // How to reach it (ssh line, Remote Desktop note): only a running VM can be connected to.
  if (vm.powerState === 'running') actions.push(execute('Connect', { verb: 'vm.connect', vmId: vm.id }));
  actions.push(
    openUrl('Open in Azure portal', portalUrl(vm.id, input.tenantId)),
    execute('Refresh', { verb: 'vm.show', vmId: vm.id }),
    execute('All VMs', { verb: 'vm.list' }),
  );
  return adaptiveCard(body, {
    actions: withOverflow(actions),
    ...(options.refresh ? { refresh: options.refresh } : {}),
    fallbackText: `${vm.name}: ${state.label}`,
  });
}

/** The VM's details; every value is Azure's data, shown literally by `facts()`. Never the subscription's id. */
export function vmFacts(vm: Vm): FactInput[] {
  const list: FactInput[] = [
    { title: 'Resource group', value: vm.resourceGroup },
    ...(vm.subscriptionName ? [{ title: 'Subscription', value: vm.subscriptionName }] : []),
    { title: 'Size', value: vm.size },
    { title: 'OS', value: vm.osType },
    { title: 'Location', value: vm.location },
  ];
  if (vm.price) list.push({ title: 'Price', value: `${perHourText(vm.price)} (${perMonthText(vm.price)})` });
  if (vm.autoShutdown !== undefined)
    list.push({ title: 'Auto-shutdown', value: autoShutdownText(vm.autoShutdown) });
  if (vm.provisioningState && vm.provisioningState !== 'Succeeded') {
    list.push({ title: 'Provisioning', value: vm.provisioningState });
  }
  const tags = Object.entries(vm.tags);
  if (tags.length > 0) {
    const shown = tags.slice(0, MAX_TAGS).map(([k, v]) => `${k}: ${v}`);
    const more = tags.length > MAX_TAGS ? ` (+${tags.length - MAX_TAGS})` : '';
    list.push({ title: 'Tags', value: shown.join(', ') + more });
  }
  return list;
}
