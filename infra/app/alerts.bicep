// What an operator is told about (docs/operations.md, "Watching it in Azure"): one action group, metric alerts on what the platform
// measures, log alerts on the storage request logs and the app's own metrics, and a probe of /api/health. Every
// alert names the queue, metric or table it watches; tests/NewsPipeline.Tests/Infra checks that each one exists.
param location string
param tags object

@description('Prefix of the alert and action group names (the deployment\'s resource token).')
param namePrefix string

@description('E-mail address that receives the alerts. Empty: the action group has no receiver and alerts show in the portal only.')
param alertEmail string = ''

param logAnalyticsName string
param applicationInsightsName string
param storageAccountName string
param systemTopicName string

@description('The scheduler\'s queue (ScheduleFeeds sends, FetchFeeds receives).')
param fetchQueueName string

@description('Where the host moves a fetch message after maxDequeueCount deliveries.')
param poisonQueueName string

@description('Absolute URL of the health endpoint the availability test asks.')
param healthUrl string

@minValue(1)
@description('Messages waiting in the account\'s queues (hourly capacity metric) above which the fetch backlog alert fires.')
param backlogMessages int = 1000

@minValue(1)
@description('Failed invocations or 5xx answers in 15 minutes above which the failures alert fires.')
param failedRequests int = 10

@minValue(1)
@maxValue(6)
@description('Hours in a row with at least one failing feed before the failing-feeds alert fires (a log alert looks back 6 windows at most).')
param feedFailingHours int = 2

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: logAnalyticsName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'
  }
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${namePrefix}'
  // Action groups are global resources.
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'newspipe'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'operator'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

var actions = [
  {
    actionGroupId: actionGroup.id
  }
]

// A message the fetch workers failed maxDequeueCount times: the host put it on the poison queue, FetchFeedsPoisoned
// records the feeds as poisoned. Read from the queue's request logs, so it fires even if the app's telemetry is down.
resource poisonAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-${namePrefix}-fetch-poisoned'
  location: location
  tags: tags
  properties: {
    displayName: 'Fetch messages poisoned'
    description: 'The host moved a message to ${poisonQueueName} after its deliveries failed: docs/operations.md, "Watching it in Azure".'
    severity: 2
    enabled: true
    scopes: [
      logAnalytics.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          // Also matches "-poison-poison", where a message FetchFeedsPoisoned itself failed on goes.
          query: 'StorageQueueLogs | where OperationName == "PutMessage" and Uri contains "/${poisonQueueName}"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

// Messages go in and none come out: no worker takes them (the app is stopped, cannot start, or cannot reach the
// queue), so every due feed waits. Thirty minutes is the age of the oldest message when this fires.
resource stalledAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-${namePrefix}-fetch-stalled'
  location: location
  tags: tags
  properties: {
    displayName: 'Fetch queue not drained'
    description: 'Messages were sent to ${fetchQueueName} for 30 minutes and none was completed: docs/operations.md, "Watching it in Azure".'
    severity: 1
    enabled: true
    scopes: [
      logAnalytics.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'StorageQueueLogs | where Uri contains "/${fetchQueueName}/messages" | summarize Sent = countif(OperationName == "PutMessage"), Done = countif(OperationName == "DeleteMessage") | where Sent > 0 and Done == 0'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

// Some feed failed in each of the last hours (newspipeline.feeds.failed, PipelineMetrics); /api/feeds says which.
resource failingFeedsAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-${namePrefix}-feeds-failing'
  location: location
  tags: tags
  properties: {
    displayName: 'Feeds failing'
    description: 'At least one feed failed in each of the last ${feedFailingHours} hours: docs/operations.md, "Watching it in Azure".'
    severity: 3
    enabled: true
    scopes: [
      logAnalytics.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'AppMetrics | where Name == "newspipeline.feeds.failed"'
          timeAggregation: 'Total'
          metricMeasureColumn: 'Sum'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: feedFailingHours
            minFailingPeriodsToAlert: feedFailingHours
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

// Queue metrics are per account and hourly; the other queues (the host's) are near empty, so this is the fetch backlog.
resource backlogAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'alert-${namePrefix}-fetch-backlog'
  location: 'global'
  tags: tags
  properties: {
    description: 'More than ${backlogMessages} messages wait in the queues (${fetchQueueName}): docs/operations.md, "Watching it in Azure".'
    severity: 2
    enabled: true
    scopes: [
      storageAccount::queueService.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT6H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'backlog'
          metricNamespace: 'Microsoft.Storage/storageAccounts/queueServices'
          metricName: 'QueueMessageCount'
          timeAggregation: 'Average'
          operator: 'GreaterThan'
          threshold: backlogMessages
        }
      ]
    }
    actions: actions
  }
}

// Failed function invocations (any trigger) and API answers of 500 and above, as Application Insights counts requests.
resource failuresAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'alert-${namePrefix}-failures'
  location: 'global'
  tags: tags
  properties: {
    description: 'More than ${failedRequests} failed invocations or 5xx answers in 15 minutes: docs/operations.md, "Watching it in Azure".'
    severity: 2
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'failed'
          metricNamespace: 'Microsoft.Insights/components'
          metricName: 'requests/failed'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: failedRequests
        }
      ]
    }
    actions: actions
  }
}

