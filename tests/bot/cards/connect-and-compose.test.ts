import { describe, expect, it } from '@jest/globals';
import { connectCard } from '../../../bot/cards/connect-card.ts';
import { vmPreview } from '../../../bot/cards/vm-preview.ts';
import { parsePortalVmLink } from '../../../bot/app/compose/portal-link.ts';
import { searchText, vmAttachment } from '../../../bot/app/compose/message-extension.ts';
import { checkCard } from '../helpers/card-validation.ts';
import { cardText } from '../helpers/teams.ts';
import { DEV_SUB, makeVm } from '../helpers/vms.ts';

const id = (rg: string, name: string) =>
  `/subscriptions/${DEV_SUB}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;

describe('connect card', () => {
  const vm = makeVm({ name: 'web-01' });
  it.each([
    [
      'ssh',
      { kind: 'ssh', host: 'h.example', command: 'ssh azureuser@h.example' } as const,
      /ssh azureuser@h\.example/,
    ],
    [
      'rdp',
      { kind: 'rdp', host: '20.0.0.1', fileName: 'x.rdp', file: '' } as const,
      /Remote Desktop to 20\.0\.0\.1/,
    ],
    [
      'none',
      { kind: 'none', reason: "web-01 isn't running. Start it to connect." } as const,
      /isn't running/,
    ],
  ])('%s: valid for Teams and says how', (_kind, offer, expected) => {
    const card = connectCard({ vm, offer, tenantId: 'contoso.onmicrosoft.com' });
    expect(checkCard(card).problems).toEqual([]);
    expect(cardText(card)).toMatch(expected);
    expect(JSON.stringify(card)).toContain(
      `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${vm.id}/connect`,
    );
  });
});

describe('compose extension results', () => {
  it('previews a VM with every value HTML-escaped, and inserts the bot’s VM card', () => {
    const vm = makeVm({ name: 'web-01', subscriptionName: '<img src=x onerror=alert(1)> & Co' });
    expect(vmPreview(vm)).toEqual({
      title: 'web-01',
      subtitle: 'Running',
      text: 'rg-web · &lt;img src=x onerror=alert(1)&gt; &amp; Co',
    });
    const attachment = vmAttachment(vm, 'tid-1');
    expect(checkCard(attachment.content).problems).toEqual([]);
    expect(JSON.stringify(attachment.content)).toContain('https://portal.azure.com/#@tid-1/resource');
  });

  it('caps the search text and drops control characters', () => {
    expect(
      searchText([{ name: 'searchQuery', value: `  web\u0000\u001b01 ${'x'.repeat(500)}` }]),
    ).toHaveLength(100);
    expect(searchText([{ name: 'searchQuery', value: 'a\u0007b' }])).toBe('a b');
    expect(searchText([{ name: 'initialRun', value: 'true' }])).toBe('');
    expect(searchText([{ name: 'searchQuery', value: 42 }])).toBe('');
  });
});

describe('portal links', () => {
  it.each([
    `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${id('rg-web', 'web-01')}`,
    `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${id('rg-web', 'web-01')}/overview`,
    `https://portal.azure.com/#@72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11/resource${id('rg-web', 'web-01')}/connect`,
    `https://portal.azure.com/#resource${id('rg-web', 'web-01')}`,
    `https://portal.azure.com/?feature.x=1#@contoso.onmicrosoft.com/resource${id('rg-web', 'web-01')}/`,
  ])('reads %s', (url) => {
    expect(parsePortalVmLink(url)?.ref).toEqual({
      subscriptionId: DEV_SUB,
      resourceGroup: 'rg-web',
      name: 'web-01',
    });
  });

  it.each([
    ['another host', `https://portal.azure.cn/#resource${id('rg-web', 'web-01')}`],
    ['a look-alike host', `https://portal.azure.com.evil.example/#resource${id('rg-web', 'web-01')}`],
    ['a port', `https://portal.azure.com:8443/#resource${id('rg-web', 'web-01')}`],
    ['credentials', `https://a:b@portal.azure.com/#resource${id('rg-web', 'web-01')}`],
    ['http', `http://portal.azure.com/#resource${id('rg-web', 'web-01')}`],
    [
      'a resource group page',
      `https://portal.azure.com/#resource/subscriptions/${DEV_SUB}/resourceGroups/rg-web/overview`,
    ],
    [
      'a disk',
      `https://portal.azure.com/#resource/subscriptions/${DEV_SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/disks/d1`,
    ],
    ['an encoded traversal', `https://portal.azure.com/#resource${id('rg-web', '%2e%2e')}`],
    ['a bad blade', `https://portal.azure.com/#resource${id('rg-web', 'web-01')}/<script>`],
    ['too many blades', `https://portal.azure.com/#resource${id('rg-web', 'web-01')}/a/b/c/d`],
    ['a bad tenant', `https://portal.azure.com/#@ev il/resource${id('rg-web', 'web-01')}`],
    ['a huge URL', `https://portal.azure.com/#resource${id('rg-web', 'web-01')}/${'x'.repeat(3000)}`],
    ['not a string', 42],
  ])('ignores %s', (_name, url) => {
    expect(parsePortalVmLink(url)).toBeUndefined();
  });
});
