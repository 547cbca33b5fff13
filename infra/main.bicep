// NewsPipeline on Azure: one resource group with two storage accounts (the pipeline's data; the host's state and the
// deployment package), the Flex Consumption Functions app, its user-assigned identity and least-privilege roles on
// each, monitoring and alerts, and the Event Grid subscription that feeds ParseArticle.
// Subscription scope so that `azd up` (or `az deployment sub create`) also creates the resource group.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd sets it): names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. It must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('The feeds to fetch: name=url pairs separated by ";" (names are lower-case slugs that file the articles).')
param feeds string

@description('Six-field NCRONTAB (seconds first) on which ScheduleFeeds enqueues the due feeds; each feed keeps its own interval, so every minute only bounds how late a due feed starts.')
param fetchSchedule string = '0 * * * * *'

@description('Six-field NCRONTAB on which ReconcileArticles runs: it replays events Event Grid dead-lettered and parses blobs of the last days (Reconcile__Days, 2) that have neither a row nor a recorded failure.')
param reconcileSchedule string = '0 20 * * * *'

@description('Create the Event Grid subscription that delivers new article blobs to ParseArticle. Its webhook only answers once the app code runs, so azd turns this on after the first code deployment (azure.yaml, postdeploy).')
param subscribeParseArticle bool = false

@minValue(1)
@maxValue(1000)
@description('Upper bound of Flex Consumption instances: the cost ceiling under load.')
param maximumInstanceCount int = 40

@allowed([
  512
  2048
  4096
])
@description('Memory of each Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
@description('Redundancy of the data storage account (the host\'s state stays LRS: the host rebuilds it). LRS is the cheapest and survives a disk or rack; ZRS survives a zone and GZRS a region, where the region has availability zones (docs/deployment.md).')
param storageSku string = 'Standard_LRS'

@description('Reach the storage account only through private endpoints in a new virtual network, with the app integrated in it (docs/configuration.md). Off: public endpoints, Entra ID only.')
param vnetEnabled bool = false

@description('Optional e-mail address the alerts are sent to (docs/operations.md, "Watching it in Azure"). Empty: the alerts fire in the portal only.')
param alertEmail string = ''

@description('Optional object id of a user or group that may read the articles and tables (Storage Blob/Table Data Reader). Empty: nobody but the app.')
param readerPrincipalId string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
// Names the app code and the Core library read; they must agree with src/NewsPipeline.Core/Storage/StorageOptions.cs
// and the ParseArticle trigger (tests/NewsPipeline.Tests/Infra checks both).
var articlesContainerName = 'articles'
var tableNames = [
  'articles'
  'parsefailures'
  'feeds'
  // Reader accounts (password hashes and token hashes only, no secret in clear) and their read state.
  'readers'
  'stories'
]
// The scheduler's work queue and the queue the host moves a message to after host.json maxDequeueCount deliveries
// ("{queue}-poison", the host's fixed naming). FetchFeedsPoisoned is a queue trigger too, so what it fails on in
// turn goes to "-poison-poison"; creating them all here spares the host the queue-create call on a bad day.
var fetchQueueName = 'feed-fetch'
var poisonQueueName = '${fetchQueueName}-poison'
var queueNames = [
  fetchQueueName
  poisonQueueName
  '${poisonQueueName}-poison'
]
var deploymentContainerName = 'app-package-${resourceToken}'
var deadLetterContainerName = 'eventgrid-deadletter'
var functionAppName = 'func-${resourceToken}'
// The data keeps the account name it always had; the host's state has its own account, so that a mistake on one
// (a deleted container, a role, a key) cannot reach the other.
var storageAccountName = 'st${resourceToken}'
var hostStorageAccountName = 'sthost${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'
var identityName = 'id-${resourceToken}'
var systemTopicName = 'evgt-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: storageAccountName
    containerNames: [
      articlesContainerName
      deadLetterContainerName
    ]
    tableNames: tableNames
    queueNames: queueNames
    skuName: storageSku
    privateNetworkOnly: vnetEnabled
  }
}

module storageDiagnostics 'app/storage-diagnostics.bicep' = {
  name: 'storage-diagnostics'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
  dependsOn: [
    storage
  ]
}

// The host creates its own containers, queues and tables here; only the deployment package's container is made.
module hostStorage 'app/storage.bicep' = {
  name: 'host-storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: hostStorageAccountName
    containerNames: [
      deploymentContainerName
    ]
    tableNames: []
    queueNames: []
    versioning: false
    privateNetworkOnly: vnetEnabled
  }
}

module network 'app/network.bicep' = if (vnetEnabled) {
  name: 'network'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'vnet-${resourceToken}'
    storageAccountNames: [
      storageAccountName
      hostStorageAccountName
    ]
    // Every service a connection of the app uses (the check in tests/NewsPipeline.Tests/Infra derives the same list).
    storageServices: [
      'blob'
      'queue'
      'table'
    ]
  }
  dependsOn: [
    storage
    hostStorage
  ]
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    name: identityName
  }
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    dataAccountName: storageAccountName
    hostAccountName: hostStorageAccountName
    applicationInsightsName: applicationInsightsName
    identityName: identityName
    readerPrincipalId: readerPrincipalId
  }
  dependsOn: [
    storage
    hostStorage
    monitoring
    identity
  ]
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: 'plan-${resourceToken}'
    identityName: identityName
    dataAccountName: storageAccountName
    hostAccountName: hostStorageAccountName
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: applicationInsightsName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    feeds: feeds
    fetchSchedule: fetchSchedule
    reconcileSchedule: reconcileSchedule
    deadLetterContainerName: deadLetterContainerName
    virtualNetworkSubnetId: vnetEnabled ? network!.outputs.appSubnetId : ''
  }
  // The app reads its package and writes its host state with the identity: grant the roles before it starts.
  dependsOn: [
    roles
  ]
}

module eventGridTopic 'app/event-grid-topic.bicep' = {
  name: 'event-grid-topic'
  scope: rg
  params: {
    location: location
    tags: tags
    name: systemTopicName
    storageAccountName: storageAccountName
    deadLetterContainerName: deadLetterContainerName
  }
  dependsOn: [
    storage
  ]
}

module parseArticleSubscription 'app/parse-article-subscription.bicep' = if (subscribeParseArticle) {
  name: 'parse-article-subscription'
  scope: rg
  params: {
    systemTopicName: systemTopicName
    functionAppName: functionAppName
    functionName: 'ParseArticle'
    containerName: articlesContainerName
    storageAccountName: storageAccountName
    deadLetterContainerName: deadLetterContainerName
  }
  dependsOn: [
    eventGridTopic
    functionApp
  ]
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    tags: tags
    location: location
    namePrefix: resourceToken
    alertEmail: alertEmail
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    storageAccountName: storageAccountName
    systemTopicName: systemTopicName
    fetchQueueName: fetchQueueName
    poisonQueueName: poisonQueueName
    healthUrl: '${functionApp.outputs.uri}/api/health'
  }
  dependsOn: [
    storage
    eventGridTopic
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output SERVICE_FUNCTIONS_URI string = functionApp.outputs.uri
output PARSE_ARTICLE_SUBSCRIBED bool = subscribeParseArticle
