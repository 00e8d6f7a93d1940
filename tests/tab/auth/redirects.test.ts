/** Where sign-in lands afterwards: the app's own origin only, whatever `returnTo` says (issue 9 item 4). */
import { describe, expect, it } from '@jest/globals';
import { safeReturnTo } from '../../../tab/src/auth/redirects.ts';

describe('safeReturnTo', () => {
  const origin = 'http://localhost:3978';

  it.each([
    ['a tab', '/\t/evil.example/pwned'],
    ['a line feed', '/\n/evil.example/pwned'],
    ['a carriage return', '/\r/evil.example/pwned'],
    ['leading whitespace and a tab', ' \t//evil.example'],
    ['protocol-relative', '//evil.example'],
    ['a backslash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['another origin', 'https://evil.example/pwned'],
    ['another port of the same host', 'http://localhost:4000/'],
    ['another scheme of the same host', 'https://localhost:3978/'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a dot segment that normalises to //', '/.//evil.example/pwned'],
    ['a parent segment that normalises to //', '/a/..//evil.example'],
    ['an encoded dot segment', '/%2e//evil.example'],
    ['empty', ''],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s: %j', (_name, value) => {
    expect(safeReturnTo(value, origin)).toBe('/');
  });

  it.each([
    ['/', '/'],
    ['/?a=1', '/?a=1'],
    ['/vms/web-01?tab=2#top', '/vms/web-01?tab=2#top'],
    ['relative', '/relative'],
    ['http://localhost:3978/x?y=1', '/x?y=1'],
    ['HTTP://LOCALHOST:3978/x', '/x'],
  ])('keeps %j on the app as %j', (value, expected) => {
    expect(safeReturnTo(value, origin)).toBe(expected);
  });

  it('refuses everything when the origin is opaque', () => {
    expect(safeReturnTo('/x', 'null')).toBe('/');
  });
});
