// VM Manager for Teams: everything the service needs in one resource group.
//
//   - Linux App Service (Node 24 LTS) running the single service: API, bot endpoint and the built tab.
//   - A user-assigned managed identity, used three ways:
//       1. the bot's identity (Azure Bot, msaAppType UserAssignedMSI: no bot password exists);
//       2. the app registration's federated credential for On-Behalf-Of (secretless: the service signs its OBO
//          requests with this identity's token through OnBehalfOfCredential's getAssertion). ARM cannot create
//          that credential on the app registration: `atk provision` runs infra/scripts/federated-credential.ts
//          after this deployment (see docs/deploy.md);
//       3. Key Vault references from the app settings.
//   - Key Vault (RBAC) holding the state encryption key (STATE_ENCRYPTION_KEY), and the OBO client secret when you
//     choose that option instead (`oboClientSecret`).
//   - Azure Bot with the Teams channel and the OAuth connection Teams SSO needs (BOT_OAUTH_CONNECTION): secretless by
//     default ("AAD v2 with Federated Credentials": the app registration trusts the Bot Framework token service, a
//     credential infra/scripts/federated-credential.ts adds after this deployment); a client secret from this Key
//     Vault only when you choose it (`botOAuthClientSecretName`, infra/bot-oauth-connection-secret.bicep).
//   - Log Analytics + workspace-based Application Insights; the web app's console and HTTP logs go to the workspace.
//     Application Insights gets telemetry only if App Service's Node.js autoinstrumentation attaches (public
//     preview, not documented for ES-module apps run with type stripping): the logs are what to rely on.
//   - No basic publishing credentials (FTP, SCM): deployments authenticate with Microsoft Entra tokens.
//
// Outputs are UPPER_SNAKE so Teams Toolkit writes them to env/.env.{env} under the same names (teamsapp.yml uses them).

@description('Prefix for resource names: 3-24 lowercase letters, digits or hyphens. teamsapp.yml passes vmm-{env}.')
@minLength(3)
@maxLength(24)
param resourceBaseName string

@description('Region of the regional resources. Default: the resource group\'s.')
param location string = resourceGroup().location

@description('App Service plan SKU. B1 is the smallest that supports Always On and health checks well.')
param webAppSku string = 'B1'

@description('Web app instances. At least 2: operations, sign-ins and rate limits are shared through Redis, so any instance can serve any request and one can die mid-operation.')
@minValue(2)
param instanceCount int = 2

@description('Azure Cache for Redis SKU for the shared state (Basic has no SLA; Standard replicates).')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param redisSku string = 'Standard'

@description('Seals the users\' tokens in Redis (STATE_ENCRYPTION_KEY): 64 hexadecimal characters (32 bytes), the same on every deployment, or the tokens sealed before it become unreadable. teamsapp.yml passes SECRET_STATE_ENCRYPTION_KEY, which infra/scripts/state-key.ts makes once per environment (env/.env.{env}.user). Stored in Key Vault; rotation: docs/deploy.md.')
@secure()
@minLength(64)
@maxLength(64)
param stateEncryptionKey string

@description('Azure Bot pricing tier. F0 is free for Teams (standard channels are not metered).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Display name of the Azure Bot resource.')
@maxLength(42)
param botDisplayName string

@description('Client (application) id of the app registration created by aadApp/create: the SSO audience and the OBO client.')
param aadAppClientId string

@description('Directory (tenant) id of the app registration. Default: the deployment\'s tenant.')
param aadAppTenantId string = tenant().tenantId

@description('Comma-separated tenant ids whose tokens the service accepts. Keep the default, the app registration\'s tenant: the registration is single-tenant (AzureADMyOrg) and its managed identity credential works only in that tenant, so no other tenant\'s users can get a token for it (guests sign in through this tenant).')
param allowedTenants string = aadAppTenantId

