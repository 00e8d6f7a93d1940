import { describe, expect, it } from '@jest/globals';
import { BOT_COMMANDS } from '../../../bot/commands/catalog.ts';
import { normalizeMessageText, parseCommand, type Command } from '../../../bot/commands/parse.ts';

describe('parseCommand', () => {
  it.each<[string, Command]>([
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['list', { kind: 'list' }],
    ['list web', { kind: 'list', filter: 'web' }],
    ['List   Contoso  Dev ', { kind: 'list', filter: 'Contoso Dev' }],
    ['status web-01', { kind: 'status', name: 'web-01' }],
    ['Start WEB-02', { kind: 'act', action: 'start', name: 'WEB-02' }],
    ['stop web-02', { kind: 'act', action: 'deallocate', name: 'web-02' }],
    ['poweroff web-02', { kind: 'act', action: 'powerOff', name: 'web-02' }],
    ['restart rg-web/web-02', { kind: 'act', action: 'restart', name: 'rg-web/web-02' }],
    ['stop', { kind: 'missingName', command: 'stop' }],
    ['status', { kind: 'missingName', command: 'status' }],
    ['delete web-01', { kind: 'unknown', text: 'delete web-01' }],
    ['<at>VM Manager</at> start web-02', { kind: 'act', action: 'start', name: 'web-02' }],
    ['<at>VM Manager</at>&nbsp;list&nbsp;running\n', { kind: 'list', filter: 'running' }],
    ['<p><at>VM Manager</at> status <b>web-01</b></p>', { kind: 'status', name: 'web-01' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('strips every mention, not only the bot’s', () => {
    expect(normalizeMessageText('<at>Bob</at> <at id="0">VM Manager</at> list')).toBe('list');
  });

  it('bounds what it reads', () => {
    const parsed = parseCommand(`list ${'x'.repeat(100_000)}`);
    expect(parsed.kind).toBe('list');
    expect(parsed.kind === 'list' && parsed.filter!.length).toBeLessThan(501);
  });

  it('parses every catalog command (the manifest lists exactly these)', () => {
    for (const { title } of BOT_COMMANDS) {
      const parsed = parseCommand(`${title} web-01`);
      expect(parsed.kind).not.toBe('unknown');
    }
    for (const { title, description } of BOT_COMMANDS) {
      expect(title.length).toBeLessThanOrEqual(32);
      expect(description.length).toBeLessThanOrEqual(128);
    }
    expect(BOT_COMMANDS.map((c) => c.title)).toEqual([
      'help',
      'list',
      'status',
      'start',
      'stop',
      'poweroff',
      'restart',
      'autoshutdown',
    ]);
  });
});
