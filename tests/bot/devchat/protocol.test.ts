import { describe, expect, it } from '@jest/globals';
import { connectionRefusal, UNFURL_LINK } from '../../../bot/devchat/web/protocol.ts';

describe('dev chat protocol: what Teams refuses', () => {
  it('refuses a sign-in whose connectionName is not the configured OAuth connection, as Teams does', () => {
    expect(connectionRefusal({ connectionName: 'TeamsSso' }, 'TeamsSso')).toBeUndefined();
    for (const card of [{ connectionName: 'teamssso' }, { connectionName: '' }, {}, undefined]) {
      expect(connectionRefusal(card, 'TeamsSso')).toMatch(/Unexpected response type for Status Code: 401/);
    }
    expect(connectionRefusal({ connectionName: 'TeamsSso' }, 'VmManagerSso')).toMatch(/“VmManagerSso”/);
  });

  it('unfurls only portal.azure.com links', () => {
    expect(UNFURL_LINK.exec('see https://portal.azure.com/#@x/resource/a b')?.[0]).toBe(
      'https://portal.azure.com/#@x/resource/a',
    );
    expect(UNFURL_LINK.test('https://portal.azure.com.evil.example/#x')).toBe(false);
    expect(UNFURL_LINK.test('http://portal.azure.com/#x')).toBe(false);
  });
});
