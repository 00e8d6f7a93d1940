import type { Vm } from '../../contract/vm.ts';
import {
  column,
  columns,
  container,
  text,
  type CardElement,
  type Container,
  type ExecuteAction,
} from './adaptive.ts';
import { execute } from './intents.ts';
import type { CardText } from './markdown.ts';
import { ACTION_WORDING, availableActions, POWER_STATE_LOOK, vmLocation } from './wording.ts';

/** Power state as a coloured text block. */
export function powerStateText(
  vm: Pick<Vm, 'powerState'>,
  options: { readonly size?: 'Small' | 'Default'; readonly align?: 'Left' | 'Right' } = {},
) {
  const look = POWER_STATE_LOOK[vm.powerState];
  return text(look.label, {
    color: look.color,
    weight: 'Bolder',
    ...(look.subtle ? { isSubtle: true } : {}),
    ...(options.size ? { size: options.size } : {}),
    horizontalAlignment: options.align ?? 'Right',
  });
}

/** One VM as a row: name, resource group · subscription · size, and its power state. */
export function vmRow(
  vm: Vm,
  options: {
    readonly selectAction?: ExecuteAction;
    readonly separator?: boolean;
    /** A line under the VM (plain text), e.g. why an action is not offered for it. */
    readonly note?: string;
  } = {},
): Container {
  // Name and state side by side; what follows takes the whole width: squeezed beside the state, the location line
  // of a long-named VM ran to eight lines at Teams' narrow width.
  const items: CardElement[] = [
    columns([
      column([text(vm.name, { weight: 'Bolder' })], { width: 'stretch' }),
      column([powerStateText(vm, { size: 'Small' })], { width: 'auto', verticalContentAlignment: 'Center' }),
    ]),
    text(`${vmLocation(vm)} · ${vm.size}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
    ...(options.note ? [text(options.note, { size: 'Small', color: 'Warning', spacing: 'None' })] : []),
  ];
  return container(items, {
    ...(options.separator ? { separator: true } : {}),
    spacing: 'Small',
    ...(options.selectAction ? { selectAction: options.selectAction } : {}),
  });
}

/** Coloured banner above a card's content (success, failure, notes); a string shows literally. */
export function banner(
  message: CardText,
  tone: 'good' | 'attention' | 'warning' | 'accent' | 'emphasis',
): Container {
  return container([text(message, { weight: 'Bolder' })], { style: tone, bleed: true });
}

/**
 * The power buttons a VM's cards offer: allowed by the user's role and meaningful in its state (the contract's
 * rule). Start acts at once; the others ask first (they interrupt what runs, or keep billing).
 */
export function actionButtons(vm: Pick<Vm, 'id' | 'actions' | 'powerState'>): ExecuteAction[] {
  return availableActions(vm).map((action) =>
    action === 'start'
      ? execute(ACTION_WORDING.start.button, { verb: 'vm.act', vmId: vm.id, action }, { style: 'positive' })
      : execute(ACTION_WORDING[action].button, { verb: 'vm.confirm', vmId: vm.id, action }),
  );
}