@description('Comma-separated extra origins allowed by CORS. Default none: Teams loads the tab from this app\'s own origin.')
param allowedOrigins string = ''

@description('OBO client secret. Empty (default): secretless, the managed identity is the app registration\'s federated credential. Set: stored in Key Vault, read by the app through a Key Vault reference.')
@secure()
param oboClientSecret string = ''

@description('Name of the Azure Bot\'s OAuth connection: the `connectionName` of every loginRequest and OAuthCard (the service setting BOT_OAUTH_CONNECTION, default TeamsSso). Teams runs card-action SSO only for a connection configured on the bot.')
@minLength(1)
@maxLength(64)
param botOAuthConnectionName string = 'TeamsSso'

@description('Fallback for tenants that cannot use the secretless OAuth connection: the name of a secret in this deployment\'s Key Vault (KEY_VAULT_NAME) holding a client secret of the app registration. Empty (default): the connection uses "AAD v2 with Federated Credentials", no secret (the app registration trusts the Bot Framework token service; teamsapp.yml adds that credential). Set: "Azure Active Directory v2" with the secret, read from Key Vault at deployment (put it there first, see docs/deploy.md).')
param botOAuthClientSecretName string = ''

@description('Turn on App Service authentication ("Easy Auth") for the web app: Microsoft provider = the app registration, token store on, the login asking for the API scope so the stored access token is for this API. The service then accepts that token from X-MS-TOKEN-AAD-ACCESS-TOKEN (EASY_AUTH=true), validated like any bearer token. The tab\'s pages, the bot endpoint and health stay anonymous (Teams frames the tab and sends bearer tokens; Bot Framework authenticates itself); the rest (the API) needs a session or a bearer token. See docs/deploy.md.')
param enableAppServiceAuthentication bool = false

@description('Service log level (pino).')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var siteName = '${resourceBaseName}-${suffix}'
var useClientSecret = !empty(oboClientSecret)
var oboSecretName = 'obo-client-secret'
var useOAuthSecret = !empty(botOAuthClientSecretName)
// The last segment of the token service's federated credential subject (infra/scripts/federated-credential.ts).
var oauthUniqueIdentifier = '${resourceBaseName}-${botOAuthConnectionName}'
// Built-in role: Key Vault Secrets User (read secret values).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: 'kv${suffix}'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    // Lets this deployment read the OAuth connection's secret (getSecret) only when that fallback is chosen.
    enabledForTemplateDeployment: useOAuthSecret
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource oboSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (useClientSecret) {
  parent: keyVault
  name: oboSecretName
  properties: {
    value: oboClientSecret
    contentType: 'OBO client secret of the VM Manager app registration'
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

// Shared state (docs/configuration.md, "Shared state"): TLS only, no access keys; the web app's managed
// identity authenticates with Entra (an access policy assignment makes it a Redis user).
resource redis 'Microsoft.Cache/redis@2023-08-01' = {
  name: '${resourceBaseName}-${suffix}-state'
  location: location
  properties: {
    sku: {
      name: redisSku
      family: redisSku == 'Premium' ? 'P' : 'C'
      capacity: redisSku == 'Premium' ? 1 : 0
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    disableAccessKeyAuthentication: true
    redisConfiguration: {
      'aad-enabled': 'true'
    }
  }
}

resource redisUser 'Microsoft.Cache/redis/accessPolicyAssignments@2023-08-01' = {
  parent: redis
  name: 'vm-manager'
  properties: {
    accessPolicyName: 'Data Contributor'
    objectId: identity.properties.principalId
    objectIdAlias: 'vm-manager'
  }
}

var stateKeySecretName = 'state-encryption-key'
resource stateKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: keyVault
  name: stateKeySecretName
  properties: {
    value: stateEncryptionKey
  }
}

resource webApp 'Microsoft.Web/sites@2024-11-01' = {
  name: siteName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      // V8 heap sized for the plan (docs/configuration.md, "Node.js runtime settings").
      appCommandLine: 'node --max-old-space-size=1024 --max-semi-space-size=16 src/main.ts'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/api/health'
    }
  }
}

