"""MSAL Python (Debian's python3-msal) on its own, as a web app that manages its token cache itself uses it.

Observes the OBO response MSAL gets (it always asks for ``openid profile offline_access`` and sends
``client_info=1``): id_token claims, refresh token, client_info, scope; that the token and account land in
MSAL's cache so ``acquire_token_silent`` answers without a new request; that the audience follows the
resource asked for (``https://management.core.windows.net//.default`` is azure-cli's ARM scope) and ARM
accepts both; and the app-only token of the client credentials grant.
"""

import msal
import requests

from emulator_env import ARM_SCOPE, Emulator, claims, report

CORE_SCOPE = "https://management.core.windows.net//.default"

emulator = Emulator.from_env()
url = emulator.url

app = msal.ConfidentialClientApplication(
    emulator.client_id,
    client_credential=emulator.client_secret,
    authority=f"{url}/{emulator.tenant_id}",
    instance_discovery=False,
)


def arm_status(access_token):
    """Status of ``GET /subscriptions`` with this token, and how many subscriptions it lists."""
    response = requests.get(
        f"{url}/subscriptions?api-version=2022-12-01",
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=30,
    )
    return {"status": response.status_code, "count": len(response.json().get("value", []))}


sso = emulator.sso_token("alice")
before = emulator.obo_requests()
result = app.acquire_token_on_behalf_of(sso, [ARM_SCOPE])
accounts = app.get_accounts()
silent = app.acquire_token_silent([ARM_SCOPE], account=accounts[0]) if accounts else None
obo_for_two = emulator.obo_requests() - before

core = app.acquire_token_on_behalf_of(sso, [CORE_SCOPE])
app_only = app.acquire_token_for_client([CORE_SCOPE])

report(
    {
        "keys": sorted(k for k in result if k != "id_token_claims"),
        "scope": result.get("scope"),
        "idTokenClaims": {
            k: result.get("id_token_claims", {}).get(k)
            for k in ("aud", "iss", "oid", "tid", "preferred_username", "name", "ver")
        },
        "idTokenHas": sorted(result.get("id_token_claims", {}).keys()),
        "accounts": [{"username": a["username"], "home_account_id": a["home_account_id"]} for a in accounts],
        "silentHit": bool(silent) and silent.get("access_token") == result.get("access_token"),
        "oboForTwo": obo_for_two,
        "aud": claims(result["access_token"])["aud"],
        "arm": arm_status(result["access_token"]),
        "core": {
            "aud": claims(core["access_token"])["aud"],
            "scope": core.get("scope"),
            "arm": arm_status(core["access_token"]),
        },
        "appOnly": {
            "aud": claims(app_only["access_token"])["aud"],
            "idtyp": claims(app_only["access_token"]).get("idtyp"),
            "arm": arm_status(app_only["access_token"]),
        },
    }
)
