import { describe, expect, it } from '@jest/globals';
import {
  MAX_CARD_BYTES,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from '../../../bot/cards/adaptive.ts';
import { confirmCard } from '../../../bot/cards/confirm-card.ts';
import {
  choiceCard,
  errorCard,
  helpCard,
  MAX_CHOICES,
  welcomeCard,
} from '../../../bot/cards/message-cards.ts';
import { failedCard, progressCard, succeededCard } from '../../../bot/cards/operation-cards.ts';
import { vmCard } from '../../../bot/cards/vm-card.ts';
import { LIST_PAGE_SIZE, vmListCard } from '../../../bot/cards/vm-list-card.ts';
import { refreshFor } from '../../../bot/app/views.ts';
import { POWER_STATES, VM_ACTIONS, type Vm } from '../../../contract/vm.ts';
import type { Operation } from '../../../contract/operation.ts';
import { checkCard } from '../helpers/card-validation.ts';
import { renderedTexts } from '../helpers/render-card.ts';
import { makeVm, manyVms } from '../helpers/vms.ts';

const operation = (overrides: Partial<Operation> = {}): Operation => ({
  id: 'op-1',
  vmId: makeVm({ name: 'web-02' }).id,
  vmName: 'web-02',
  action: 'start',
  status: 'InProgress',
  requestedBy: {
    tid: '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11',
    oid: 'b0b00000-0000-4000-8000-000000000002',
    name: 'Bob Martin',
    upn: 'bob@contoso.onmicrosoft.com',
  },
  startedAt: '2026-11-28T10:02:00.000Z',
  ...overrides,
});

const sixtyUsers = Array.from({ length: 75 }, (_, i) => `29:user-${i}`);
const groupRefresh = refreshFor(sixtyUsers);

/** Every card the bot can send, built from representative and worst-case inputs. */
function allCards(): Array<[string, AdaptiveCard]> {
  const twelve = Array.from({ length: 12 }, (_, i) =>
    makeVm({ name: `vm-${i}`, powerState: i < 5 ? 'running' : 'deallocated' }),
  );
  const huge = manyVms(3000);
  const longest = makeVm({
    name: 'v'.repeat(64),
    resourceGroup: 'r'.repeat(90),
    subscriptionName: 's'.repeat(64),
    tags: Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`tag-${i}-${'k'.repeat(100)}`, 'v'.repeat(256)]),
    ),
  });
  const cards: Array<[string, AdaptiveCard]> = [
    ['list: empty', vmListCard({ vms: [] })],
    ['list: empty filter', vmListCard({ vms: [], filter: 'nothing', totalCount: 7 })],
    ['list: twelve', vmListCard({ vms: twelve })],
    [
      'list: 3000 first page',
      vmListCard({ vms: huge }, { refresh: groupRefresh({ verb: 'vm.list', page: 0 })! }),
    ],
    ['list: 3000 middle page', vmListCard({ vms: huge, page: 150, filter: 'perf' })],
    ['list: 3000 last page', vmListCard({ vms: huge, page: 10_000 })],
    [
      'list: worst-case names',
      vmListCard({ vms: Array.from({ length: 30 }, () => longest), filter: 'x'.repeat(500) }),
    ],
    [
      'list: subscription errors',
      vmListCard({
        vms: twelve,
        errors: Array.from({ length: 40 }, (_, i) => ({
          subscriptionId: `sub-${i}`,
          code: 'AuthorizationFailed',
          message: 'm'.repeat(500),
        })),
      }),
    ],
    [
      'vm: worst case',
      vmCard(
        { vm: longest, notice: { text: 'n'.repeat(300), tone: 'good' } },
        { refresh: groupRefresh({ verb: 'vm.show', vmId: longest.id })! },
      ),
    ],
    ['vm: read-only', vmCard({ vm: makeVm({ name: 'web-01', actions: [] }) })],
    ...POWER_STATES.map((state): [string, AdaptiveCard] => [
      `vm: ${state}`,
      vmCard({ vm: makeVm({ name: 'web-02', powerState: state }) }),
    ]),
    ...VM_ACTIONS.map((action): [string, AdaptiveCard] => [
      `confirm: ${action}`,
      confirmCard({ vm: makeVm({ name: 'web-02' }), action }),
    ]),
    ...VM_ACTIONS.map((action): [string, AdaptiveCard] => [
      `progress: ${action}`,
      progressCard({ operation: operation({ action }) }),
    ]),
    [
      'succeeded: with vm',
      succeededCard({ operation: operation({ status: 'Succeeded' }), vm: makeVm({ name: 'web-02' }) }),
    ],
    [
      'succeeded: without vm',
      succeededCard({ operation: operation({ status: 'Succeeded', finishedAt: '2026-11-28T10:03:00Z' }) }),
    ],
    [
      'failed',
      failedCard({
        operation: operation({
          status: 'Failed',
          error: { code: 'OperationFailed', armCode: 'OperationNotAllowed', message: 'x'.repeat(4000) },
        }),
      }),
    ],
    ['error', errorCard({ title: 'Nope', message: 'Because.', code: 'AuthorizationFailed' })],
    ['help', helpCard()],
    ['welcome', welcomeCard({ name: 'Alice' })],
    ['welcome: anonymous', welcomeCard()],
    [
      "confirm: can't restart a deallocated VM",
      confirmCard({ vm: makeVm({ name: 'sql-01', powerState: 'deallocated' }), action: 'restart' }),
    ],
    ['vm: with tenant', vmCard({ vm: makeVm({ name: 'web-01' }), tenantId: 'contoso.onmicrosoft.com' })],
    ['help: note', helpCard({ note: 'I didn’t understand “xyz”.', greeting: 'Hi Alice!' })],
    ['choice: exact', choiceCard({ query: 'web', purpose: 'start', matches: huge.slice(0, 3), exact: true })],
    ['choice: many', choiceCard({ query: 'perf', purpose: 'deallocate', matches: huge, exact: false })],
  ];
  return cards;
}