// No basic (user name and password) publishing credentials: FTP is off, and zip deploy (`atk deploy`, azureAppService/
// zipDeploy) authenticates to the SCM site with the deployer's Microsoft Entra token.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

var host = webApp.properties.defaultHostName

// The service's environment (docs/configuration.md). PORT is set by App Service itself.
var baseSettings = {
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  NODE_ENV: 'production'
  TENANT_ID: aadAppTenantId
  CLIENT_ID: aadAppClientId
  IDENTIFIER_URI: 'api://${host}/botid-${identity.properties.clientId}'
  ALLOWED_TENANTS: allowedTenants
  ALLOWED_ORIGINS: allowedOrigins
  PUBLIC_URL: 'https://${host}'
  LOG_LEVEL: logLevel
  BOT_OAUTH_CONNECTION: botOAuthConnectionName
  MicrosoftAppId: identity.properties.clientId
  MicrosoftAppType: 'UserAssignedMSI'
  MicrosoftAppTenantId: identity.properties.tenantId
  REDIS_URL: 'rediss://${redis.properties.hostName}:${redis.properties.sslPort}'
  REDIS_ENTRA_USERNAME: identity.properties.principalId
  REDIS_ENTRA_CLIENT_ID: identity.properties.clientId
  STATE_ENCRYPTION_KEY: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${stateKeySecretName})'
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
}
// Exactly one OBO client credential: the secret through a Key Vault reference (latest version), or the managed identity.
var clientSecretSettings = {
  CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${oboSecretName})'
}
var managedIdentitySettings = {
  MANAGED_IDENTITY_CLIENT_ID: identity.properties.clientId
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(
    union(baseSettings, useClientSecret ? clientSecretSettings : managedIdentitySettings),
    enableAppServiceAuthentication ? easyAuthSettings : { EASY_AUTH: 'false' }
  )
  dependsOn: [
    identityReadsSecrets
    oboSecret
    stateKeySecret
    redisUser
  ]
}

// App Service authentication's client credential: the OBO secret (Key Vault reference) or, secretless, the managed
// identity as the app registration's federated credential (App Service's OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID).
var easyAuthSecretSetting = useClientSecret
  ? 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
  : 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
var easyAuthSettings = union(
  { EASY_AUTH: 'true' },
  useClientSecret
    ? {
        MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${oboSecretName})'
      }
    : { OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: identity.properties.clientId }
)

// App Service authentication (authsettingsV2), when enableAppServiceAuthentication. The unauthenticated action per
// path: the tab's own pages and assets, /client-config.json, /api/health and the bot endpoint are excluded (Teams
// frames the tab, the tab probes /.auth/me and offers /.auth/login/aad itself, Bot Framework signs its requests);
// everything else (the API) needs a session or a bearer token for this API — AJAX requests (the tab sends
// X-Requested-With) get 401, navigations the login page.
resource authSettings 'Microsoft.Web/sites/config@2024-11-01' = if (enableAppServiceAuthentication) {
  parent: webApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/'
        '/index.html'
        '/auth-start.html'
        '/auth-end.html'
        '/assets/*'
        '/client-config.json'
        '/api/health'
        '/api/messages'
        // Azure's auto-shutdown notifications: authenticated by the per-schedule token in the path.
        '/api/notifications/auto-shutdown/*'
      ]
    }
    httpSettings: {
      requireHttps: true
      routes: {
        apiPrefix: '/.auth'
      }
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${aadAppTenantId}/v2.0'
          clientId: aadAppClientId
          clientSecretSettingName: easyAuthSecretSetting
        }
        login: {
          // The stored access token must be one for this API (not Microsoft Graph): ask for its scope.
          loginParameters: [
            'scope=openid profile email offline_access api://${host}/botid-${identity.properties.clientId}/access_as_user'
          ]
          disableWWWAuthenticate: false
        }
        validation: {
          allowedAudiences: [
            'api://${host}/botid-${identity.properties.clientId}'
            aadAppClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
      preserveUrlFragmentsForLogins: true
      allowedExternalRedirectUrls: []
      cookieExpiration: {
        convention: 'FixedTime'
        timeToExpiration: '08:00:00'
      }
      nonce: {
        validateNonce: true
      }
    }
  }
  dependsOn: [
    appSettings
  ]
}

resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: siteName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${host}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// The OAuth connection Teams requires for SSO on card actions (Universal Actions `loginRequest`) and whose sign-in
// link and magic code serve channels, for the app registration: token exchange URL = the app's identifier URI,
// scope access_as_user (the SSO token the service validates and exchanges On-Behalf-Of). The app registration lists
// the token service's redirect URI (aad.manifest.json).
//
// Default, secretless: provider "AAD v2 with Federated Credentials" (single-tenant app registrations only, as ours
// is). The token service presents a token whose subject is /eid1/c/pub/t/{tenant}/a/{token service}/{UniqueIdentifier}
// and the app registration trusts it through a federated credential (infra/scripts/federated-credential.ts
// --token-service, run by teamsapp.yml after this deployment). The provider's id and parameter keys are what the
// Azure CLI (`az bot authsetting create --service Aadv2WithFic`) and Microsoft's samples use; `az bot authsetting
// list-providers` lists them for a subscription.
resource botOAuthConnection 'Microsoft.BotService/botServices/connections@2022-09-15' = if (!useOAuthSecret) {
  parent: bot
  name: botOAuthConnectionName
  location: 'global'
  properties: {
    serviceProviderDisplayName: 'AAD v2 with Federated Credentials'
    serviceProviderId: 'c00b44ab-5e16-c44c-af26-2fd5bc55eb18'
    clientId: aadAppClientId
    scopes: 'api://${host}/botid-${identity.properties.clientId}/access_as_user'
    parameters: [
      {
        key: 'ClientId'
        value: aadAppClientId
      }
      {
        key: 'UniqueIdentifier'
        value: oauthUniqueIdentifier
      }
      {
        key: 'TenantId'
        value: aadAppTenantId
      }
      {
        key: 'TokenExchangeUrl'
        value: 'api://${host}/botid-${identity.properties.clientId}'
      }
    ]
  }
}

// Fallback (botOAuthClientSecretName): the same connection with provider "Azure Active Directory v2" and a client
// secret read from this Key Vault at deployment; the secret is never a plain template parameter nor an app setting.
resource oauthSecretVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = if (useOAuthSecret) {
  name: keyVault.name
}

module botOAuthSecretConnection 'bot-oauth-connection-secret.bicep' = if (useOAuthSecret) {
  name: 'bot-oauth-connection-secret'
  params: {
    botName: bot.name
    connectionName: botOAuthConnectionName
    clientId: aadAppClientId
    clientSecret: oauthSecretVault.getSecret(botOAuthClientSecretName)
    tenantId: aadAppTenantId
    tokenExchangeUrl: 'api://${host}/botid-${identity.properties.clientId}'
  }
}

// Written to env/.env.{env} by Teams Toolkit; teamsapp.yml, manifest.json and aad.manifest.json read them.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output TAB_DOMAIN string = host
output TAB_ENDPOINT string = 'https://${host}'
output BOT_DOMAIN string = host
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output FEDERATED_CREDENTIAL_ISSUER string = '${environment().authentication.loginEndpoint}${identity.properties.tenantId}/v2.0'
output KEY_VAULT_NAME string = keyVault.name
// The OAuth connection's UniqueIdentifier, for the token service's federated credential (teamsapp.yml).
output BOT_OAUTH_UNIQUE_IDENTIFIER string = oauthUniqueIdentifier
