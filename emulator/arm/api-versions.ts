import { armErrors } from './errors.ts';

/** Which resource provider answers a route, and so which api-versions it accepts. */
export type ApiFamily = 'subscriptions' | 'compute' | 'authorization';

/**
 * Supported api-versions, newest first. Compute: the version the installed @azure/arm-compute calls
 * (2026-04-01) and a few older GA ones; Microsoft.Resources subscriptions: 2022-12-01 (what
 * @azure/arm-resources-subscriptions calls) and older; Microsoft.Authorization permissions: 2022-04-01
 * (what @azure/arm-authorization calls) and older.
 */
export const API_VERSIONS: Readonly<Record<ApiFamily, readonly string[]>> = {
  subscriptions: ['2022-12-01', '2021-01-01', '2020-01-01'],
  compute: [
    '2026-04-01',
    '2025-04-01',
    '2024-11-01',
    '2024-07-01',
    '2024-03-01',
    '2023-09-01',
    '2023-07-01',
    '2023-03-01',
  ],
  authorization: ['2022-04-01', '2018-01-01-preview', '2015-07-01'],
};

/**
 * The request's api-version, checked against the family's supported list (case-insensitive, as ARM).
 * Throws 400 `MissingApiVersionParameter` / `InvalidApiVersionParameter`.
 */
export function requireApiVersion(url: URL, family: ApiFamily): string {
  const version = url.searchParams.get('api-version');
  if (version === null || version.trim() === '') throw armErrors.missingApiVersion();
  const supported = API_VERSIONS[family];
  const match = supported.find((v) => v.toLowerCase() === version.trim().toLowerCase());
  if (!match) throw armErrors.invalidApiVersion(version, supported);
  return match;
}
