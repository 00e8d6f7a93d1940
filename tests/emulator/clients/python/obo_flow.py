"""The classic case, unchanged: a Python web app behind App Service authentication that manages VMs as the
signed-in user. It trades the user's token for an ARM token with ``OnBehalfOfCredential`` and uses the
management SDKs, as it would against Azure; only the authority, the ARM endpoint and the CA differ.

Observes: one OBO request for many ``get_token`` calls and for the whole flow, the token's audience, the
resource group, the VM list, one VM with its instance view, and a start that runs to completion.
"""

from azure.identity import OnBehalfOfCredential
from azure.mgmt.compute import ComputeManagementClient
from azure.mgmt.resource import ResourceManagementClient, SubscriptionClient

from emulator_env import ARM_SCOPE, Emulator, claims, report

emulator = Emulator.from_env()
url = emulator.url

credential = OnBehalfOfCredential(
    tenant_id=emulator.tenant_id,
    client_id=emulator.client_id,
    client_secret=emulator.client_secret,
    user_assertion=emulator.sso_token("alice"),
    authority=url,  # instead of login.microsoftonline.com
    instance_discovery=False,  # later azure-identity releases: disable_instance_discovery=True
)

before = emulator.obo_requests()
tokens = [credential.get_token(ARM_SCOPE) for _ in range(5)]
obo_for_get_token = emulator.obo_requests() - before

subscriptions = SubscriptionClient(credential, base_url=url)
dev = next(s for s in subscriptions.subscriptions.list() if s.display_name == "Contoso Dev")

resources = ResourceManagementClient(credential, dev.subscription_id, base_url=url)
group = resources.resource_groups.get("rg-web")
groups = [g.name for g in resources.resource_groups.list()]

compute = ComputeManagementClient(credential, dev.subscription_id, base_url=url)
vms = sorted(vm.name for vm in compute.virtual_machines.list_all())
web01 = compute.virtual_machines.get("rg-web", "web-01", expand="instanceView")

poller = compute.virtual_machines.begin_start("rg-web", "web-02")
poller.result()
web02 = compute.virtual_machines.instance_view("rg-web", "web-02")

report(
    {
        "oboForFiveGetToken": obo_for_get_token,
        "sameToken": len({t.token for t in tokens}) == 1,
        "oboForWholeFlow": emulator.obo_requests() - before,
        "tokenClaims": {k: claims(tokens[0].token).get(k) for k in ("aud", "scp", "upn", "tid", "ver")},
        "subscription": {"id": dev.subscription_id, "state": str(dev.state)},
        "resourceGroup": {
            "id": group.id,
            "name": group.name,
            "type": group.type,
            "location": group.location,
            "tags": group.tags,
            "provisioningState": group.properties.provisioning_state,
        },
        "resourceGroups": groups,
        "vms": vms,
        "web01": {
            "id": web01.id,
            "vmSize": web01.hardware_profile.vm_size,
            "statuses": [s.code for s in web01.instance_view.statuses],
        },
        "startStatus": poller.status(),
        "web02After": [s.code for s in web02.statuses],
    }
)
