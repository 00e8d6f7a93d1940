import type { Vm } from '../../contract/vm.ts';
import {
  adaptiveCard,
  column,
  columns,
  facts,
  text,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type CardOptions,
  type FactInput,
} from './adaptive.ts';
import { execute } from './intents.ts';
import type { CardText } from './markdown.ts';
import { banner, powerStateText } from './vm-parts.ts';
import { ACTION_WORDING, availableActions } from './wording.ts';

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
}

/** One VM with only the buttons the user's Azure RBAC allows (and that make sense in its state). */
export function vmCard(input: VmCardInput, options: CardOptions = {}): AdaptiveCard {
  const { vm } = input;
  const body: CardElement[] = [];
  if (input.notice) body.push(banner(input.notice.text, input.notice.tone));
  body.push(
    columns([
      column([text(vm.name, { size: 'Large', weight: 'Bolder', style: 'heading' })], { width: 'stretch' }),
      column([powerStateText(vm)], { width: 'auto', verticalContentAlignment: 'Center' }),
    ]),
    facts(vmFacts(vm)),
  );

  const allowed = availableActions(vm);
  if (vm.actions.length === 0) {
    body.push(
      text("You can see this VM, but your Azure role doesn't let you start or stop it.", {
        isSubtle: true,
        size: 'Small',
      }),
    );
  } else if (allowed.length === 0) {
    body.push(text('Azure is changing its state. Refresh in a moment.', { isSubtle: true, size: 'Small' }));
  }

  const actions: CardAction[] = allowed.map((action) =>
    action === 'start'
      ? execute(ACTION_WORDING.start.button, { verb: 'vm.act', vmId: vm.id, action }, { style: 'positive' })
      : execute(ACTION_WORDING[action].button, { verb: 'vm.confirm', vmId: vm.id, action }),
  );
  actions.push(execute('Refresh', { verb: 'vm.show', vmId: vm.id }), execute('All VMs', { verb: 'vm.list' }));
  return adaptiveCard(body, {
    actions,
    ...(options.refresh ? { refresh: options.refresh } : {}),
    fallbackText: `${vm.name}: ${vm.powerState}`,
  });
}

/** The VM's details; every value is Azure's data, shown literally by `facts()`. */
export function vmFacts(vm: Vm): FactInput[] {
  const list: FactInput[] = [
    { title: 'Resource group', value: vm.resourceGroup },
    { title: 'Subscription', value: vm.subscriptionName || vm.subscriptionId },
    { title: 'Size', value: vm.size },
    { title: 'OS', value: vm.osType },
    { title: 'Location', value: vm.location },
  ];
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
