"""What the same Python app sees when Azure says no: bob (Reader on rg-web, power on web-02 only) gets ARM's
403 ``AuthorizationFailed`` as an ``HttpResponseError``; erin has not consented, so the OBO exchange fails with
Entra's AADSTS65001 ``consent_required`` as a ``ClientAuthenticationError`` — the app's cue to ask her to
consent. The exceptions and their fields are the SDKs' own.
"""

from azure.core.exceptions import ClientAuthenticationError, HttpResponseError
from azure.identity import OnBehalfOfCredential
from azure.mgmt.compute import ComputeManagementClient
from azure.mgmt.resource import ResourceManagementClient, SubscriptionClient

from emulator_env import ARM_SCOPE, Emulator, report

emulator = Emulator.from_env()
url = emulator.url


def credential_for(user):
    return OnBehalfOfCredential(
        tenant_id=emulator.tenant_id,
        client_id=emulator.client_id,
        client_secret=emulator.client_secret,
        user_assertion=emulator.sso_token(user),
        authority=url,
        instance_discovery=False,
    )


def http_error(call):
    """Status, ARM error code and message of a refused call (None when it succeeds)."""
    try:
        call()
    except HttpResponseError as error:
        return {
            "type": type(error).__name__,
            "status": error.status_code,
            "code": error.error.code if error.error else None,
            "message": error.error.message if error.error else str(error),
        }
    return None


bob = credential_for("bob")
dev = next(s for s in SubscriptionClient(bob, base_url=url).subscriptions.list()).subscription_id
compute = ComputeManagementClient(bob, dev, base_url=url)
resources = ResourceManagementClient(bob, dev, base_url=url)

bob_observed = {
    "vms": sorted(vm.name for vm in compute.virtual_machines.list_all()),
    "resourceGroups": [g.name for g in resources.resource_groups.list()],
    "getSql01": http_error(lambda: compute.virtual_machines.get("rg-data", "sql-01")),
    "getRgData": http_error(lambda: resources.resource_groups.get("rg-data")),
    "startWeb01": http_error(lambda: compute.virtual_machines.begin_start("rg-web", "web-01").result()),
}
alice_resources = ResourceManagementClient(credential_for("alice"), dev, base_url=url)
bob_observed["missingGroup"] = http_error(lambda: alice_resources.resource_groups.get("rg-gone"))

erin = credential_for("erin")
before = emulator.obo_requests()
try:
    erin.get_token(ARM_SCOPE)
    erin_observed = {"error": None}
except ClientAuthenticationError as error:
    erin_observed = {"type": type(error).__name__, "message": error.message}
try:
    list(ComputeManagementClient(erin, dev, base_url=url).virtual_machines.list_all())
    erin_observed["throughClient"] = None
except ClientAuthenticationError as error:
    erin_observed["throughClient"] = type(error).__name__
erin_observed["oboRequests"] = emulator.obo_requests() - before

report({"bob": bob_observed, "erin": erin_observed})
