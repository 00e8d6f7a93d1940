import { actionVerdict } from '../../contract/power.ts';
import type { Vm } from '../../contract/vm.ts';
import { BOT_COMMANDS } from '../commands/catalog.ts';
import {
  adaptiveCard,
  column,
  columns,
  heading,
  text,
  type AdaptiveCard,
  type CardElement,
  type CardOptions,
} from './adaptive.ts';
import { execute, type CardIntent } from './intents.ts';
import { banner, vmRow } from './vm-parts.ts';
import { ACTION_WORDING } from './wording.ts';

/** What people can type, as the help card shows it. */
const EXAMPLES = ['list web', 'list running', 'start web-02', 'stop rg-web/web-02'] as const;

/** Choices listed on a "which one?" card; more are counted. */
export const MAX_CHOICES = 10;

/**
 * What went wrong, in words for people; `code` is the stable error code, shown small. All three are
 * plain text, shown literally (they often carry Azure's own message, or what the user typed).
 */
export interface ErrorCardInput {
  readonly title: string;
  readonly message: string;
  readonly code?: string;
}

export function errorCard(input: ErrorCardInput, options: CardOptions = {}): AdaptiveCard {
  const body: CardElement[] = [banner(input.title, 'attention'), text(input.message)];
  if (input.code) body.push(text(`Code: ${input.code}`, { isSubtle: true, size: 'Small' }));
  return adaptiveCard(body, {
    actions: [execute('Show my VMs', { verb: 'vm.list' }), execute('Help', { verb: 'bot.help' })],
    ...(options.refresh ? { refresh: options.refresh } : {}),
    fallbackText: input.title,
  });
}

/**
 * The command list: each command word in a fixed 80 px column (the longest, "poweroff", fits) and its description
 * taking the rest (`stretch`), so the descriptions line up. A bare number is a *weight* in Adaptive Cards, not
 * pixels: `90` against `stretch` gave the description a sliver and broke every word of it at Teams' narrow width.
 */
function commandRows(): CardElement[] {
  return BOT_COMMANDS.map((command) =>
    columns(
      [
        column([text(command.title, { weight: 'Bolder', color: 'Accent' })], { width: '124px' }),
        column([text(command.description)], { width: 'stretch' }),
      ],
      { spacing: 'Small' },
    ),
  );
}

/**
 * Commands and examples, from the catalog the Teams manifest also lists. `greeting` and `note` are
 * plain text shown literally (they carry the user's name and what they typed).
 */
export function helpCard(input: { readonly greeting?: string; readonly note?: string } = {}): AdaptiveCard {
  const body: CardElement[] = [];
  if (input.note) body.push(banner(input.note, 'accent'));
  body.push(
    heading(input.greeting ?? 'Here is what I can do'),
    text(
      'I act as you, with your own Azure access: you only see and change the VMs your Azure roles allow.',
      {
        isSubtle: true,
        spacing: 'None',
      },
    ),
  );
  body.push(...commandRows());
  // One example per line: a name such as web-02 would otherwise break at its hyphen in a narrow pane.
  body.push(
    text('Examples:', { isSubtle: true, size: 'Small' }),
    ...EXAMPLES.map((example) => text(example, { isSubtle: true, size: 'Small', spacing: 'None' })),
  );
  return adaptiveCard(body, {
    actions: [execute('List my VMs', { verb: 'vm.list' })],
    fallbackText: 'VM Manager help',
  });
}

/**
 * The first card after install: who the bot is and that it acts with the reader's own Azure access (nothing more).
 * One-on-one: how to begin, with a sign-in (its first command signs the user in). In a team or group chat: how to
 * talk to it there (mention it), and that each person acts with their own access. Both say the tab shows the same
 * VMs. `name` is the reader's first name, shown literally.
 */
export function welcomeCard(
  input: { readonly name?: string; readonly scope?: 'personal' | 'group'; readonly botName?: string } = {},
): AdaptiveCard {
  const group = input.scope === 'group';
  const botName = input.botName ?? 'VM Manager';
  return adaptiveCard(
    [
      heading(input.name && !group ? `Welcome, ${input.name}!` : `Welcome to ${botName}!`),
      text(
        'I start, stop and restart the Azure virtual machines your own Azure roles allow, right here in Teams. I act as you: I see and change nothing your access does not cover, and Azure logs every change under your name.',
        { wrap: true },
      ),
      ...(group
        ? [
            text(`Mention me to ask: @${botName} list, @${botName} status web-01.`, { spacing: 'Medium' }),
            text(
              'Everyone who clicks a button on my cards acts with their own access, after signing in once.',
              {
                isSubtle: true,
              },
            ),
          ]
        : [
            text('Try one of these:', { weight: 'Bolder', spacing: 'Medium' }),
            ...commandRows().slice(1, 4),
            text('Your first request asks you to sign in once; after that I answer at once.', {
              isSubtle: true,
            }),
          ]),
      text('The VM Manager tab shows the same VMs in a grid, with details and bulk actions.', {
        isSubtle: true,
        size: 'Small',
        spacing: 'Medium',
      }),
    ],
    {
      actions: [
        execute(group ? 'List my VMs' : 'Sign in and list my VMs', { verb: 'vm.list' }),
        execute('Help', { verb: 'bot.help' }),
      ],
      fallbackText: `Welcome to ${botName}`,
    },
  );
}

