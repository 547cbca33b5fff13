// The Flex Consumption (FC1) plan and the Linux Functions app (dotnet-isolated 10.0). It runs as the user-assigned
// identity and reaches storage and Application Insights with it only: no key or connection string in its settings.
param location string
param tags object
param name string
param planName string

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('The account of the pipeline\'s data (ArticleStorage).')
param dataAccountName string

@description('The account of the host\'s state (AzureWebJobsStorage) and the deployment package.')
param hostAccountName string

@description('Blob container of the host account that holds the deployment package (Flex Consumption).')
param deploymentContainerName string

param applicationInsightsName string

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Feeds setting: name=url pairs separated by ";".')
param feeds string

@description('FetchSchedule setting: six-field NCRONTAB.')
param fetchSchedule string

@description('ReconcileSchedule setting: six-field NCRONTAB on which ReconcileArticles replays dead-lettered events and parses recent blobs that have no row.')
param reconcileSchedule string

@description('The container Event Grid dead-letters undelivered blob events into; ReconcileArticles replays them.')
param deadLetterContainerName string

@description('Subnet (delegated to Microsoft.App/environments) the app sends its outbound traffic through. Empty: none.')
param virtualNetworkSubnetId string = ''

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

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  // azd finds the app to deploy to by this tag (azure.yaml: services.functions).
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Every setting the app reads in Azure (docs/configuration.md). Storage connections are identity-based: the service
// URIs, the credential and the identity's client id; Flex Consumption takes the runtime from functionAppConfig, so
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not set here.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__blobServiceUri: hostAccount.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: hostAccount.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: hostAccount.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    ArticleStorage__blobServiceUri: dataAccount.properties.primaryEndpoints.blob
    ArticleStorage__queueServiceUri: dataAccount.properties.primaryEndpoints.queue
    ArticleStorage__tableServiceUri: dataAccount.properties.primaryEndpoints.table
    ArticleStorage__credential: 'managedidentity'
    ArticleStorage__clientId: identity.properties.clientId
    // The connection string only says where to send telemetry; with local auth off, the authentication string
    // makes the SDK sign in as the app's identity.
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    // The route prefix is empty (host.json) so the reading page answers at /: the host's own welcome page must not.
    AzureWebJobsDisableHomepage: 'true'
    // Failed logins of the Google Reader API are counted per client address: behind the platform's front end that is
    // the last entry of X-Forwarded-For, not the connection's.
    Reader__ClientAddressHeader: 'X-Forwarded-For'
    FetchSchedule: fetchSchedule
    ReconcileSchedule: reconcileSchedule
    Storage__DeadLetterContainer: deadLetterContainerName
    Feeds: feeds
  }
}

// Deployments (azd, Core Tools, zip deploy) authenticate with Entra ID; basic publishing credentials stay off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
