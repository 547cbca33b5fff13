// Delivers every new blob under articles/ to the blob extension's webhook of the ParseArticle function (the only
// blob trigger source Flex Consumption supports). Event Grid validates the webhook when the subscription is created,
// and the host creates the blobs_extension system key when it first loads the blob trigger, so this module is
// deployed only once the app code runs (main.bicep: subscribeParseArticle).
param systemTopicName string
param functionAppName string

@description('The blob-triggered function (its [Function] name).')
param functionName string

@description('The container in the trigger path ("articles/{name}").')
param containerName string

param storageAccountName string
param deadLetterContainerName string

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: toLower(functionName)
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        // Flex Consumption apps have a unique default host name ({name}-{hash}.{region}-01.azurewebsites.net).
        endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${listKeys('${site.id}/host/default', '2025-03-01').systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/blobs/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    // What Event Grid gives up on lands here; `newsfeed reindex` re-parses such blobs.
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storageAccount.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output name string = subscription.name