describe('cards', () => {
  it.each(allCards())('%s: parses cleanly with adaptivecards, version 1.5, under 28 KB', (_name, card) => {
    const report = checkCard(card);
    expect(report.problems).toEqual([]);
    expect(report.bytes).toBeLessThan(MAX_CARD_BYTES);
    expect(card.version).toBe('1.5');
  });

  it('pages 3,000 VMs ten at a time with totals and next/previous', () => {
    const vms = manyVms(3000);
    const first = vmListCard({ vms });
    expect(rows(first)).toHaveLength(LIST_PAGE_SIZE);
    expect(texts(first)).toContain('3000 VMs · 1500 running');
    expect(actionTitles(first)).toEqual(['Next']);
    const middle = vmListCard({ vms, page: 5 });
    expect(actionTitles(middle)).toEqual(['Previous', 'Next']);
    expect(texts(middle)).toContain('Showing 51–60 of 3000 · page 6 of 300');
    const last = vmListCard({ vms, page: 299 });
    expect(actionTitles(last)).toEqual(['Previous']);
    // Every page of the whole list stays under the limit.
    for (let page = 0; page < 300; page += 37)
      expect(checkCard(vmListCard({ vms, page })).bytes).toBeLessThan(MAX_CARD_BYTES);
  });

  it('shows totals like "12 VMs · 5 running" and each VM with group, subscription, size and coloured state', () => {
    const vms = Array.from({ length: 12 }, (_, i) =>
      makeVm({ name: `vm-${i}`, powerState: i < 5 ? 'running' : i < 8 ? 'stopped' : 'deallocated' }),
    );
    const card = vmListCard({ vms });
    expect(texts(card)).toContain('12 VMs · 5 running');
    // As rendered: the card JSON carries `Standard\_B2s` (literal data, Markdown-escaped).
    expect(renderedTexts(card)).toContain('rg-web · Contoso Dev · Standard_B2s');
    const states = blocks(card).filter((b) => b.text === 'Running' || b.text.startsWith('Stopped'));
    expect(states.find((b) => b.text === 'Running')?.color).toBe('Good');
    expect(states.find((b) => b.text === 'Stopped (still billed)')?.color).toBe('Attention');
  });

  it('keeps the filter on page navigation and sends the input with the Filter button', () => {
    const card = vmListCard({ vms: manyVms(30), filter: 'perf', page: 1 });
    const next = card.actions?.find((a) => a.type === 'Action.Execute' && a.title === 'Next');
    expect(next).toMatchObject({
      verb: 'vm.list',
      data: { page: 2, filter: 'perf' },
      associatedInputs: 'none',
    });
    const filter = findAction(card, 'Filter');
    expect(filter).toMatchObject({ verb: 'vm.list', associatedInputs: 'auto' });
  });

  it('offers only the buttons the user’s RBAC allows', () => {
    const readOnly = vmCard({ vm: makeVm({ name: 'web-01', actions: [] }) });
    // Reading is enough to connect (the VM is running): the same rule as the tab's details panel.
    expect(actionTitles(readOnly)).toEqual(['Connect', 'Open in Azure portal', 'Refresh', 'All VMs']);
    expect(texts(readOnly)).toContain(
      "Read only: you can see this VM, but your Azure role doesn't let you start or stop it.",
    );

    const startOnly = vmCard({
      vm: makeVm({ name: 'web-02', powerState: 'deallocated', actions: ['start'] }),
    });
    expect(actionTitles(startOnly)).toEqual(['Start', 'Open in Azure portal', 'Refresh', 'All VMs']);

    const running = vmCard({
      vm: makeVm({ name: 'web-02', powerState: 'running', actions: ['start', 'powerOff'] }),
    });
    expect(actionTitles(running)).toEqual([
      'Power off',
      'Connect',
      'Open in Azure portal',
      'Refresh',
      'All VMs',
    ]);
  });

  it('offers what makes sense in the power state: no Restart or Power off for a deallocated VM', () => {
    const sql = makeVm({ name: 'sql-01', resourceGroup: 'rg-data', powerState: 'deallocated' });
    expect(actionTitles(vmCard({ vm: sql }))).toEqual([
      'Start',
      'Open in Azure portal',
      'Refresh',
      'All VMs',
    ]);
    const stopped = makeVm({ name: 'sql-01', powerState: 'stopped' });
    expect(actionTitles(vmCard({ vm: stopped }))).toEqual([
      'Start',
      'Stop',
      'Open in Azure portal',
      'Refresh',
      'All VMs',
    ]);
    // Rights that make no sense now: the card says so instead of "Azure is changing its state".
    const onlyStop = makeVm({ name: 'web-02', powerState: 'deallocated', actions: ['deallocate'] });
    expect(texts(vmCard({ vm: onlyStop })).join(' ')).toContain(
      'Nothing your Azure role allows makes sense while it is Stopped (deallocated).',
    );
  });

  it('"restart sql-01" while it is deallocated: no Restart button, the card says why and offers Start', () => {
    const sql = makeVm({ name: 'sql-01', resourceGroup: 'rg-data', powerState: 'deallocated' });
    const card = confirmCard({ vm: sql, action: 'restart' });
    expect(texts(card)).toEqual(expect.arrayContaining(["Can't restart sql-01", 'sql-01 is not running.']));
    expect(actionTitles(card)).not.toContain('Restart sql-01');
    expect(JSON.stringify(card)).not.toContain('"action":"restart"');
    expect(actionTitles(card)).toEqual(['Start', 'Show VM']);
    // Not allowed by the role: said as such.
    const denied = confirmCard({ vm: makeVm({ name: 'web-01', actions: ['start'] }), action: 'deallocate' });
    expect(texts(denied)).toContain("web-01 can't be stopped with your Azure role.");
  });

  it('a choice for "restart" sends VMs that are not running to their card, saying why', () => {
    const matches = [
      makeVm({ name: 'sql-01', powerState: 'deallocated' }),
      makeVm({ name: 'sql-02', powerState: 'running' }),
    ];
    const card = choiceCard({ query: 'sql', purpose: 'restart', matches, exact: true });
    const [first, second] = rows(card) as Array<{ selectAction?: { verb: string; title?: string } }>;
    expect(first?.selectAction).toMatchObject({ verb: 'vm.show', title: 'Show sql-01' });
    expect(second?.selectAction).toMatchObject({ verb: 'vm.confirm', title: 'Restart sql-02' });
    expect(texts(card)).toContain("Can't restart: sql-01 is not running");
  });

  it('links the VM to the Azure portal, in the reader’s directory when known', () => {
    const vm = makeVm({ name: 'web-01' });
    const link = (card: AdaptiveCard) =>
      (card.actions ?? []).find((a) => a.type === 'Action.OpenUrl') as { url: string } | undefined;
    expect(link(vmCard({ vm }))?.url).toBe(`https://portal.azure.com/#resource${vm.id}`);
    expect(link(vmCard({ vm, tenantId: 'contoso.onmicrosoft.com' }))?.url).toBe(
      `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${vm.id}`,
    );
  });

  it('names power states as the tab does', () => {
    const card = vmListCard({
      vms: [makeVm({ name: 'a', powerState: 'deallocated' }), makeVm({ name: 'b', powerState: 'stopped' })],
    });
    expect(texts(card)).toEqual(expect.arrayContaining(['Stopped (deallocated)', 'Stopped (still billed)']));
    expect(texts(card)).not.toContain('Deallocated');
  });

  it('marks a list card with the time it was read ("as of", in the reader’s time zone)', () => {
    const card = vmListCard({ vms: manyVms(3), asOf: '2026-11-28T10:02:00.000Z' });
    expect(texts(card)).toContain('As of {{TIME(2026-11-28T10:02:00Z)}}');
    expect(texts(vmListCard({ vms: [] })).some((t) => /^As of \{\{TIME\(/.test(t))).toBe(true);
  });

  it('never shows a subscription id: cards started from a button name it or leave it out', () => {
    const op = operation();
    const sub = op.vmId.split('/')[2]!;
    for (const card of [
      progressCard({ operation: op }),
      succeededCard({ operation: operation({ status: 'Succeeded' }) }),
      failedCard({ operation: operation({ status: 'Failed', error: { code: 'Conflict', message: 'No.' } }) }),
    ])
      expect(JSON.stringify(card.body)).not.toContain(sub);
    expect(
      JSON.stringify(progressCard({ operation: op, vm: { subscriptionName: 'Contoso Dev' } })),
    ).toContain('"value":"Contoso Dev"');
    const list = vmListCard({
      vms: [],
      errors: [
        { subscriptionId: sub, subscriptionName: 'Contoso Prod', code: 'AzureUnavailable', message: 'x' },
        { subscriptionId: '9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f', code: 'AzureUnavailable', message: 'x' },
      ],
    });
    expect(texts(list)).toContain(
      "Couldn't read 2 subscriptions: Contoso Prod (AzureUnavailable) and 1 more. The list may be incomplete.",
    );
    expect(JSON.stringify(list.body)).not.toContain('9c8d7e6f');
  });

  it('says what ARM said, with its own code, on a failure card', () => {
    const card = failedCard({
      operation: operation({
        action: 'restart',
        status: 'Failed',
        error: {
          code: 'Conflict',
          armCode: 'OperationNotAllowed',
          message: "Operation 'restart' is not allowed on VM 'web-02' since the VM is not running.",
        },
      }),
    });
    expect(texts(card)).toContain(
      "Azure said: Operation 'restart' is not allowed on VM 'web-02' since the VM is not running.",
    );
    expect(JSON.stringify(card)).toContain('OperationNotAllowed');
    expect(JSON.stringify(card)).not.toMatch(/try again|temporar/i);
  });

  it('welcomes a new user with what the bot does and how to begin', () => {
    const card = welcomeCard({ name: 'Alice' });
    expect(texts(card)[0]).toBe('Welcome, Alice!');
    expect(texts(card).join(' ')).toMatch(/I act as you/);
    expect(actionTitles(card)).toEqual(['Sign in and list my VMs', 'Help']);
    const group = welcomeCard({ name: 'Alice', scope: 'group' });
    expect(texts(group)[0]).toBe('Welcome to VM Manager!');
    expect(texts(group).join(' ')).toMatch(/Mention me to ask/);
    expect(actionTitles(group)).toEqual(['List my VMs', 'Help']);
  });

  it('confirms stop and power off, saying what each means for billing', () => {
    const vm = makeVm({ name: 'web-02' });
    const stop = confirmCard({ vm, action: 'deallocate' });
    expect(texts(stop).join(' ')).toMatch(/compute billing stops/);
    expect(stop.actions?.[0]).toMatchObject({
      verb: 'vm.act',
      data: { vmId: vm.id, action: 'deallocate' },
      style: 'destructive',
    });
    const powerOff = confirmCard({ vm, action: 'powerOff' });
    expect(texts(powerOff).join(' ')).toMatch(/keep paying for its compute/);
  });

  it('says who asked for what and when on the progress card (rendered in the reader’s time zone)', () => {
    const card = progressCard({ operation: operation() });
    expect(texts(card)).toContain('Starting web-02…');
    expect(texts(card)).toContain('Requested by Bob Martin at {{TIME(2026-11-28T10:02:00Z)}}');
  });

  it('carries Azure’s reason on the failure card', () => {
    const card = failedCard({
      operation: operation({
        status: 'Failed',
        error: {
          code: 'OperationFailed',
          armCode: 'OperationNotAllowed',
          message: 'Quota exceeded for family.',
        },
      }),
    });
    expect(texts(card)).toContain("Couldn't start web-02");
    expect(texts(card)).toContain('Azure said: Quota exceeded for family.');
  });

  it('caps refresh.userIds at 60 and never lists a user twice', () => {
    const refresh = refreshFor([...sixtyUsers, '29:user-0'])({ verb: 'vm.show', vmId: 'x' });
    expect(refresh?.userIds).toHaveLength(60);
    expect(new Set(refresh?.userIds).size).toBe(60);
    expect(refresh?.action).toEqual({
      type: 'Action.Execute',
      verb: 'vm.show',
      data: { vmId: 'x' },
      associatedInputs: 'none',
    });
    expect(refreshFor([])({ verb: 'vm.list' })).toBeUndefined();
  });

  it('lists at most 10 choices and says how many more match', () => {
    const card = choiceCard({ query: 'perf', purpose: 'status', matches: manyVms(25), exact: false });
    expect(rows(card)).toHaveLength(MAX_CHOICES);
    expect(texts(card).join(' ')).toMatch(/…and 15 more/);
  });
});

function walk(node: unknown, visit: (value: Record<string, unknown>) => void) {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}
function blocks(card: AdaptiveCard): Array<{ text: string; color?: string }> {
  const found: Array<{ text: string; color?: string }> = [];
  walk(card.body, (n) => {
    if (n.type === 'TextBlock') found.push(n as { text: string; color?: string });
  });
  return found;
}
function texts(card: AdaptiveCard): string[] {
  return blocks(card).map((b) => b.text);
}
function rows(card: AdaptiveCard): CardElement[] {
  return card.body.filter((e) => e.type === 'Container' && e.selectAction !== undefined);
}
function actionTitles(card: AdaptiveCard): string[] {
  return (card.actions ?? []).map((a: CardAction) => a.title ?? '');
}
function findAction(card: AdaptiveCard, title: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  walk(card.body, (n) => {
    if (n.type === 'Action.Execute' && n.title === title) found = n;
  });
  return found;
}

export type { Vm };
