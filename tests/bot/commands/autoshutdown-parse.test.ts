import { describe, expect, it } from '@jest/globals';
import { parseCommand } from '../../../bot/commands/parse.ts';

describe('parseCommand: autoshutdown <vm> [HH:mm|off]', () => {
  it.each([
    ['autoshutdown web-02', { kind: 'autoShutdown', name: 'web-02' }],
    ['autoshutdown web-02 19:00', { kind: 'autoShutdown', name: 'web-02', setting: { time: '19:00' } }],
    [
      'AutoShutdown rg-web/web-02 7:05',
      { kind: 'autoShutdown', name: 'rg-web/web-02', setting: { time: '07:05' } },
    ],
    ['auto-shutdown web-02 off', { kind: 'autoShutdown', name: 'web-02', setting: { off: true } }],
    ['autoshutdown web-02 24:00', { kind: 'autoShutdown', name: 'web-02', setting: { invalid: '24:00' } }],
    ['autoshutdown web-02 19:75', { kind: 'autoShutdown', name: 'web-02', setting: { invalid: '19:75' } }],
    ['autoshutdown', { kind: 'missingName', command: 'autoshutdown' }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});