// Storage answering with server errors or timeouts: every function fails with it, and nothing in the app can help.
resource storageAvailabilityAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'alert-${namePrefix}-storage-availability'
  location: 'global'
  tags: tags
  properties: {
    description: 'The storage account answered under 99 % of requests successfully: docs/operations.md, "Watching it in Azure".'
    severity: 1
    enabled: true
    scopes: [
      storageAccount.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'availability'
          metricNamespace: 'Microsoft.Storage/storageAccounts'
          metricName: 'Availability'
          timeAggregation: 'Average'
          operator: 'LessThan'
          threshold: 99
        }
      ]
    }
    actions: actions
  }
}

// Blob events Event Grid gave up on: those articles were written but never parsed (`newsfeed reindex` catches up).
resource deadLetterAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'alert-${namePrefix}-dead-lettered'
  location: 'global'
  tags: tags
  properties: {
    description: 'Event Grid dead-lettered blob events meant for ParseArticle: docs/operations.md, "Watching it in Azure".'
    severity: 2
    enabled: true
    scopes: [
      systemTopic.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'deadLettered'
          metricNamespace: 'Microsoft.EventGrid/systemTopics'
          metricName: 'DeadLetteredCount'
          timeAggregation: 'Total'
          operator: 'GreaterThan'
          threshold: 0
        }
      ]
    }
    actions: actions
  }
}

// A standard availability test from three regions; GET /api/health answers 200 only when the app reaches its storage.
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: 'webtest-${namePrefix}-health'
  location: location
  // Application Insights lists a test under the component this tag names.
  tags: union(tags, { 'hidden-link:${applicationInsights.id}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: 'webtest-${namePrefix}-health'
    Name: 'GET /api/health'
    Kind: 'standard'
    Enabled: true
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    Locations: [
      {
        Id: 'us-va-ash-azr'
      }
      {
        Id: 'emea-nl-ams-azr'
      }
      {
        Id: 'apac-sg-sin-azr'
      }
    ]
    Request: {
      RequestUrl: healthUrl
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource healthAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'alert-${namePrefix}-health'
  location: 'global'
  tags: union(tags, { 'hidden-link:${applicationInsights.id}': 'Resource', 'hidden-link:${healthTest.id}': 'Resource' })
  properties: {
    description: 'GET /api/health failed from two or more locations: docs/operations.md, "Watching it in Azure".'
    severity: 1
    enabled: true
    scopes: [
      healthTest.id
      applicationInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: applicationInsights.id
      failedLocationCount: 2
    }
    actions: actions
  }
}
