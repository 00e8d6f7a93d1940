import { isAtLeast } from './api-versions.ts';

/**
 * ARM's cloud metadata document, `GET /metadata/endpoints?api-version=…` (no token needed): where a cloud's
 * sign-in, ARM and other endpoints are, so a client configured with nothing but an ARM endpoint finds the rest.
 * `az cloud register --endpoint-resource-manager {url}` reads the 2015-01-01 form (one object); from 2019-05-01
 * it is an array with one entry per cloud (azure-cli's `ARM_CLOUD_METADATA_URL` reads that one). Pure.
 *
 * The emulator's own endpoints are the emulator URL: sign-in (`loginEndpoint`), ARM (`resourceManager`), the
 * portal (the emulator has none; its URL is where one would be). The ARM audiences are those the emulator's ARM
 * accepts, `https://management.core.windows.net/` first as in Azure (clients use the first as ARM's resource id).
 * Services the emulator does not host (Graph, gallery, storage, Key Vault, …) keep Azure's public-cloud values:
 * clients require them to be set, and nothing here answers them.
 */

/** The name of the emulator's cloud in the array forms (not `AzureCloud`, which azure-cli special-cases). */
export const EMULATOR_CLOUD_NAME = 'AzureLocalEmulator';

/** ARM's resource identifiers, as Azure lists them in `authentication.audiences`. */
export const ARM_METADATA_AUDIENCES = [
  'https://management.core.windows.net/',
  'https://management.azure.com/',
];

const PUBLIC = {
  graph: 'https://graph.windows.net/',
  microsoftGraph: 'https://graph.microsoft.com/',
  gallery: 'https://gallery.azure.com/',
  batch: 'https://batch.core.windows.net/',
  media: 'https://rest.media.azure.net',
  sqlManagement: 'https://management.core.windows.net:8443/',
  dataLake: 'https://datalake.azure.net/',
  vmImageAliasDoc:
    'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
} as const;

const SUFFIXES = {
  storage: 'core.windows.net',
  keyVaultDns: 'vault.azure.net',
  sqlServerHostname: 'database.windows.net',
  acrLoginServer: 'azurecr.io',
  azureDataLakeStoreFileSystem: 'azuredatalakestore.net',
  azureDataLakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
} as const;

/** The metadata document for `apiVersion` (one of `API_VERSIONS.metadata`) of the emulator at `baseUrl`. */
export function cloudMetadata(baseUrl: string, apiVersion: string): unknown {
  if (!isAtLeast(apiVersion, '2019-05-01')) {
    return {
      galleryEndpoint: PUBLIC.gallery,
      graphEndpoint: PUBLIC.graph,
      portalEndpoint: `${baseUrl}/`,
      authentication: { loginEndpoint: `${baseUrl}/`, audiences: [...ARM_METADATA_AUDIENCES] },
    };
  }
  return [
    {
      portal: baseUrl,
      authentication: {
        loginEndpoint: baseUrl,
        audiences: [...ARM_METADATA_AUDIENCES],
        tenant: 'common',
        identityProvider: 'AAD',
      },
      media: PUBLIC.media,
      graphAudience: PUBLIC.graph,
      graph: PUBLIC.graph,
      name: EMULATOR_CLOUD_NAME,
      suffixes: { ...SUFFIXES },
      batch: PUBLIC.batch,
      resourceManager: `${baseUrl}/`,
      vmImageAliasDoc: PUBLIC.vmImageAliasDoc,
      activeDirectoryDataLake: PUBLIC.dataLake,
      sqlManagement: PUBLIC.sqlManagement,
      gallery: PUBLIC.gallery,
      ...(isAtLeast(apiVersion, '2022-09-01') ? { microsoftGraphResourceId: PUBLIC.microsoftGraph } : {}),
    },
  ];
}
