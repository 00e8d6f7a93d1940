import { describe, expect, it } from '@jest/globals';
import { execute, isSubmitPayload, parseIntent } from '../../../bot/cards/intents.ts';

const vmId =
  '/subscriptions/1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-02';

describe('card intents', () => {
  it('round-trips every intent through Action.Execute and its Action.Submit fallback', () => {
    const intents = [
      { verb: 'vm.list', page: 3, filter: 'web' },
      { verb: 'vm.show', vmId },
      { verb: 'vm.confirm', vmId, action: 'deallocate' },
      { verb: 'vm.act', vmId, action: 'start' },
      { verb: 'bot.help' },
    ] as const;
    for (const intent of intents) {
      const action = execute('Go', intent);
      expect(parseIntent(action.verb, action.data)).toEqual({ ok: true, intent });
      const submitted = action.fallback!.data;
      expect(isSubmitPayload(submitted)).toBe(true);
      const { verb, ...data } = submitted as { verb: string };
      expect(parseIntent(verb, data)).toEqual({ ok: true, intent });
    }
  });

  it.each([
    ['vm.delete', { vmId }, 'unknownVerb'],
    [undefined, {}, 'unknownVerb'],
    ['__proto__', {}, 'unknownVerb'],
    ['toString', {}, 'unknownVerb'],
    ['vm.act', { vmId, action: 'delete' }, 'invalidData'],
    ['vm.act', { vmId: 42, action: 'start' }, 'invalidData'],
    ['vm.show', {}, 'invalidData'],
    ['vm.show', 'nope', 'invalidData'],
    ['vm.show', { vmId: 'x'.repeat(10_000) }, 'invalidData'],
  ])('rejects %j %j as %s', (verb, data, reason) => {
    expect(parseIntent(verb, data)).toEqual({ ok: false, reason });
  });

  it('tolerates junk paging and cuts long filters instead of failing', () => {
    expect(parseIntent('vm.list', { page: 'abc', filter: `  ${'y'.repeat(500)}` })).toEqual({
      ok: true,
      intent: { verb: 'vm.list', filter: 'y'.repeat(100) },
    });
    expect(parseIntent('vm.list', { page: '2', filter: 'web' })).toEqual({
      ok: true,
      intent: { verb: 'vm.list', page: 2, filter: 'web' },
    });
  });

  it("accepts VM ids only when they pass the HTTP API's VM-reference rules", () => {
    expect(parseIntent('vm.show', { vmId })).toEqual({ ok: true, intent: { verb: 'vm.show', vmId } });
    const base =
      '/subscriptions/1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/';
    for (const name of ['..', '%2e%2e', 'wéb-02', 'web-02#x', 'web-02?x=1', 'web 02', '-web', 'web.']) {
      expect(parseIntent('vm.act', { vmId: `${base}${name}`, action: 'restart' })).toEqual({
        ok: false,
        reason: 'invalidData',
      });
    }
    for (const bad of [
      `${vmId}/extensions/x`,
      '/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/z',
      '/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/web-02',
      'web-02',
    ]) {
      expect(parseIntent('vm.show', { vmId: bad })).toEqual({ ok: false, reason: 'invalidData' });
    }
  });
});
