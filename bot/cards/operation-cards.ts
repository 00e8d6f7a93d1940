import type { Operation } from '../../contract/operation.ts';
import type { Vm } from '../../contract/vm.ts';
import {
  adaptiveCard,
  facts,
  heading,
  localTime,
  text,
  type AdaptiveCard,
  type CardOptions,
  type FactInput,
} from './adaptive.ts';
import { execute } from './intents.ts';
import { md } from './markdown.ts';
import { parseVmId } from '../../contract/vm-id.ts';
import { banner } from './vm-parts.ts';
import { vmCard } from './vm-card.ts';
import { ACTION_WORDING } from './wording.ts';

/** "Starting web-02… requested by Alice Wong at 10:02" — replaced in place when Azure finishes. */
export function progressCard(
  input: { readonly operation: Operation; readonly vm?: Pick<Vm, 'subscriptionName'> },
  options: CardOptions = {},
): AdaptiveCard {
  const op = input.operation;
  const wording = ACTION_WORDING[op.action];
  return adaptiveCard(
    [
      heading(`${wording.progress} ${op.vmName}…`, { color: 'Accent' }),
      text(md`Requested by ${op.requestedBy.name} at ${localTime(op.startedAt)}`, { spacing: 'None' }),
      facts(whereFacts(op, input.vm)),
      text('This card updates when Azure finishes.', { isSubtle: true, size: 'Small' }),
    ],
    {
      ...(options.refresh ? { refresh: options.refresh } : {}),
      fallbackText: `${wording.progress} ${op.vmName}…`,
    },
  );
}

/** The VM after a successful operation, with a banner saying who asked for what. */
export function succeededCard(
  input: { readonly operation: Operation; readonly vm?: Vm; readonly tenantId?: string },
  options: CardOptions = {},
): AdaptiveCard {
  const op = input.operation;
  const wording = ACTION_WORDING[op.action];
  const done = `${wording.done} ${op.vmName}`;
  const summary = md`${done} — requested by ${op.requestedBy.name} at ${localTime(op.startedAt)}`;
  if (input.vm)
    return vmCard(
      {
        vm: input.vm,
        notice: { text: summary, tone: 'good' },
        ...(input.tenantId ? { tenantId: input.tenantId } : {}),
      },
      options,
    );
  return adaptiveCard(
    [banner(summary, 'good'), facts(whereFacts(op)), finishedAt(op)].filter((e) => e !== undefined),
    {
      actions: [execute('Show VM', { verb: 'vm.show', vmId: op.vmId })],
      ...(options.refresh ? { refresh: options.refresh } : {}),
      // Plain text, not Markdown: no `{{TIME}}` where nothing would expand it.
      fallbackText: done,
    },
  );
}

/** A failed operation, carrying Azure's reason (its own message and code, never "try again later"). */
export function failedCard(
  input: { readonly operation: Operation; readonly vm?: Pick<Vm, 'subscriptionName'> },
  options: CardOptions = {},
): AdaptiveCard {
  const op = input.operation;
  const wording = ACTION_WORDING[op.action];
  const title = `Couldn't ${wording.verb} ${op.vmName}`;
  const reason = op.error ? `Azure said: ${op.error.message}` : 'Azure reported a failure without a reason.';
  return adaptiveCard(
    [
      banner(title, 'attention'),
      text(reason),
      facts([
        ...(op.error ? [{ title: 'Error code', value: op.error.armCode ?? op.error.code }] : []),
        { title: 'Requested by', value: md`${op.requestedBy.name} at ${localTime(op.startedAt)}` },
        ...whereFacts(op, input.vm),
      ]),
    ],
    {
      actions: [execute('Show VM', { verb: 'vm.show', vmId: op.vmId })],
      ...(options.refresh ? { refresh: options.refresh } : {}),
      fallbackText: title,
    },
  );
}

/**
 * Where the VM is: its resource group, and its subscription by name when the caller knows it. Never the
 * subscription's id: the operation carries only that, and a GUID on a card tells a reader nothing.
 */
function whereFacts(op: Operation, vm?: Pick<Vm, 'subscriptionName'>): FactInput[] {
  const ref = parseVmId(op.vmId);
  if (!ref) return [];
  return [
    { title: 'Resource group', value: ref.resourceGroup },
    ...(vm?.subscriptionName ? [{ title: 'Subscription', value: vm.subscriptionName }] : []),
  ];
}

function finishedAt(op: Operation) {
  return op.finishedAt
    ? text(md`Finished at ${localTime(op.finishedAt)}`, { isSubtle: true, size: 'Small' })
    : undefined;
}
