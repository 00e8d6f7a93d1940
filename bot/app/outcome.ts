import type { Operation } from '../../contract/operation.ts';
import type { VmRef } from '../../contract/vm.ts';
import { parseVmId } from '../../contract/vm-id.ts';
import { AppError } from '../../src/domain/errors.ts';
import type { AdaptiveCard } from '../cards/adaptive.ts';

/**
 * What a command or card action answers, and the VM a card names: shared by the VM actions and auto-shutdown (a
 * leaf module, so neither imports the other for them).
 */
/** What came out: a card, plus the operation it started (to be tracked) if any. */
export interface ActionOutcome {
  readonly card: AdaptiveCard;
  readonly operation?: Operation;
}

/** The VM a card names; a card naming something else is a BadRequest. */
export function refOf(vmId: string): VmRef {
  const ref = parseVmId(vmId);
  if (!ref)
    throw new AppError('BadRequest', 'This card refers to something that is not a virtual machine.', {});
  return ref;
}
