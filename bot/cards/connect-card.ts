import type { ConnectOffer } from '../../contract/connect.ts';
import { portalConnectUrl } from '../../contract/vm-details.ts';
import type { Vm } from '../../contract/vm.ts';
import {
  adaptiveCard,
  heading,
  openUrl,
  text,
  withOverflow,
  type AdaptiveCard,
  type CardElement,
} from './adaptive.ts';
import { execute } from './intents.ts';
import { md } from './markdown.ts';

export interface ConnectCardInput {
  readonly vm: Vm;
  /** The contract's connect rule (contract/connect.ts), as the tab's details panel shows it. */
  readonly offer: ConnectOffer;
  /** The reader's tenant, for the portal link. */
  readonly tenantId?: string;
}

/**
 * How to connect to a VM: Linux, the `ssh` line to copy; Windows, where to get the Remote Desktop file (a card
 * cannot hand out a file); otherwise why not (not running, no public address: Azure Bastion). Every value is data,
 * shown literally. Pure.
 */
export function connectCard(input: ConnectCardInput): AdaptiveCard {
  const { vm, offer } = input;
  const body: CardElement[] = [heading(md`Connect to ${vm.name}`)];
  switch (offer.kind) {
    case 'ssh':
      body.push(
        text('From a terminal (your key or password, as set on the VM):', { isSubtle: true }),
        text(offer.command, { fontType: 'Monospace', weight: 'Bolder' }),
      );
      break;
    case 'rdp':
      body.push(
        text(md`${vm.name} runs Windows: connect with Remote Desktop to ${offer.host}.`),
        text(
          'Download the Remote Desktop file from the VMs tab (the VM’s details → Connect), or from the Azure portal.',
          { isSubtle: true },
        ),
      );
      break;
    case 'none':
      body.push(text(offer.reason));
      break;
  }
  return adaptiveCard(body, {
    actions: withOverflow([
      openUrl('Connect in Azure portal', portalConnectUrl(vm.id, input.tenantId)),
      execute('Back to VM', { verb: 'vm.show', vmId: vm.id }),
    ]),
    fallbackText: `Connect to ${vm.name}`,
  });
}
