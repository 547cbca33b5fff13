// Log Analytics and workspace-based Application Insights, both without local (key) authentication: telemetry is
// accepted only from identities holding Monitoring Metrics Publisher.
param location string
param tags object
param logAnalyticsName string
param applicationInsightsName string

@minValue(30)
@description('Days of logs kept; 30 is the free retention.')
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
output logAnalyticsId string = logAnalytics.id
