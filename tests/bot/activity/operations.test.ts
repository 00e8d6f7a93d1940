import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Stack } from '../../support/stack.ts';
import type { TestConnector } from '../helpers/connector.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import {
  adaptiveCardOf,
  cardText,
  executeActions,
  TeamsClient,
  type Conversation,
} from '../helpers/teams.ts';

let harness: BotHarness;
let stack: Stack;
let connector: TestConnector;
let teams: TeamsClient;
const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
const WEB_02 = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-02`;

beforeAll(async () => {
  // Transitions last 2 s (the test default is 300 ms): the preemption test needs the start still
  // running when its stop reaches ARM, which a busy CI machine did not manage within 300 ms.
  harness = await startBotHarness({ emulator: { transitionMs: 2000 } });
  ({ stack, connector, teams } = harness);
});
afterAll(async () => {
  await harness?.close();
});

const updateOf = (conversation: Conversation, activityId: string) =>
  connector.waitFor(
    (c) => c.method === 'update' && c.conversationId === conversation.id && c.activityId === activityId,
    15_000,
  );

describe('operations: progress cards updated in place', () => {
  let conversation: Conversation;
  beforeAll(async () => {
    conversation = teams.personal('bob');
    await teams.signInWith('bob', conversation, 'status web-02');
  });

  it('posts “Starting web-02… requested by Bob” and replaces it with the running VM when Azure finishes', async () => {
    const before = connector.sent(conversation.id).length;
    await teams.message('bob', conversation, 'start web-02');
    const progress = await teams.nextSent(conversation, before);
    const text = cardText(adaptiveCardOf(progress));
    expect(text).toContain('Starting web-02…');
    expect(text).toMatch(/Requested by Bob Martin at \{\{TIME\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\}\}/);

    const update = await updateOf(conversation, progress.activityId);
    const final = adaptiveCardOf(update);
    const finalText = cardText(final);
    expect(finalText).toMatch(/Started web-02 — requested by Bob Martin/);
    expect(finalText).toContain('Running');
    // The updated card is the VM card with bob's buttons for a running VM.
    expect(executeActions(final).map((a) => a.title)).toEqual([
      'Stop',
      'Power off',
      'Restart',
      'Connect',
      'Refresh',
      'All VMs',
    ]);
  });

  it('confirms a stop from a card, then updates the clicked card when the deallocation finishes', async () => {
    const before = connector.sent(conversation.id).length;
    await teams.message('bob', conversation, 'stop web-02');
    const confirm = await teams.nextSent(conversation, before);
    const confirmCard = adaptiveCardOf(confirm);
    expect(cardText(confirmCard)).toMatch(/compute billing stops/);
    const yes = executeActions(confirmCard).find((a) => a.verb === 'vm.act')!;
    expect(yes.data).toEqual({ vmId: WEB_02, action: 'deallocate' });

    const clicked = await teams.execute('bob', conversation, yes, { replyToId: confirm.activityId });
    expect(cardText(clicked.body.value)).toContain('Stopping web-02…');

    const update = await updateOf(conversation, confirm.activityId);
    const finalText = cardText(adaptiveCardOf(update));
    expect(finalText).toMatch(/Stopped \(deallocated\) web-02 — requested by Bob Martin/);
    expect(finalText).toContain('Stopped (deallocated)');
  });

  it('shows a failure card with Azure’s reason when an operation fails (start preempted by a stop)', async () => {
    const before = connector.sent(conversation.id).length;
    await teams.message('bob', conversation, 'start web-02');
    const progress = await teams.nextSent(conversation, before);
    // A deallocation preempts the running start: ARM ends the start with OperationPreempted.
    const stop = await teams.execute('bob', conversation, {
      verb: 'vm.act',
      data: { vmId: WEB_02, action: 'deallocate' },
    });
    expect(cardText(stop.body.value)).toContain('Stopping web-02…');

    const update = await updateOf(conversation, progress.activityId);
    const text = cardText(adaptiveCardOf(update));
    expect(text).toContain("Couldn't start web-02");
    expect(text).toContain('Azure said: Azure canceled this operation');
    expect(text).toContain('Error code: OperationCanceled');
    expect(text).toContain('Requested by: Bob Martin');
  });

  it('carries ARM’s code and reason when Azure fails the operation', async () => {
    const injected = await stack.emulator.call('/_emulator/faults', {
      method: 'POST',
      body: { operationFailure: { vm: 'web-02', action: 'start', code: 'AllocationFailed' } },
    });
    expect(injected.status).toBe(200);
    // The stop above is still deallocating web-02 for a moment: start only once it has settled.
    const token = await stack.ssoToken('bob');
    for (let i = 0; ; i++) {
      const res = await fetch(`${stack.service.url}/api/vms/${DEV}/rg-web/web-02`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (((await res.json()) as { powerState: string }).powerState === 'deallocated') break;
      if (i > 100) throw new Error('web-02 did not reach deallocated');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const before = connector.sent(conversation.id).length;
    await teams.message('bob', conversation, 'start web-02');
    const progress = await teams.nextSent(conversation, before);
    expect(cardText(adaptiveCardOf(progress))).toContain('Starting web-02…');
    const text = cardText(adaptiveCardOf(await updateOf(conversation, progress.activityId)));
    expect(text).toContain("Couldn't start web-02");
    expect(text).toContain('Azure said: Allocation failed. We do not have sufficient capacity');
    expect(text).toContain('Error code: AllocationFailed');
  });
});
