import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Stack } from '../../support/stack.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import {
  cardText,
  executeActions,
  type Conversation,
  type Json,
  type TeamsClient,
} from '../helpers/teams.ts';

const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
const TENANT = 'contoso.onmicrosoft.com';
const vmPath = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const portal = (path: string, tenant = TENANT) => `https://portal.azure.com/#@${tenant}/resource${path}`;

let harness: BotHarness;
let stack: Stack;
let teams: TeamsClient;
let chat: Conversation;

beforeAll(async () => {
  harness = await startBotHarness();
  ({ stack, teams } = harness);
  chat = teams.group();
});
afterAll(async () => {
  await harness?.close();
});

/** `composeExtension/query` for searchVms, as Teams sends it from the compose box. */
function search(user: string, text: string | undefined, token?: string, extra: Record<string, unknown> = {}) {
  return teams.invoke(user, chat, 'composeExtension/query', {
    commandId: 'searchVms',
    parameters:
      text === undefined ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'searchQuery', value: text }],
    queryOptions: { skip: 0, count: 25 },
    ...(token ? { authentication: { token } } : {}),
    ...extra,
  });
}

function unfurl(user: string, url: unknown, token?: string) {
  return teams.invoke(user, chat, 'composeExtension/queryLink', {
    url,
    ...(token ? { authentication: { token } } : {}),
  });
}

const names = (body: Json): string[] =>
  body.composeExtension.attachments.map((a: Json) => a.preview.content.title as string);

describe('message extension: searchVms (composeExtension/query)', () => {
  it('answers silentAuth without a token, then searches as alice with the token Teams sends again', async () => {
    const first = await search('alice', 'web');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      composeExtension: {
        type: 'silentAuth',
        suggestedActions: { actions: [{ type: 'openUrl', value: expect.stringMatching(/^http/) }] },
      },
    });

    const token = await stack.ssoToken('alice');
    const found = await search('alice', 'web', token);
    expect(found.status).toBe(200);
    expect(found.body.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    expect(names(found.body)).toEqual(['web-01', 'web-02']);
    const [attachment] = found.body.composeExtension.attachments;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    // The bot's own VM card: its buttons are Universal Actions, answered for whoever clicks.
    expect(cardText(attachment.content)).toContain('web-01');
    expect(executeActions(attachment.content).map((a) => a.verb)).toContain('vm.show');
    // "Open in Azure portal" opens the searcher's directory.
    expect(JSON.stringify(attachment.content)).toContain(
      `https://portal.azure.com/#@${teams.tenantId}/resource${vmPath(DEV, 'rg-web', 'web-01')}`,
    );
  });

  it('searches by resource group, subscription and state; nothing of Contoso Prod for alice', async () => {
    const token = await stack.ssoToken('alice');
    expect(names((await search('alice', 'rg-data', token)).body)).toEqual(['build-agent-01', 'sql-01']);
    expect(names((await search('alice', 'Contoso Prod', token)).body)).toEqual([]);
    expect(names((await search('alice', 'app-01', token)).body)).toEqual([]);
    const running = names((await search('alice', 'running', token)).body);
    expect(running).toContain('web-01');
    expect(running).not.toContain('web-02');
    const all = names((await search('alice', undefined, token)).body);
    expect(all).toEqual(expect.arrayContaining(['web-01', 'web-02', 'sql-01']));
    expect(all.some((n) => n.startsWith('app-'))).toBe(false);
    // Dave owns Prod: the same search shows him its VMs.
    expect(names((await search('dave', 'rg-app', await stack.ssoToken('dave'))).body)).toEqual([
      'app-01',
      'app-02',
      'app-03',
    ]);
  });

  it('answers 412 when OBO needs consent (erin), in the contract’s error shape', async () => {
    const res = await search('erin', 'web', await stack.ssoToken('erin'));
    expect(res.status).toBe(412);
    expect(res.body).toEqual({ error: { code: 'ConsentRequired', message: expect.any(String) } });
  });

  it.each<[string, () => Promise<string>]>([
    ['a forged token', async () => 'eyJhbGciOiJub25lIn0.eyJvaWQiOiJ4In0.'],
    ['an expired token', () => stack.ssoToken('alice', { expiresInSeconds: -600 })],
    ['a token for another audience', () => stack.ssoToken('alice', { audience: 'api://someone-else' })],
    ['someone else’s token (bob’s, sent as alice)', () => stack.ssoToken('bob')],
  ])('refuses %s with 412 InvalidToken and shows nothing', async (_name, token) => {
    const res = await search('alice', 'web', await token());
    expect(res.status).toBe(412);
    expect(res.body).toEqual({ error: { code: 'InvalidToken', message: expect.any(String) } });
  });

  it('caps and tolerates queries of any length or character set', async () => {
    const token = await stack.ssoToken('alice');
    for (const text of [
      'x'.repeat(20_000),
      '<script>alert(1)</script>',
      '\u0000\u202e{{DATE(x)}} ]]>',
      '🙂 web',
    ]) {
      const res = await search('alice', text, token);
      expect(res.status).toBe(200);
      expect(res.body.composeExtension.type).toBe('result');
    }
    expect(names((await search('alice', '🙂 web', token)).body)).toEqual([]);
  });

  it('answers 400 for an unknown command or a malformed request', async () => {
    const token = await stack.ssoToken('alice');
    const unknown = await teams.invoke('alice', chat, 'composeExtension/query', {
      commandId: 'deleteEverything',
      parameters: [{ name: 'searchQuery', value: 'web' }],
      authentication: { token },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ error: { code: 'BadRequest', message: expect.any(String) } });
    const malformed = await teams.invoke('alice', chat, 'composeExtension/query', 'nope');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('BadRequest');
  });
});

