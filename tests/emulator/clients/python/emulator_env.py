"""Shared by the Python client scripts: where the emulator is and how to use its control API.

The jest test (tests/emulator/clients/python.test.ts) starts an emulator in-process and runs each script with
Debian's /usr/bin/python3, passing ``EMULATOR_URL`` and ``REQUESTS_CA_BUNDLE`` (the emulator's CA, which
``requests`` — and so azure-core, MSAL and msrestazure — trusts from that variable). Everything a script
learns from the emulator goes through ``/_emulator/*``, as a developer's own script would; the Azure code
paths themselves are the SDKs', unchanged. Each script prints one JSON object of what it observed.
"""

import base64
import json
import os
import sys

import requests

ARM_SCOPE = "https://management.azure.com/.default"


class Emulator:
    """The emulator's control API: config, SSO tokens as Teams would hand them to the app, counters."""

    def __init__(self, url):
        self.url = url.rstrip("/")
        self.config = self._get("/_emulator/config")
        self.tenant_id = self.config["tenantId"]
        self.client_id = self.config["app"]["clientId"]
        self.client_secret = self.config["app"]["clientSecret"]

    @classmethod
    def from_env(cls):
        return cls(os.environ["EMULATOR_URL"])

    def _get(self, path):
        response = requests.get(self.url + path, timeout=30)
        response.raise_for_status()
        return response.json()

    def sso_token(self, user):
        """The user assertion a web app behind App Service authentication receives
        (``X-MS-TOKEN-AAD-ACCESS-TOKEN``), as Teams SSO would hand it to the app."""
        response = requests.post(self.url + "/_emulator/token", json={"user": user}, timeout=30)
        response.raise_for_status()
        return response.json()["access_token"]

    def obo_requests(self):
        """How many on-behalf-of token requests the emulator's Entra has answered so far."""
        return self._get("/_emulator/stats")["token"]["obo"]


def claims(jwt):
    """The (unverified) claims of a JWT: what a client can see of its token."""
    payload = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def report(observed):
    """Prints what the script observed, for the jest test to check."""
    json.dump(observed, sys.stdout, indent=2, sort_keys=True, default=str)
    sys.stdout.write("\n")
