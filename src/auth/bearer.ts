/** The token in an `Authorization: Bearer <token>` header, or undefined when absent or malformed. */
export function bearerToken(header: string | readonly string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9\-_.~+/]+=*)\s*$/i.exec(header);
  return match?.[1];
}
