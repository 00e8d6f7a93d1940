/** Who is signed in, for display only (the service decides who the user is from the token). */
export interface Account {
  readonly name: string;
  readonly upn: string;
  readonly oid: string;
}
