import type { VmService } from '../../src/domain/services.ts';
import type { SignedInUser } from '../../src/domain/user.ts';
import { powerActionsOf, type Vm, type VmAction, type VmRef } from '../../contract/vm.ts';
import { confirmCard } from '../cards/confirm-card.ts';
import { connectCard } from '../cards/connect-card.ts';
import { connectOffer } from '../../contract/connect.ts';
import type { VmDetails } from '../../contract/vm-details.ts';
import type { CardIntent } from '../cards/intents.ts';
import { parseVmId } from '../../contract/vm-id.ts';
import { choiceCard, errorCard, helpCard, type ChoicePurpose } from '../cards/message-cards.ts';
import { progressCard } from '../cards/operation-cards.ts';
import { signedInCard } from '../cards/group-sign-in.ts';
import { vmCard } from '../cards/vm-card.ts';
import { vmListCard } from '../cards/vm-list-card.ts';
import { ACTION_WORDING } from '../cards/wording.ts';
import { filterVms } from '../commands/filter.ts';
import type { Command } from '../commands/parse.ts';
import { resolveVm, sortVms } from '../commands/resolve.ts';
import type { RefreshFor } from './views.ts';
import type { AutoShutdownBot } from './auto-shutdown.ts';
import { refOf, type ActionOutcome } from './outcome.ts';

/** What running an intent or command needs besides the VM service. */
export interface ActionContext {
  readonly user: SignedInUser;
  readonly refresh: RefreshFor;
  /** VM auto-shutdown (command, buttons, the card before a shutdown); absent: not offered. */
  readonly autoShutdown?: AutoShutdownBot;
  /** The turn's sender time zone (IANA), when Teams said. */
  readonly localTimezone?: string;
  /** The VM's details (network, admin user) as the user reads them, for Connect; absent: not offered. */
  readonly details?: VmDetailsReader;
}

/** The service's VM details (src/vms/details.ts): the VM through the budgeted VM service, its network as the user. */
export interface VmDetailsReader {
  get(user: SignedInUser, ref: VmRef): Promise<VmDetails>;
}

/** Runs a card button's intent as `ctx.user`. Throws AppError (callers turn it into an error card). */
export async function runIntent(
  vms: VmService,
  ctx: ActionContext,
  intent: CardIntent,
): Promise<ActionOutcome> {
  switch (intent.verb) {
    case 'bot.help':
      return { card: helpCard() };
    case 'bot.signIn':
      // The request the user made before signing in resumes separately (bot-app); this is the answer to the click.
      return { card: signedInCard(ctx.user.name || ctx.user.upn) };
    case 'vm.list': {
      const list = await vms.list(ctx.user);
      const matching = sortVms(filterVms(list.vms, intent.filter));
      const card = vmListCard(
        {
          vms: matching,
          page: intent.page ?? 0,
          totalCount: list.vms.length,
          errors: list.errors,
          ...(intent.filter ? { filter: intent.filter } : {}),
        },
        withRefresh(ctx, intent),
      );
      return { card };
    }
    case 'vm.show': {
      const vm = await vms.get(ctx.user, refOf(intent.vmId));
      // "Open in Azure portal" opens the reader's directory (guests of several tenants land right).
      return { card: vmCard({ vm, tenantId: ctx.user.tid }, withRefresh(ctx, intent)) };
    }
    case 'vm.confirm': {
      const vm = await vms.get(ctx.user, refOf(intent.vmId));
      if (!vm.actions.includes(intent.action)) return { card: errorCard(notAllowed(vm, intent.action)) };
      return { card: confirmCard({ vm, action: intent.action }) };
    }
    case 'vm.act': {
      const operation = await vms.act(ctx.user, refOf(intent.vmId), intent.action);
      return { card: progressCard({ operation }), operation };
    }
    case 'vm.connect': {
      if (!ctx.details) return { card: errorCard(connectUnavailable) };
      const details = await ctx.details.get(ctx.user, refOf(intent.vmId));
      return { card: connectCard({ vm: details.vm, offer: connectOffer(details), tenantId: ctx.user.tid }) };
    }
    case 'autoshutdown.show':
    case 'autoshutdown.set':
    case 'autoshutdown.respond':
      if (!ctx.autoShutdown) return { card: errorCard(autoShutdownUnavailable) };
      return ctx.autoShutdown.runIntent(ctx.user, intent, timezoneOf(ctx));
  }
}

const connectUnavailable = {
  title: 'Connect is not available',
  message: 'This bot cannot read VM network settings. Use the VMs tab or the Azure portal.',
  code: 'NotSupported' as const,
};

