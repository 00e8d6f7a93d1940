import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Stack } from '../../support/stack.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import { adaptiveCardOf, cardText, executeActions, type Json, type TeamsClient } from '../helpers/teams.ts';

const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
const vmId = (rg: string, name: string) =>
  `/subscriptions/${DEV}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;

let harness: BotHarness;
let stack: Stack;
let teams: TeamsClient;

beforeAll(async () => {
  harness = await startBotHarness();
  ({ stack, teams } = harness);
});
afterAll(async () => {
  await harness?.close();
});

const openUrls = (card: Json): string[] => {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.OpenUrl' && typeof record.url === 'string') found.push(record.url);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
};

describe('the bot’s VM card: Open in Azure portal (the reader’s tenant) and Connect', () => {
  it('opens the portal in the user’s directory and offers Connect on a running VM', async () => {
    const chat = teams.personal('alice');
    const card = adaptiveCardOf(await teams.signInWith('alice', chat, 'status web-01'));
    expect(openUrls(card)).toContain(
      `https://portal.azure.com/#@${teams.tenantId}/resource${vmId('rg-web', 'web-01')}`,
    );
    const connect = executeActions(card).find((a) => a.verb === 'vm.connect');
    expect(connect).toMatchObject({ title: 'Connect', data: { vmId: vmId('rg-web', 'web-01') } });

    const res = await teams.execute('alice', chat, connect!, { token: await stack.ssoToken('alice') });
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const text = cardText(res.body.value);
    // The contract's connect rule (the tab's): the DNS name, the admin user (default azureuser).
    expect(text).toMatch(/ssh \S+@contoso-web-01\.westeurope\.cloudapp\.azure\.com/);
    expect(openUrls(res.body.value)).toContain(
      `https://portal.azure.com/#@${teams.tenantId}/resource${vmId('rg-web', 'web-01')}/connect`,
    );
  });

  it('says why not for a VM that is not running, and never offers Connect on its card', async () => {
    const chat = teams.personal('dave');
    const card = adaptiveCardOf(await teams.signInWith('dave', chat, 'status sql-01'));
    expect(executeActions(card).some((a) => a.verb === 'vm.connect')).toBe(false);
    const res = await teams.execute(
      'dave',
      chat,
      { verb: 'vm.connect', data: { vmId: vmId('rg-data', 'sql-01') } },
      { token: await stack.ssoToken('dave') },
    );
    expect(cardText(res.body.value)).toContain("sql-01 isn't running. Start it to connect.");
  });

  it('refuses Connect for a VM the user cannot read, and bad ids', async () => {
    const chat = teams.personal('bob');
    const token = await stack.ssoToken('bob');
    const denied = await teams.execute(
      'bob',
      chat,
      { verb: 'vm.connect', data: { vmId: vmId('rg-data', 'sql-01') } },
      { token },
    );
    expect(cardText(denied.body.value)).not.toContain('ssh');
    expect(cardText(denied.body.value)).toMatch(/not found|permission/i);
    const bad = await teams.execute(
      'bob',
      chat,
      { verb: 'vm.connect', data: { vmId: '/subscriptions/../x' } },
      { token },
    );
    expect(cardText(bad.body.value)).toContain('out of date');
  });
});
