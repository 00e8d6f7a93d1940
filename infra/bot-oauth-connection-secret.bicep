// The Azure Bot's OAuth connection with a client secret: the fallback of infra/azure.bicep for tenants that cannot
// use the secretless connection ("AAD v2 with Federated Credentials"). A module only so that the secret can come
// from Key Vault: `getSecret` passes a Key Vault secret to a module's secure parameter, nowhere else.

@description('Name of the Azure Bot (already deployed by infra/azure.bicep).')
param botName string

@description('Name of the connection: BOT_OAUTH_CONNECTION.')
param connectionName string

@description('Client (application) id of the app registration.')
param clientId string

@description('A client secret of the app registration, from Key Vault (getSecret).')
@secure()
param clientSecret string

@description('Directory (tenant) id of the app registration.')
param tenantId string

@description('The app registration\'s identifier URI (the token exchange URL for Teams SSO).')
param tokenExchangeUrl string

resource bot 'Microsoft.BotService/botServices@2022-09-15' existing = {
  name: botName
}

resource connection 'Microsoft.BotService/botServices/connections@2022-09-15' = {
  parent: bot
  name: connectionName
  location: 'global'
  properties: {
    serviceProviderDisplayName: 'Azure Active Directory v2'
    serviceProviderId: '30dd229c-58e3-4a48-bdfd-91ec48eb906c'
    clientId: clientId
    clientSecret: clientSecret
    scopes: '${tokenExchangeUrl}/access_as_user'
    parameters: [
      {
        key: 'tenantID'
        value: tenantId
      }
      {
        key: 'tokenExchangeUrl'
        value: tokenExchangeUrl
      }
    ]
  }
}