const autoShutdownUnavailable = {
  title: 'Auto-shutdown is not available',
  message: 'This bot does not manage auto-shutdown schedules.',
  code: 'NotSupported' as const,
};

/** Runs a typed command as `ctx.user`. `help`/`unknown`/`missingName` need no sign-in and are handled by the caller. */
export async function runCommand(
  vms: VmService,
  ctx: ActionContext,
  command: Command,
): Promise<ActionOutcome> {
  switch (command.kind) {
    case 'list':
      return runIntent(
        vms,
        ctx,
        command.filter ? { verb: 'vm.list', filter: command.filter } : { verb: 'vm.list' },
      );
    case 'status':
    case 'act': {
      const purpose: ChoicePurpose = command.kind === 'status' ? 'status' : command.action;
      const resolved = await resolveOrChoose(vms, ctx, command.name, purpose);
      if ('outcome' in resolved) return resolved.outcome;
      const vm = resolved.vm;
      if (command.kind === 'status')
        return {
          card: vmCard({ vm, tenantId: ctx.user.tid }, withRefresh(ctx, { verb: 'vm.show', vmId: vm.id })),
        };
      if (!vm.actions.includes(command.action)) return { card: errorCard(notAllowed(vm, command.action)) };
      if (command.action !== 'start') return { card: confirmCard({ vm, action: command.action }) };
      const operation = await vms.act(ctx.user, refOf(vm.id), 'start');
      return { card: progressCard({ operation, vm }), operation };
    }
    case 'autoShutdown': {
      if (!ctx.autoShutdown) return { card: errorCard(autoShutdownUnavailable) };
      // Choosing among several VMs continues with what was typed (an invalid time: the schedule card).
      const setting = command.setting && !('invalid' in command.setting) ? command.setting : {};
      const resolved = await resolveOrChoose(vms, ctx, command.name, { autoShutdown: setting });
      if ('outcome' in resolved) return resolved.outcome;
      return ctx.autoShutdown.runCommand(ctx.user, resolved.vm, command.setting, timezoneOf(ctx));
    }
    case 'help':
    case 'unknown':
    case 'missingName':
      return { card: helpCard() };
  }
}

/** The VM a typed name means, or the card to answer with: "which one?" (its choices continue `purpose`) or none. */
export async function resolveOrChoose(
  vms: VmService,
  ctx: ActionContext,
  name: string,
  purpose: ChoicePurpose,
): Promise<{ readonly vm: Vm } | { readonly outcome: ActionOutcome }> {
  const list = await vms.list(ctx.user);
  const resolution = resolveVm(list.vms, name);
  if (resolution.kind === 'found') return { vm: resolution.vm };
  const exact = resolution.kind === 'ambiguous';
  const matches = exact ? resolution.matches : resolution.suggestions;
  if (matches.length > 0) {
    return { outcome: { card: choiceCard({ query: name, purpose, matches, exact }, withRefresh(ctx)) } };
  }
  return {
    outcome: {
      card: errorCard({
        title: `No VM named “${name}”`,
        message: `I couldn't find it among the ${list.vms.length} VMs your Azure access lets you see. Try “list” to see them.`,
        code: 'NotFound',
      }),
    },
  };
}

/** "start web-01" / "see web-01", for error titles. */
export function describeIntent(intent: CardIntent): string | undefined {
  if (intent.verb === 'vm.show') return `see ${parseVmId(intent.vmId)?.name ?? 'this VM'}`;
  if (intent.verb === 'vm.connect') return `connect to ${parseVmId(intent.vmId)?.name ?? 'this VM'}`;
  if (intent.verb !== 'vm.act' && intent.verb !== 'vm.confirm') return undefined;
  const ref = parseVmId(intent.vmId);
  return `${ACTION_WORDING[intent.action].verb} ${ref?.name ?? 'the VM'}`;
}

function withRefresh(ctx: ActionContext, intent?: CardIntent) {
  const refresh = intent ? ctx.refresh(intent) : undefined;
  return refresh ? { refresh } : {};
}

const timezoneOf = (ctx: ActionContext) => (ctx.localTimezone ? { localTimezone: ctx.localTimezone } : {});

function notAllowed(vm: Vm, action: VmAction) {
  const verb = ACTION_WORDING[action].verb;
  return {
    title: `You don't have permission to ${verb} ${vm.name}`,
    message:
      powerActionsOf(vm.actions).length === 0
        ? `Your Azure access to ${vm.name} is read-only.`
        : `Your Azure role on ${vm.name} allows: ${powerActionsOf(vm.actions)
            .map((a) => ACTION_WORDING[a].verb)
            .join(', ')}.`,
    code: 'AuthorizationFailed',
  };
}
