import { describe, expect, it } from '@jest/globals';
import { bearerToken } from '../../../src/auth/bearer.ts';
import { allowedIssuers, issuersForTenant } from '../../../src/auth/issuers.ts';
import { hasScope } from '../../../src/auth/scopes.ts';

describe('hasScope (exact match — regression: substring matching once let User.ReadBasic.All pass for User.Read)', () => {
  it.each([
    ['access_as_user', true],
    ['openid access_as_user profile', true],
    ['access_as_user_x', false],
    ['xaccess_as_user', false],
    ['access_as_users', false],
    ['Access_As_User', false],
    ['access_as_user.read', false],
    ['openid,access_as_user', false],
    ['', false],
  ])('scp %p → %p', (scp, expected) => {
    expect(hasScope(scp, 'access_as_user')).toBe(expected);
  });

  it('rejects non-string claims and an empty requirement', () => {
    expect(hasScope(['access_as_user'], 'access_as_user')).toBe(false);
    expect(hasScope(undefined, 'access_as_user')).toBe(false);
    expect(hasScope('access_as_user', '')).toBe(false);
  });
});

describe('issuers', () => {
  const TID = '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11';

  it('public cloud: v2 on the authority host, v1 on sts.windows.net', () => {
    expect(issuersForTenant('https://login.microsoftonline.com', TID)).toEqual([
      `https://login.microsoftonline.com/${TID}/v2.0`,
      `https://sts.windows.net/${TID}/`,
    ]);
  });

  it('unknown hosts (the emulator) issue both forms on their own host', () => {
    expect(issuersForTenant('https://127.0.0.1:4443/', TID.toUpperCase())).toEqual([
      `https://127.0.0.1:4443/${TID}/v2.0`,
      `https://127.0.0.1:4443/${TID}/`,
    ]);
  });

  it('covers every allowed tenant', () => {
    expect(allowedIssuers('https://login.microsoftonline.com', [TID, 'b'.repeat(8)])).toHaveLength(4);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer   abc.def-_.ghi ', 'abc.def-_.ghi'],
    ['Basic dXNlcjpwYXNz', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    ['abc.def.ghi', undefined],
    ['', undefined],
  ])('%p → %p', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });

  it('ignores repeated headers', () => {
    expect(bearerToken(['Bearer a', 'Bearer b'])).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
