// Least-privilege data roles for the app's identity, on each storage account for what the app does there and on the
// one Application Insights resource, and optional read-only roles on the data for a person who inspects it. No
// management-plane role anywhere.
@description('The account of the pipeline\'s data (ArticleStorage): articles, index tables, the fetch queues.')
param dataAccountName string

@description('The account of the Functions host (AzureWebJobsStorage): its locks, keys, timer status and the deployment package.')
param hostAccountName string

param applicationInsightsName string

@description('Name of the app\'s user-assigned identity.')
param identityName string

@description('Optional principal id of a user or group that may read blobs and tables. Empty: none.')
param readerPrincipalId string = ''

// Built-in role definition ids (the same in every tenant).
var appDataRoles = [
  // The article blobs. ParseArticle is a blob trigger on this connection, and the Functions blob-trigger docs ask for
  // Owner on its connection (Contributor differs only in ownership and ACLs, which a non-HNS account does not have).
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  // The blob trigger writes its poison messages to a queue of this account (webjobs-blobtrigger-poison), and the
  // feed-fetch queues live here. Contributor is the least built-in role for them: ScheduleFeeds adds messages
  // (Message Sender would do); the FetchFeeds trigger peeks, receives and deletes (Reader + Message Processor, what
  // the Functions queue-trigger docs list), but it also updates messages, to extend a long fetch's visibility and to
  // release a failed one after visibilityTimeout (messages/write, in no role below Contributor), and adds to
  // feed-fetch-poison when it moves a message there (Message Sender again). Reader + Processor + Sender would miss
  // messages/write. Account scope: every queue of this account is one of the app's.
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  // The articles index, parse failures, feed state and the feed registry.
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
]
var appHostRoles = [
  // What the Functions docs list for AzureWebJobsStorage: Owner on the host's blobs (locks, keys, timer status; and
  // the Flex deployment package, read with the same identity), Queue Data Contributor for the blob trigger's queue
  // the host keeps here, and Table Data Contributor for the host's diagnostic events table.
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
]

// Application Insights has local auth off: the app sends telemetry with its identity.
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
var readerStorageRoles = [
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' // Storage Blob Data Reader
  '76199698-9eea-4c19-bc75-cec21354c6b6' // Storage Table Data Reader
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource dataAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: dataAccountName
}

resource hostAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: hostAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource appDataAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appDataRoles: {
    scope: dataAccount
    name: guid(dataAccount.id, identity.id, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appHostAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appHostRoles: {
    scope: hostAccount
    name: guid(hostAccount.id, identity.id, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appMetricsAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: applicationInsights
  name: guid(applicationInsights.id, identity.id, monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource readerAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in readerStorageRoles: if (!empty(readerPrincipalId)) {
    scope: dataAccount
    name: guid(dataAccount.id, readerPrincipalId, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: readerPrincipalId
    }
  }
]
