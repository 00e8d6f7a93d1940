import { actionVerdict } from '../../contract/power.ts';
import type { Vm, VmAction } from '../../contract/vm.ts';
import {
  adaptiveCard,
  facts,
  heading,
  text,
  type AdaptiveCard,
  type CardAction,
  type CardOptions,
  fitsButtonRow,
  withOverflow,
} from './adaptive.ts';
import { execute } from './intents.ts';
import { actionButtons, powerStateText } from './vm-parts.ts';
import { perHourText, perMonthText, PRICE_NOTE } from '../../contract/cost.ts';
import { ACTION_WORDING, vmLocation } from './wording.ts';

/**
 * Asks before stop (deallocate), power off and restart, saying what each means for billing. An action that makes no
 * sense for the VM as it is now (restart while deallocated, power off while stopped) or that the user's role does not
 * allow gets no button that Azure would refuse: the card says why, and offers what does make sense.
 */
export function confirmCard(
  input: { readonly vm: Vm; readonly action: VmAction },
  options: CardOptions = {},
): AdaptiveCard {
  const { vm, action } = input;
  const wording = ACTION_WORDING[action];
  const verdict = actionVerdict(vm, action);
  const where = facts([
    { title: 'Where', value: vmLocation(vm) },
    { title: 'Size', value: vm.size },
  ]);
  const refresh = options.refresh ? { refresh: options.refresh } : {};
  if (!verdict.ok) {
    const offered: CardAction[] = actionButtons(vm);
    return adaptiveCard(
      [
        heading(`Can't ${wording.verb} ${vm.name}`),
        text(`${vm.name} ${verdict.reason}.`),
        where,
        powerStateText(vm, { size: 'Small' }),
      ],
      {
        actions: withOverflow([...offered, execute('Show VM', { verb: 'vm.show', vmId: vm.id })]),
        ...refresh,
        fallbackText: `Can't ${wording.verb} ${vm.name}`,
      },
    );
  }
  return adaptiveCard(
    [
      heading(`${wording.button} ${vm.name}?`),
      text(wording.confirm ?? `This will ${wording.verb} the VM.`),
      ...(action === 'powerOff' && vm.price
        ? [
            text(
              `Powered off, it keeps costing ≈ ${perHourText(vm.price)} (${perMonthText(vm.price)}) for compute. ${PRICE_NOTE}`,
              { color: 'Warning', size: 'Small' },
            ),
          ]
        : action === 'deallocate' && vm.price
          ? [
              text(`Saves ≈ ${perHourText(vm.price)} while stopped. ${PRICE_NOTE}`, {
                isSubtle: true,
                size: 'Small',
              }),
            ]
          : []),
      where,
      powerStateText(vm, { size: 'Small' }),
    ],
    {
      actions: [
        // "Stop web-02"; with a long name just "Stop" (the heading names the VM): a title wider than the row
        // pushed Cancel past the card's edge.
        execute(
          fitsButtonRow(`${wording.button} ${vm.name}`) ? `${wording.button} ${vm.name}` : wording.button,
          { verb: 'vm.act', vmId: vm.id, action },
          { style: 'destructive' },
        ),
        execute('Cancel', { verb: 'vm.show', vmId: vm.id }),
      ],
      ...refresh,
      fallbackText: `${wording.button} ${vm.name}?`,
    },
  );
}
