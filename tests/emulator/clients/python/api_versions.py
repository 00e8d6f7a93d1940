"""The Python SDK's multi-API clients at every api-version they ship, against the emulator: what code pinned
to an older version (a profile, Azure Stack tooling, an old lock file) sends. Also a version Azure does not
have (ARM's 400 ``InvalidApiVersionParameter``, raw, since the SDK refuses it before sending) and the cloud
metadata endpoint through msrestazure, the function ``az cloud register`` uses.
"""

import importlib
import pkgutil

import requests
from azure.identity import OnBehalfOfCredential
from azure.mgmt.authorization import AuthorizationManagementClient
from azure.mgmt.compute import ComputeManagementClient
from azure.mgmt.resource import ResourceManagementClient, SubscriptionClient
from msrestazure.azure_cloud import get_cloud_from_metadata_endpoint

from emulator_env import ARM_SCOPE, Emulator, report

emulator = Emulator.from_env()
url = emulator.url
credential = OnBehalfOfCredential(
    tenant_id=emulator.tenant_id,
    client_id=emulator.client_id,
    client_secret=emulator.client_secret,
    user_assertion=emulator.sso_token("alice"),
    authority=url,
    instance_discovery=False,
)


def shipped(package, operation_group):
    """The api-versions a multi-API package ships that have this operation group, oldest first."""
    versions = []
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        if not info.name.startswith("v"):
            continue
        operations = importlib.import_module(f"{package}.{info.name}.operations")
        if hasattr(operations, operation_group):
            versions.append(info.name[1:].replace("_", "-"))
    return sorted(versions)


def attempt(call):
    try:
        return call()
    except Exception as error:  # noqa: BLE001 - report whatever the SDK raised
        return {"error": type(error).__name__, "message": str(error)[:300]}


dev = next(SubscriptionClient(credential, base_url=url).subscriptions.list()).subscription_id

compute = {}
for version in shipped("azure.mgmt.compute", "VirtualMachinesOperations"):
    client = ComputeManagementClient(credential, dev, base_url=url, api_version=version)

    def vm_view(client=client):
        vm = client.virtual_machines.get("rg-web", "web-01", expand="instanceView")
        return {
            "vms": sorted(v.name for v in client.virtual_machines.list_all()),
            "power": [s.code for s in vm.instance_view.statuses if s.code.startswith("PowerState/")],
        }

    compute[version] = attempt(vm_view)

subscriptions = {
    version: attempt(
        lambda version=version: [
            s.display_name
            for s in SubscriptionClient(credential, base_url=url, api_version=version).subscriptions.list()
        ]
    )
    for version in shipped("azure.mgmt.resource.subscriptions", "SubscriptionsOperations")
}

groups = {
    version: attempt(
        lambda version=version: ResourceManagementClient(credential, dev, base_url=url, api_version=version)
        .resource_groups.get("rg-web")
        .name
    )
    for version in shipped("azure.mgmt.resource.resources", "ResourceGroupsOperations")
}

permissions = {
    version: attempt(
        lambda version=version: sorted(
            {
                action
                for p in AuthorizationManagementClient(credential, dev, base_url=url, api_version=version)
                .permissions.list_for_resource_group("rg-web")
                for action in p.actions
            }
        )
    )
    for version in ("2015-07-01", "2018-01-01-preview", "2022-04-01")
}

token = credential.get_token(ARM_SCOPE).token
unknown = requests.get(
    f"{url}/subscriptions/{dev}/resourcegroups/rg-web?api-version=2099-01-01",
    headers={"Authorization": f"Bearer {token}"},
    timeout=30,
)

cloud = get_cloud_from_metadata_endpoint(url, "Emulator")

report(
    {
        "compute": compute,
        "subscriptions": subscriptions,
        "resourceGroups": groups,
        "permissions": permissions,
        "unknownVersion": {"status": unknown.status_code, "body": unknown.json()},
        "cloud": {
            "active_directory": cloud.endpoints.active_directory,
            "active_directory_resource_id": cloud.endpoints.active_directory_resource_id,
            "active_directory_graph_resource_id": cloud.endpoints.active_directory_graph_resource_id,
            "gallery": cloud.endpoints.gallery,
            "management": cloud.endpoints.management,
        },
    }
)