/** "autoshutdown web 19:00": the chosen VM's schedule card, or saving what was typed (`time`, or `off`). */
export interface AutoShutdownChoice {
  readonly autoShutdown: { readonly time?: string; readonly off?: true };
}

export type ChoicePurpose = 'status' | 'start' | 'deallocate' | 'powerOff' | 'restart' | AutoShutdownChoice;

/**
 * "Which web did you mean?" — one row per candidate VM; selecting a row continues the command.
 * `query` is what the user typed, shown literally.
 */
export function choiceCard(
  input: {
    readonly query: string;
    readonly purpose: ChoicePurpose;
    readonly matches: readonly Vm[];
    readonly exact: boolean;
  },
  options: CardOptions = {},
): AdaptiveCard {
  const shown = input.matches.slice(0, MAX_CHOICES);
  const body: CardElement[] = [
    heading(
      input.exact
        ? `Which “${input.query}” did you mean?`
        : `No VM is named “${input.query}”. Did you mean one of these?`,
    ),
    text(`${input.matches.length} ${input.matches.length === 1 ? 'VM matches' : 'VMs match'}. Select one.`, {
      isSubtle: true,
      spacing: 'None',
    }),
  ];
  shown.forEach((vm, index) => {
    // A VM where the action makes no sense (restart while deallocated) or is not allowed opens its card
    // instead, and says why: no choice here leads to a button Azure would refuse.
    // Auto-shutdown asks ARM, as the clicker, whether they may change the schedule.
    const purpose = input.purpose;
    const verdict =
      purpose === 'status' || typeof purpose === 'object'
        ? { ok: true as const }
        : actionVerdict(vm, purpose);
    const note =
      verdict.ok || purpose === 'status' || typeof purpose === 'object'
        ? {}
        : { note: `Can't ${ACTION_WORDING[purpose].verb}: ${vm.name} ${verdict.reason}` };
    body.push(
      vmRow(vm, {
        separator: index > 0,
        ...note,
        selectAction: verdict.ok
          ? execute(choiceTitle(input.purpose, vm), intentFor(input.purpose, vm))
          : execute(`Show ${vm.name}`, { verb: 'vm.show', vmId: vm.id }),
      }),
    );
  });
  if (input.matches.length > shown.length) {
    body.push(
      text(
        `…and ${input.matches.length - shown.length} more. Be more specific, for example “resource-group/name”.`,
        {
          isSubtle: true,
          size: 'Small',
        },
      ),
    );
  }
  return adaptiveCard(body, {
    actions: [execute('Show all matches', { verb: 'vm.list', filter: input.query })],
    ...(options.refresh ? { refresh: options.refresh } : {}),
    fallbackText: `Which ${input.query}?`,
  });
}

function intentFor(purpose: ChoicePurpose, vm: Vm): CardIntent {
  if (typeof purpose === 'object') {
    const { time, off } = purpose.autoShutdown;
    if (off) return { verb: 'autoshutdown.set', vmId: vm.id, off: true };
    return time
      ? { verb: 'autoshutdown.set', vmId: vm.id, time }
      : { verb: 'autoshutdown.show', vmId: vm.id };
  }
  if (purpose === 'status') return { verb: 'vm.show', vmId: vm.id };
  if (purpose === 'start') return { verb: 'vm.act', vmId: vm.id, action: 'start' };
  return { verb: 'vm.confirm', vmId: vm.id, action: purpose };
}

function choiceTitle(purpose: ChoicePurpose, vm: Vm): string {
  if (typeof purpose === 'object') {
    const { time, off } = purpose.autoShutdown;
    if (off) return `Turn off auto-shutdown of ${vm.name}`;
    return time ? `Shut down ${vm.name} daily at ${time}` : `Auto-shutdown of ${vm.name}`;
  }
  const verbs: Record<Exclude<ChoicePurpose, AutoShutdownChoice>, string> = {
    status: 'Show',
    start: 'Start',
    deallocate: 'Stop',
    powerOff: 'Power off',
    restart: 'Restart',
  };
  return `${verbs[purpose]} ${vm.name}`;
}
