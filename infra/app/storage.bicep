// The one storage account of the deployment: the pipeline's data (ArticleStorage), the Functions host's state
// (AzureWebJobsStorage) and the Flex Consumption deployment package. Reached only with Entra ID tokens.
param location string
param tags object

@minLength(3)
@maxLength(24)
param name string

@description('Blob containers to create.')
param containerNames string[]

@description('Tables to create.')
param tableNames string[]

@minValue(1)
@maxValue(365)
@description('Days a deleted or overwritten article blob, or a deleted container, can be restored (README, "Restoring an article").')
param restoreDays int = 30

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    // No account keys, no SAS signed with them: every caller needs an identity and a data role.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      // Event Grid reads blob events and writes dead letters as a trusted Azure service.
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  // One mistaken delete or overwrite must not lose an article: deleted blobs and containers stay restorable, and
  // every overwrite keeps the previous version.
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: restoreDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: restoreDays
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

output name string = account.name
