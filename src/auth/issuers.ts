/** Hosts that issue v1 tokens for each known authority host (Entra's v1 `iss` is not on the authority host). */
const V1_ISSUER_HOSTS: Readonly<Record<string, string>> = {
  'login.microsoftonline.com': 'https://sts.windows.net',
  'login.microsoftonline.us': 'https://sts.windows.net',
  'login.chinacloudapi.cn': 'https://sts.chinacloudapi.cn',
};

/**
 * The issuers accepted for `tenantId`: the v2 form `{authorityHost}/{tid}/v2.0` and the v1 form
 * (`https://sts.windows.net/{tid}/` for the public cloud; `{authorityHost}/{tid}/` for unknown hosts
 * such as the local emulator).
 */
export function issuersForTenant(authorityHost: string, tenantId: string): readonly string[] {
  const host = authorityHost.replace(/\/+$/, '');
  const tid = tenantId.toLowerCase();
  const v1Host = V1_ISSUER_HOSTS[new URL(host).host.toLowerCase()] ?? host;
  return [`${host}/${tid}/v2.0`, `${v1Host}/${tid}/`];
}

/** Every accepted issuer for the allowed tenants. */
export function allowedIssuers(authorityHost: string, tenants: readonly string[]): readonly string[] {
  return tenants.flatMap((tid) => issuersForTenant(authorityHost, tid));
}
