import { describe, expect, it } from '@jest/globals';
import { localTime } from '../../../bot/cards/adaptive.ts';
import {
  cardText,
  dangerouslyTrustMarkdown,
  escapeMarkdown,
  isMarkdown,
  md,
} from '../../../bot/cards/markdown.ts';

const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;

describe('escapeMarkdown', () => {
  it.each([
    ['**x**', '\\*\\*x\\*\\*'],
    ['_i_', '\\_i\\_'],
    ['[click](https://evil.example)', '\\[click\\](https://evil.example)'],
    ['<b>b</b>', '\\<b>b\\</b>'],
    ['&lt;b&gt;', '\\&lt;b\\&gt;'],
    ['~~gone~~ `code` a|b', '\\~\\~gone\\~\\~ \\`code\\` a\\|b'],
    ['{{TIME(2020-01-01T00:00:00Z)}}', '\\{\\{TIME(2020-01-01T00:00:00Z)}}'],
    ['C:\\temp\\', 'C:\\\\temp\\\\'],
    ['- a\n+ b\n1. c\n2) d\n# e\n> f\n===', '\\- a\n\\+ b\n1\\. c\n2\\) d\n\\# e\n\\> f\n\\==='],
    ['    - indented\n\t# tab', '\\- indented\n\\# tab'],
  ])('escapes %j', (value, escaped) => {
    expect(escapeMarkdown(value)).toBe(escaped);
  });

  it('leaves what cannot be Markdown alone, so ordinary names stay readable in the JSON', () => {
    for (const value of ['web-01', 'rg-web · Contoso Dev', 'Stopped (still billed)', 'C# 1.5 a-b+c=d #1', ''])
      expect(escapeMarkdown(value)).toBe(value);
  });

  it('adds backslashes only before ASCII punctuation, where CommonMark and Teams remove them', () => {
    for (let code = 0x21; code < 0x7f; code++) {
      const char = String.fromCharCode(code);
      for (const value of [char, `x${char}`, `\n${char}`]) {
        const escaped = escapeMarkdown(value);
        const added = escaped.length - value.length;
        expect(added === 0 || (added === 1 && ASCII_PUNCTUATION.test(char))).toBe(true);
      }
    }
  });

  it('never leaves two braces touching, the start of every DATE/TIME function', () => {
    for (const value of ['{{', '{{{{', '{ {', 'a{', '{DATE(2020-01-01T00:00:00Z)}}'])
      expect(escapeMarkdown(value)).not.toMatch(/\{\{/);
    expect(`${escapeMarkdown('x{')}${escapeMarkdown('{TIME(2020-01-01T00:00:00Z)}}')}`).not.toMatch(/\{\{/);
  });
});

describe('card text', () => {
  it('escapes a string exactly once, and keeps Markdown as written', () => {
    expect(cardText('web_01')).toBe('web\\_01');
    expect(cardText(dangerouslyTrustMarkdown('**bold**'))).toBe('**bold**');
  });

  it('md escapes what it interpolates, never twice, and keeps nested Markdown', () => {
    const name = 'web_01';
    expect(cardText(md`**${name}** at ${3}`)).toBe('**web\\_01** at 3');
    const inner = md`Started ${name}`;
    expect(cardText(md`${inner} — by ${'*Bob*'}`)).toBe('Started web\\_01 — by \\*Bob\\*');
  });

  it('treats only its own values as Markdown', () => {
    expect(
      isMarkdown(md`
x
      `),
    ).toBe(true);
    expect(isMarkdown('**x**')).toBe(false);
    expect(isMarkdown({ markdown: '**x**' })).toBe(false);
  });

  it('forms the bot’s own TIME function, and shows an unparseable time literally', () => {
    expect(cardText(localTime('2026-11-28T10:02:00.000Z'))).toBe('{{TIME(2026-11-28T10:02:00Z)}}');
    expect(cardText(localTime('{{TIME(x)}}'))).toBe('\\{\\{TIME(x)}}');
  });
});
