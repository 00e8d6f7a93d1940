import type { Vm, VmAction } from '../../contract/vm.ts';
import { adaptiveCard, facts, heading, text, type AdaptiveCard, type CardOptions } from './adaptive.ts';
import { execute } from './intents.ts';
import { powerStateText } from './vm-parts.ts';
import { ACTION_WORDING, vmLocation } from './wording.ts';

/** Asks before stop (deallocate), power off and restart, saying what each means for billing. */
export function confirmCard(
  input: { readonly vm: Vm; readonly action: VmAction },
  options: CardOptions = {},
): AdaptiveCard {
  const { vm, action } = input;
  const wording = ACTION_WORDING[action];
  return adaptiveCard(
    [
      heading(`${wording.button} ${vm.name}?`),
      text(wording.confirm ?? `This will ${wording.verb} the VM.`),
      facts([
        { title: 'Where', value: vmLocation(vm) },
        { title: 'Size', value: vm.size },
      ]),
      powerStateText(vm, { size: 'Small' }),
    ],
    {
      actions: [
        execute(
          `${wording.button} ${vm.name}`,
          { verb: 'vm.act', vmId: vm.id, action },
          { style: 'destructive' },
        ),
        execute('Cancel', { verb: 'vm.show', vmId: vm.id }),
      ],
      ...(options.refresh ? { refresh: options.refresh } : {}),
      fallbackText: `${wording.button} ${vm.name}?`,
    },
  );
}
