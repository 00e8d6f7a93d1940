/**
 * OAuth scopes, each under a name that says which one it is (ARM has two forms that mean different
 * things to Entra: the token request scope and the delegated permission users consent to).
 */

/** The scope the service requests ARM tokens with (`/.default`: the permissions already granted). */
export const ARM_TOKEN_SCOPE = 'https://management.azure.com/.default';

/** The delegated permission a user consents to so the app may call ARM as them. */
export const ARM_DELEGATED_SCOPE = 'https://management.azure.com/user_impersonation';

/** The app's own delegated scope (on its identifier URI): what the tab and Teams SSO ask for. */
export const APP_SCOPE = 'access_as_user';
