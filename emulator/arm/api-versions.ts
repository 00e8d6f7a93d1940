import { armErrors } from './errors.ts';

/** Which resource provider (and API) answers a route, and so which api-versions it accepts. */
export type ApiFamily =
  'subscriptions' | 'resourceGroups' | 'compute' | 'network' | 'authorization' | 'metadata' | 'devtestlab';

/**
 * Supported api-versions per API, newest first: every published stable version of the resource types the
 * emulator serves (and the preview versions clients commonly send), from the Azure REST API specs. Azure
 * accepts all of them, so clients pinned to an older version — Debian's Python SDK (compute 2022-08-01),
 * azure-cli 2.45 (subscriptions 2019-11-01, resources 2021-04-01), older profiles (2016-06-01) — work unchanged;
 * `shapes.ts` answers in each version's shape where the bodies differ.
 *
 * - compute: `Microsoft.Compute/virtualMachines` (and its `locations/operations`), 2015-06-15 … 2026-04-01
 *   (what the installed @azure/arm-compute calls).
 * - subscriptions: `Microsoft.Resources` subscriptions API, 2014-04-01-preview … 2022-12-01
 *   (@azure/arm-resources-subscriptions).
 * - resourceGroups: `Microsoft.Resources` resources API, 2015-11-01 … 2025-04-01.
 * - network: `Microsoft.Network` (network interfaces, public IP addresses), the stable versions 2015-06-15 …
 *   2026-01-01 (what the installed @azure/arm-network calls).
 * - authorization: `Microsoft.Authorization/permissions`, 2015-07-01 … 2022-05-01-preview
 *   (@azure/arm-authorization calls 2022-04-01).
 * - devtestlab: `Microsoft.DevTestLab/schedules` (VM auto-shutdown), 2016-05-15 and 2018-09-15.
 * - metadata: `GET /metadata/endpoints` (cloud metadata), 2015-01-01 (what azure-cli's `cloud register`
 *   reads) … 2022-09-01.
 */
export const API_VERSIONS: Readonly<Record<ApiFamily, readonly string[]>> = {
  compute: [
    '2026-04-01',
    '2025-11-01',
    '2025-04-01',
    '2024-11-01',
    '2024-07-01',
    '2024-03-01',
    '2023-09-01',
    '2023-07-01',
    '2023-03-01',
    '2022-11-01',
    '2022-08-01',
    '2022-03-01',
    '2021-11-01',
    '2021-07-01',
    '2021-04-01',
    '2021-03-01',
    '2020-12-01',
    '2020-06-01',
    '2019-12-01',
    '2019-07-01',
    '2019-03-01',
    '2018-10-01',
    '2018-06-01',
    '2018-04-01',
    '2017-12-01',
    '2017-03-30',
    '2016-04-30-preview',
    '2016-03-30',
    '2015-06-15',
  ],
  network: [
    '2026-01-01',
    '2025-03-01',
    '2025-01-01',
    '2024-10-01',
    '2024-07-01',
    '2024-05-01',
    '2024-03-01',
    '2024-01-01',
    '2023-11-01',
    '2023-09-01',
    '2023-06-01',
    '2023-05-01',
    '2023-04-01',
    '2023-02-01',
    '2022-11-01',
    '2022-09-01',
    '2022-07-01',
    '2022-05-01',
    '2022-01-01',
    '2021-08-01',
    '2021-05-01',
    '2021-03-01',
    '2021-02-01',
    '2020-11-01',
    '2020-08-01',
    '2020-07-01',
    '2020-06-01',
    '2020-05-01',
    '2020-04-01',
    '2020-03-01',
    '2019-12-01',
    '2019-11-01',
    '2019-09-01',
    '2019-08-01',
    '2019-07-01',
    '2019-06-01',
    '2019-04-01',
    '2019-02-01',
    '2018-12-01',
    '2018-11-01',
    '2018-10-01',
    '2018-08-01',
    '2018-07-01',
    '2018-06-01',
    '2018-04-01',
    '2018-02-01',
    '2018-01-01',
    '2017-11-01',
    '2017-10-01',
    '2017-09-01',
    '2017-08-01',
    '2017-06-01',
    '2017-03-01',
    '2016-12-01',
    '2016-09-01',
    '2016-06-01',
    '2016-03-30',
    '2015-06-15',
  ],
  subscriptions: [
    '2022-12-01',
    '2021-01-01',
    '2020-01-01',
    '2019-11-01',
    '2019-06-01',
    '2018-06-01',
    '2016-06-01',
    '2015-11-01',
    '2014-04-01-preview',
  ],
  resourceGroups: [
    '2025-04-01',
    '2025-03-01',
    '2024-11-01',
    '2024-07-01',
    '2024-03-01',
    '2023-07-01',
    '2022-09-01',
    '2021-04-01',
    '2021-01-01',
    '2020-10-01',
    '2020-08-01',
    '2020-06-01',
    '2019-10-01',
    '2019-08-01',
    '2019-07-01',
    '2019-05-10',
    '2019-05-01',
    '2019-03-01',
    '2018-05-01',
    '2018-02-01',
    '2017-05-10',
    '2016-09-01',
    '2016-07-01',
    '2016-02-01',
    '2015-11-01',
  ],
  authorization: ['2022-05-01-preview', '2022-04-01', '2018-01-01-preview', '2015-07-01'],
  metadata: ['2022-09-01', '2020-06-01', '2019-05-01', '2015-01-01'],
  // Microsoft.DevTestLab schedules (VM auto-shutdown); @azure/arm-devtestlabs calls 2018-09-15.
  devtestlab: ['2018-09-15', '2016-05-15'],
};

/** The date an api-version names (`2016-04-30-preview` → `2016-04-30`): versions are ordered by it. */
function dateOf(version: string): string {
  return version.slice(0, 10);
}

/**
 * True when `version` is `since` or later. A preview counts as its date, so a property that appeared in
 * `2016-04-30-preview` is in every version from that one on.
 */
export function isAtLeast(version: string, since: string): boolean {
  return dateOf(version) >= dateOf(since);
}

/**
 * The request's api-version, checked against the family's supported list (case-insensitive, as ARM).
 * Throws 400 `MissingApiVersionParameter` / `InvalidApiVersionParameter` (which lists the supported ones).
 */
export function requireApiVersion(url: URL, family: ApiFamily): string {
  const version = url.searchParams.get('api-version');
  if (version === null || version.trim() === '') throw armErrors.missingApiVersion();
  const supported = API_VERSIONS[family];
  const match = supported.find((v) => v.toLowerCase() === version.trim().toLowerCase());
  if (!match) throw armErrors.invalidApiVersion(version, supported);
  return match;
}
