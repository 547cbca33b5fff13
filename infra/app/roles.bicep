// Least-privilege data roles for the app's identity, on the one storage account and the one Application Insights
// resource, and optional read-only roles for a person who inspects the data. No management-plane role anywhere.
param storageAccountName string
param applicationInsightsName string

@description('Name of the app\'s user-assigned identity.')
param identityName string

@description('Optional principal id of a user or group that may read blobs and tables. Empty: none.')
param readerPrincipalId string = ''

// Built-in role definition ids (the same in every tenant).
var appStorageRoles = [
  // AzureWebJobsStorage: the host's locks, timer status and keys, and the Flex deployment package; ArticleStorage:
  // the article blobs. The Functions docs ask for Owner (not Contributor) on the host's blobs.
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  // The Event Grid blob trigger queues each blob on the host's queue and writes poison messages to the trigger's.
  // The same role is also the least built-in one for the feed-fetch queues (ArticleStorage): ScheduleFeeds adds
  // messages (Message Sender would do); the FetchFeeds trigger peeks, receives and deletes (Reader + Message
  // Processor, what the Functions queue-trigger docs list), but it also updates messages, to extend a long fetch's
  // visibility and to release a failed one after visibilityTimeout (messages/write, in no role below Contributor),
  // and adds to feed-fetch-poison when it moves a message there (Message Sender again). Reader + Processor + Sender
  // would miss messages/write, and would not narrow anything while the host needs this role on its own queues,
  // whose names it derives from the host id; both go to queue scope when the data gets its own account (issue 13).
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  // The articles index, parse failures and feed state.
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

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource appStorageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appStorageRoles: {
    scope: storageAccount
    name: guid(storageAccount.id, identity.id, roleId)
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
    scope: storageAccount
    name: guid(storageAccount.id, readerPrincipalId, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: readerPrincipalId
    }
  }
]
