/**
 * True when the space-separated `scp` claim contains `required` exactly. Never a substring or
 * prefix match: `access_as_user_x` or `xaccess_as_user` do not grant `access_as_user`.
 */
export function hasScope(scp: unknown, required: string): boolean {
  if (typeof scp !== 'string' || required === '') return false;
  return scp.split(' ').some((scope) => scope === required);
}
