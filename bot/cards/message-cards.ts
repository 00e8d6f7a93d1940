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
  for (const command of BOT_COMMANDS) {
    body.push(
      columns(
        [
          column([text(command.title, { weight: 'Bolder', color: 'Accent' })], { width: 90 }),
          column([text(command.description)], { width: 'stretch' }),
        ],
        { spacing: 'Small' },
      ),
    );
  }
  body.push(
    text('Examples: “list web”, “list running”, “start web-02”, “stop rg-web/web-02”.', {
      isSubtle: true,
      size: 'Small',
    }),
  );
  return adaptiveCard(body, {
    actions: [execute('List my VMs', { verb: 'vm.list' })],
    fallbackText: 'VM Manager help',
  });
}

export type ChoicePurpose = 'status' | 'start' | 'deallocate' | 'powerOff' | 'restart';

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
  shown.forEach((vm, index) =>
    body.push(
      vmRow(vm, {
        separator: index > 0,
        selectAction: execute(choiceTitle(input.purpose, vm), intentFor(input.purpose, vm)),
      }),
    ),
  );
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
  if (purpose === 'status') return { verb: 'vm.show', vmId: vm.id };
  if (purpose === 'start') return { verb: 'vm.act', vmId: vm.id, action: 'start' };
  return { verb: 'vm.confirm', vmId: vm.id, action: purpose };
}

function choiceTitle(purpose: ChoicePurpose, vm: Vm): string {
  const verbs: Record<ChoicePurpose, string> = {
    status: 'Show',
    start: 'Start',
    deallocate: 'Stop',
    powerOff: 'Power off',
    restart: 'Restart',
  };
  return `${verbs[purpose]} ${vm.name}`;
}
