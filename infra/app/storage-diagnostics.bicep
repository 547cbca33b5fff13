// Request logs of the data account's blob, table and queue services to Log Analytics (the host's account has none:
// its lease renewals would be most of the volume and answer no operator question).
param storageAccountName string

@description('Resource id of the Log Analytics workspace that receives the request logs.')
param logAnalyticsId string

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'
  }

  resource tableService 'tableServices' existing = {
    name: 'default'
  }

  resource queueService 'queueServices' existing = {
    name: 'default'
  }
}

// Request logs of each data service, for "who deleted this article" and for the queue alerts (app/alerts.bicep reads
// PutMessage and DeleteMessage from StorageQueueLogs). Writes and deletes only: reads (every index query, every
// queue poll) are the bulk of the requests and of the cost, and no alert needs them.
var serviceLogs = [
  {
    category: 'StorageWrite'
    enabled: true
  }
  {
    category: 'StorageDelete'
    enabled: true
  }
]

// 2021-05-01-preview is the newest diagnosticSettings version (the one AVM modules use); the linter's fallback,
// 2016-09-01, is an older resource shape whose only allowed name is 'service'.
#disable-next-line use-recent-api-versions
resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: account::blobService
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsId
    logs: serviceLogs
  }
}

#disable-next-line use-recent-api-versions
resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: account::tableService
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsId
    logs: serviceLogs
  }
}

#disable-next-line use-recent-api-versions
resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: account::queueService
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsId
    logs: serviceLogs
  }
}
