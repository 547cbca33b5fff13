// A storage account of the deployment (main.bicep makes two): the pipeline's data (ArticleStorage), or the Functions
// host's state (AzureWebJobsStorage) with the Flex Consumption deployment package. Reached only with Entra ID tokens.
param location string
param tags object

@minLength(3)
@maxLength(24)
param name string

@description('Blob containers to create.')
param containerNames string[]

@description('Tables to create.')
param tableNames string[]

@description('Queues to create: the fetch queue and its poison queue, so that the host never has to create them.')
param queueNames string[]

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
@description('Redundancy of the account (docs/deployment.md). ZRS and GZRS need a region with availability zones.')
param skuName string = 'Standard_LRS'

@description('Refuse requests from public networks: the app then reaches the account through private endpoints (app/network.bicep).')
param privateNetworkOnly bool = false

@description('Keep every overwritten blob as a version. On for the articles; off for the host\'s state, whose lock and timer blobs are overwritten every minute and need no history.')
param versioning bool = true

@minValue(1)
@maxValue(365)
@description('Days a deleted or overwritten article blob, or a deleted container, can be restored (docs/operations.md, "Restoring an article").')
param restoreDays int = 30

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
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
    // Private: the firewall denies every public address but keeps the trusted-service exception, which
    // publicNetworkAccess 'Disabled' would not honour. Event Grid writes dead letters as a trusted Azure service.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: privateNetworkOnly ? 'Deny' : 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  // One mistaken delete or overwrite must not lose an article: deleted blobs and containers stay restorable, and
  // (with versioning) every overwrite keeps the previous version.
  properties: {
    isVersioningEnabled: versioning
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


resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

output name string = account.name