describe('link unfurling (composeExtension/queryLink)', () => {
  it('unfurls a portal link to a VM into its live card as the person who pasted it', async () => {
    expect((await unfurl('alice', portal(vmPath(DEV, 'rg-web', 'web-01')))).body.composeExtension.type).toBe(
      'silentAuth',
    );
    const token = await stack.ssoToken('alice');
    for (const url of [
      portal(vmPath(DEV, 'rg-web', 'web-01')),
      `${portal(vmPath(DEV, 'rg-web', 'web-01'))}/overview`,
      `${portal(vmPath(DEV, 'rg-web', 'web-01'), teams.tenantId)}/connect`,
      `https://portal.azure.com/#resource${vmPath(DEV.toUpperCase(), 'RG-WEB', 'WEB-01')}/overview`,
    ]) {
      const res = await unfurl('alice', url, token);
      expect(res.status).toBe(200);
      expect(names(res.body)).toEqual(['web-01']);
      expect(cardText(res.body.composeExtension.attachments[0].content)).toContain('Running');
    }
  });

  it('unfurls into nothing for a VM the user cannot read (bob, sql-01)', async () => {
    const res = await unfurl('bob', portal(vmPath(DEV, 'rg-data', 'sql-01')), await stack.ssoToken('bob'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] },
    });
  });

  it.each([
    [
      'a non-VM portal page',
      `https://portal.azure.com/#@${TENANT}/resource/subscriptions/${DEV}/resourceGroups/rg-web/overview`,
    ],
    [
      'another resource type',
      portal(`/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/web01`),
    ],
    [
      'a look-alike host',
      `https://portal.azure.com.evil.example/#@${TENANT}/resource${vmPath(DEV, 'rg-web', 'web-01')}`,
    ],
    [
      'credentials in the URL',
      `https://x@portal.azure.com/#@${TENANT}/resource${vmPath(DEV, 'rg-web', 'web-01')}`,
    ],
    ['plain http', `http://portal.azure.com/#@${TENANT}/resource${vmPath(DEV, 'rg-web', 'web-01')}`],
    [
      'a traversal',
      portal(
        `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/..%2f..`,
      ),
    ],
    ['not a URL', 'portal.azure.com web-01'],
    ['a huge URL', portal(vmPath(DEV, 'rg-web', 'web-01')) + '/x'.repeat(5_000)],
    ['a number', 42],
    ['no URL', undefined],
  ])('unfurls %s into nothing', async (_name, url) => {
    const res = await unfurl('alice', url, await stack.ssoToken('alice'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] },
    });
  });

  it('refuses a forged token and unfurls nothing', async () => {
    const res = await unfurl('alice', portal(vmPath(DEV, 'rg-web', 'web-01')), 'forged.token.value');
    expect(res.status).toBe(412);
    expect(res.body.error.code).toBe('InvalidToken');
  });
});

describe('message extension invokes the manifest does not declare', () => {
  it.each([
    'composeExtension/fetchTask',
    'composeExtension/submitAction',
    'composeExtension/selectItem',
    'composeExtension/querySettingUrl',
  ])('%s → 400 in the contract’s shape', async (name) => {
    const res = await teams.invoke('alice', chat, name, { commandId: 'searchVms' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'NotSupported', message: expect.any(String) } });
  });

  it('anonymous link unfurling gets nothing (the app unfurls only as a signed-in user)', async () => {
    const res = await teams.invoke('alice', chat, 'composeExtension/anonymousQueryLink', {
      url: `https://portal.azure.com/#resource${vmPath(DEV, 'rg-web', 'web-01')}`,
    });
    expect(res.status).toBe(200);
    expect(res.body.composeExtension.attachments).toEqual([]);
  });
});
