import {
  addMinutes,
  autoShutdownText,
  scheduleText,
  type AutoShutdown,
  type AutoShutdownResponse,
} from '../../contract/auto-shutdown.ts';
import { perHourText, PRICE_NOTE } from '../../contract/cost.ts';
import type { Vm } from '../../contract/vm.ts';
import {
  actionSet,
  adaptiveCard,
  facts,
  heading,
  text,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type CardOptions,
} from './adaptive.ts';
import { execute } from './intents.ts';
import { banner } from './vm-parts.ts';

/** "19:00 W. Europe" (contract/auto-shutdown.ts; bot/app imports it from here). */
export { scheduleText };

export interface AutoShutdownCardInput {
  readonly vm: Pick<Vm, 'id' | 'name' | 'actions'>;
  readonly schedule: AutoShutdown | null;
  /** A banner (e.g. "Auto-shutdown set by Alice"). */
  readonly notice?: { readonly text: string; readonly tone: 'good' | 'warning' | 'attention' };
}

/**
 * A VM's auto-shutdown: the schedule, and (for users whose role allows `Microsoft.DevTestLab/schedules/write`) a
 * time picker to set or change it and a button to turn it off.
 */
export function autoShutdownCard(input: AutoShutdownCardInput, options: CardOptions = {}): AdaptiveCard {
  const { vm, schedule } = input;
  const body: CardElement[] = [];
  if (input.notice) body.push(banner(input.notice.text, input.notice.tone));
  body.push(heading(`Auto-shutdown of ${vm.name}`));
  if (schedule?.enabled) {
    body.push(
      facts([
        { title: 'Shuts down', value: `daily at ${scheduleText(schedule)}` },
        { title: 'Time zone', value: schedule.timeZone },
        {
          title: 'Teams card',
          value:
            schedule.notifyMinutesBefore === null
              ? 'none'
              : `${schedule.notifyMinutesBefore} minutes before, with Skip and Delay`,
        },
      ]),
    );
  } else {
    body.push(text('No daily auto-shutdown: it runs until someone stops it.', { isSubtle: true }));
  }
  const canChange = vm.actions.includes('setAutoShutdown');
  const actions: CardAction[] = [];
  if (canChange) {
    body.push(
      {
        type: 'Input.Time',
        id: 'time',
        label: schedule?.enabled ? 'Change the time' : 'Shut down daily at',
        value: schedule?.time ?? '19:00',
      },
      actionSet([
        execute(
          schedule?.enabled ? 'Save time' : 'Turn on',
          { verb: 'autoshutdown.set', vmId: vm.id },
          { inputs: 'auto', style: 'positive' },
        ),
      ]),
    );
    if (schedule) actions.push(execute('Turn off', { verb: 'autoshutdown.set', vmId: vm.id, off: true }));
  } else {
    body.push(
      text("Your Azure role doesn't allow changing this VM's auto-shutdown.", {
        isSubtle: true,
        size: 'Small',
      }),
    );
  }
  actions.push(execute('Show VM', { verb: 'vm.show', vmId: vm.id }));
  return adaptiveCard(body, {
    actions,
    ...(options.refresh ? { refresh: options.refresh } : {}),
    fallbackText: `${vm.name}: ${autoShutdownText(schedule)}`,
  });
}

export interface ShutdownSoonInput {
  readonly vmName: string;
  readonly vmId: string;
  readonly minutes: number;
  /** The shutdown's time and zone, when known. */
  readonly time?: string;
  readonly timeZone?: string;
  /** The stored notification the buttons refer to. */
  readonly notice: string;
  readonly price?: Vm['price'];
  /** Shown above, e.g. when a click was refused. */
  readonly warning?: string;
}

const RESPONSE_TITLES: Readonly<Record<AutoShutdownResponse, string>> = {
  skip: 'Skip today',
  delay60: 'Delay 1 hour',
  delay120: 'Delay 2 hours',
  stopNow: 'Stop now',
};

/** The proactive card before an auto-shutdown: "web-02 shuts down in 30 minutes" with Skip / Delay / Stop now. */
export function shutdownSoonCard(input: ShutdownSoonInput): AdaptiveCard {
  const minutes = `${input.minutes} ${input.minutes === 1 ? 'minute' : 'minutes'}`;
  const body: CardElement[] = [];
  if (input.warning) body.push(banner(input.warning, 'attention'));
  body.push(heading(`${input.vmName} shuts down in ${minutes}`));
  const list = [];
  if (input.time && input.timeZone)
    list.push({
      title: 'Auto-shutdown',
      value: scheduleText({ time: input.time, timeZone: input.timeZone }),
    });
  if (input.price) list.push({ title: 'Saves', value: `≈ ${perHourText(input.price)} while stopped` });
  if (list.length > 0) body.push(facts(list));
  body.push(
    text('Skip or delay it if you still need the VM. Buttons act with your own Azure role.', {
      isSubtle: true,
      size: 'Small',
    }),
  );
  if (input.price) body.push(text(PRICE_NOTE, { isSubtle: true, size: 'Small', spacing: 'None' }));
  const button = (response: AutoShutdownResponse) =>
    execute(
      RESPONSE_TITLES[response],
      { verb: 'autoshutdown.respond', notice: input.notice, response },
      response === 'stopNow' ? { style: 'destructive' } : response === 'skip' ? { style: 'positive' } : {},
    );
  // Two buttons a row: four side by side run past a 320 px card's edge, and none of them belongs in a "…" menu.
  body.push(
    actionSet([button('skip'), button('delay60')]),
    actionSet([button('delay120'), button('stopNow')], { spacing: 'Small' }),
  );
  return adaptiveCard(body, {
    fallbackText: `${input.vmName} shuts down in ${minutes}`,
  });
}

export interface ShutdownAnsweredInput {
  readonly vmName: string;
  readonly vmId: string;
  readonly response: AutoShutdownResponse;
  /** Who clicked. */
  readonly by: string;
  readonly time?: string;
  readonly timeZone?: string;
}

/** What a click did, replacing the card in place: "Delayed to 20:30 by Alice". */
export function shutdownAnsweredText(input: ShutdownAnsweredInput): string {
  switch (input.response) {
    case 'skip':
      return `Shutdown skipped today by ${input.by}`;
    case 'delay60':
    case 'delay120': {
      const minutes = input.response === 'delay60' ? 60 : 120;
      return input.time
        ? `Delayed to ${addMinutes(input.time, minutes)} by ${input.by}`
        : `Delayed by ${minutes / 60} ${minutes === 60 ? 'hour' : 'hours'} by ${input.by}`;
    }
    case 'stopNow':
      return `Stopping now, requested by ${input.by}`;
  }
}

export function shutdownAnsweredCard(input: ShutdownAnsweredInput): AdaptiveCard {
  const answered = shutdownAnsweredText(input);
  return adaptiveCard(
    [
      banner(answered, input.response === 'stopNow' ? 'warning' : 'good'),
      heading(input.vmName),
      text(
        input.response === 'stopNow'
          ? 'The VM is being stopped (deallocated): compute billing stops.'
          : input.response === 'skip'
            ? 'It keeps running tonight; the schedule applies again tomorrow.'
            : 'It keeps running until then.',
        { isSubtle: true, size: 'Small' },
      ),
    ],
    {
      actions: [
        execute('Show VM', { verb: 'vm.show', vmId: input.vmId }),
        execute('Auto-shutdown', { verb: 'autoshutdown.show', vmId: input.vmId }),
      ],
      fallbackText: `${input.vmName}: ${answered}`,
    },
  );
}
