// Pawtrack on Azure: the hexagon's use cases in one Function App (Flex Consumption, Python 3.11)
// behind HTTP, IoT Hub, Event Grid and a Storage Queue, keeping their data in one storage
// account (table, blob container, jobs queue) and Entra ID.
//
//   az deployment group create -g <group> -f infra/azure/main.bicep -p stage=dev entraTenantId=... ...
//
// Secrets are never in this file nor in its parameters: the connection strings and keys of the
// resources made here go from their listKeys() straight into Key Vault, and the app settings
// hold Key Vault references to them. The Graph client secret is put into the vault by hand
// (README.md, "Deploying to Azure"); only its secret name is a parameter.
// Every app setting that entrypoints/settings.py's AzureSettings.from_environment requires is
// set below (tests/test_bicep.py holds the two to each other).

targetScope = 'resourceGroup'

@description('Which deployment this is; it names the resources and picks the settings of `stages`.')
@allowed(['dev', 'test', 'prod'])
param stage string = 'dev'

@description('Where everything goes; the resource group\'s region by default.')
param location string = resourceGroup().location

@description('The Entra tenant of Pawtrack\'s app registration (its tokens\' issuer).')
param entraTenantId string

@description('The API\'s audience: the application ID URI or client id of the API app registration (tokens\' `aud`).')
param apiAudience string

@description('The client id of the mobile app\'s registration: its tokens (`azp`) are the owners\' own.')
param mobileClientId string

@description('The id of the API\'s `Pawtrack.Admin` app role; empty: looked up by its value at run time.')
param adminRoleId string = ''

@description('Further tenants whose tokens the API accepts; none: the home tenant only.')
param allowedTenants array = []

@description('The client id of the app registration that reads users through Microsoft Graph (User.Read.All), and deletes an owner who erases their account (User.ReadWrite.All, User.DeleteRestore.All).')
param graphClientId string

@description('The name of the Key Vault secret holding that registration\'s client secret (set it after the first deployment).')
param graphClientSecretName string = 'graph-client-secret'

@description('Subscribe the functions to Event Grid. The subscriptions need the functions published first: deploy with false, `func azure functionapp publish`, then deploy again with true.')
param deployEventSubscriptions bool = false

@description('The Contentful content type whose entries are advice articles.')
param contentType string = 'article'

@description('The Contentful locales stored, comma-separated, the default first.')
param contentLocales string = 'en-US'

// Names the code reads; they agree with AzureSettings' defaults (tests/test_bicep.py).
var tableName = 'pawtrack'
var blobContainerName = 'pawtrack'
var jobsQueueName = 'pawtrack-jobs'
var webPubSubHubName = 'live'
var iotConsumerGroupName = 'functions'
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'deadletter'

// Everything that differs between stages.
var stages = {
  dev: {
    logRetentionDays: 30
    bundleRetentionDays: 7
    maximumInstanceCount: 40
    storageSku: 'Standard_LRS'
    iotHubSku: 'B1'
    notificationHubSku: 'Free'
    webPubSubSku: 'Free_F1'
    purgeProtection: false
  }
  test: {
    logRetentionDays: 30
    bundleRetentionDays: 7
    maximumInstanceCount: 40
    storageSku: 'Standard_LRS'
    iotHubSku: 'B1'
    notificationHubSku: 'Basic'
    webPubSubSku: 'Standard_S1'
    purgeProtection: false
  }
  prod: {
    logRetentionDays: 365
    bundleRetentionDays: 30
    maximumInstanceCount: 100
    storageSku: 'Standard_ZRS'
    iotHubSku: 'S1'
    notificationHubSku: 'Standard'
    webPubSubSku: 'Standard_S1'
    purgeProtection: true
  }
}
var settings = stages[stage]
var prefix = 'pawtrack-${stage}'
var suffix = uniqueString(resourceGroup().id, stage)
var functionAppName = '${prefix}-${suffix}'

// Built-in roles the Function App's identity is given.
var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

// ---------------------------------------------------------------- monitoring
resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${prefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: settings.logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${prefix}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// ---------------------------------------------------------------- storage: table, blobs, jobs queue
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  // checkov:skip=CKV_AZURE_35: phones PUT bundles and photos to SAS links from anywhere: the account must answer the internet (SAS and TLS guard it)
  // checkov:skip=CKV_AZURE_43: take('pt<stage><suffix>', 24) is lower-case letters and digits, 3 to 24 of them; the check cannot read an expression
  // checkov:skip=CKV_AZURE_206: settings.storageSku replicates per stage (the check cannot read it); data is re-creatable or kept in Tables' own replicas
  name: take('pt${stage}${suffix}', 24)
  location: location
  kind: 'StorageV2'
  sku: { name: settings.storageSku }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    // The adapters sign SAS links for uploads and downloads with the account key.
    allowSharedKeyAccess: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource blobContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: blobContainerName
  properties: { publicAccess: 'None' }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

// Events Event Grid could not deliver after its retries (the EventBridge rule's DLQ on AWS).
resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deadLetterContainerName
  properties: { publicAccess: 'None' }
}

// Bundles are processed within minutes; their report is kept in the table.
resource bundleRetention 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-bundles'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${blobContainerName}/bundles/']
            }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: settings.bundleRetentionDays } }
            }
          }
        }
      ]
    }
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource jobsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: jobsQueueName
}

// The host moves a job that failed maxDequeueCount (host.json: 5) times here, creating the
// queue if need be; declared so that it exists to be watched (and alerted on) from the start.
resource jobsPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: '${jobsQueueName}-poison'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: tableName
}

// ---------------------------------------------------------------- Event Grid
resource storageEvents 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: '${prefix}-storage-events'
  location: location
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource bundlesCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2024-06-01-preview' = if (deployEventSubscriptions) {
  parent: storageEvents
  name: 'bundles-created'
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionApp.id}/functions/bundles_created'
        maxEventsPerBatch: 1
      }
    }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/${blobContainerName}/blobs/bundles/'
      subjectEndsWith: '.jsonl'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 }
    deadLetterDestination: {
      endpointType: 'StorageBlob'
      properties: { resourceId: storage.id, blobContainerName: deadLetterContainerName }
    }
  }
}

// Pawtrack's domain events (GoalReached, BatteryLow, ActivityUpdated), in the Event Grid schema.
resource domainEvents 'Microsoft.EventGrid/topics@2024-06-01-preview' = {
  // checkov:skip=CKV_AZURE_192: the functions publish with the topic key (kept in Key Vault): local authentication must stay on
  // checkov:skip=CKV_AZURE_193: the Function App (Flex Consumption, no virtual network) publishes over the public endpoint
  name: '${prefix}-events-${suffix}'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    inputSchema: 'EventGridSchema'
    publicNetworkAccess: 'Enabled'
  }
}

resource announceEvents 'Microsoft.EventGrid/topics/eventSubscriptions@2024-06-01-preview' = if (deployEventSubscriptions) {
  parent: domainEvents
  name: 'announce'
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionApp.id}/functions/events_announce'
        maxEventsPerBatch: 1
      }
    }
    filter: { includedEventTypes: ['GoalReached', 'BatteryLow', 'ActivityUpdated'] }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 }
    deadLetterDestination: {
      endpointType: 'StorageBlob'
      properties: { resourceId: storage.id, blobContainerName: deadLetterContainerName }
    }
  }
}

// ---------------------------------------------------------------- IoT Hub
resource iotHub 'Microsoft.Devices/IotHubs@2023-06-30' = {
  name: '${prefix}-iot-${suffix}'
  location: location
  sku: { name: settings.iotHubSku, capacity: 1 }
  properties: {
    eventHubEndpoints: {
      events: { retentionTimeInDays: 1, partitionCount: 4 }
    }
    routing: {
      // Device telemetry to the built-in Event Hub-compatible endpoint, which the iot function reads.
      routes: [
        {
          name: 'telemetry-to-functions'
          source: 'DeviceMessages'
          condition: 'true'
          endpointNames: ['events']
          isEnabled: true
        }
      ]
      fallbackRoute: {
        name: '$fallback'
        source: 'DeviceMessages'
        condition: 'true'
        endpointNames: ['events']
        isEnabled: true
      }
    }
  }
}

resource iotConsumerGroup 'Microsoft.Devices/IotHubs/eventHubEndpoints/ConsumerGroups@2023-06-30' = {
  name: '${iotHub.name}/events/${iotConsumerGroupName}'
  properties: { name: iotConsumerGroupName }
}

// ---------------------------------------------------------------- push and live updates
resource notificationNamespace 'Microsoft.NotificationHubs/namespaces@2023-09-01' = {
  name: '${prefix}-push-${suffix}'
  location: location
  sku: { name: settings.notificationHubSku }
  properties: { namespaceType: 'NotificationHub' }
}

// APNs and FCM credentials are secrets: set on the hub after deployment (README.md), never here.
resource notificationHub 'Microsoft.NotificationHubs/namespaces/notificationHubs@2023-09-01' = {
  parent: notificationNamespace
  name: 'pawtrack'
  location: location
  properties: {}
}

// Listen to register phones' installations, Send to push to them.
resource notificationAccess 'Microsoft.NotificationHubs/namespaces/notificationHubs/authorizationRules@2023-09-01' = {
  parent: notificationHub
  name: 'pawtrack-functions'
  properties: { rights: ['Listen', 'Send'] }
}

resource webPubSub 'Microsoft.SignalRService/webPubSub@2024-03-01' = {
  name: '${prefix}-live-${suffix}'
  location: location
  sku: { name: settings.webPubSubSku, capacity: 1 }
  identity: { type: 'SystemAssigned' }
  properties: {}
}

// Clients connect with the token GET /live/negotiate gives them; no event handlers: they only receive.
resource liveHub 'Microsoft.SignalRService/webPubSub/hubs@2024-03-01' = {
  parent: webPubSub
  name: webPubSubHubName
  properties: { anonymousConnectPolicy: 'deny' }
}

// ---------------------------------------------------------------- Key Vault: every secret
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  // checkov:skip=CKV_AZURE_109: the Function App (Flex Consumption, no virtual network) reads its references over the public endpoint; RBAC guards every secret
  // checkov:skip=CKV_AZURE_189: public network access stays on for the Function App without a virtual network, as for CKV_AZURE_109
  // checkov:skip=CKV_AZURE_110: purge protection is on in prod (settings.purgeProtection); dev and test vaults must be deletable at once
  // checkov:skip=CKV_AZURE_42: soft delete is on (90 days); purge protection as CKV_AZURE_110
  name: '${prefix}-${take(suffix, 6)}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: settings.purgeProtection ? true : null
  }
}

var storageKey = storage.listKeys().keys[0].value
var iotServiceKey = listKeys(resourceId('Microsoft.Devices/IotHubs/IotHubKeys', iotHub.name, 'service'), '2023-06-30').primaryKey

resource storageConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  // checkov:skip=CKV_AZURE_41: a connection string lives as long as its key; an expiry would stop the app without rotating anything
  parent: vault
  name: 'storage-connection'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storageKey};EndpointSuffix=${environment().suffixes.storage}'
    contentType: 'text/plain'
  }
}

resource eventGridKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  // checkov:skip=CKV_AZURE_41: a connection string lives as long as its key; an expiry would stop the app without rotating anything
  parent: vault
  name: 'eventgrid-key'
  properties: { value: domainEvents.listKeys().key1, contentType: 'text/plain' }
}

resource notificationHubConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  // checkov:skip=CKV_AZURE_41: a connection string lives as long as its key; an expiry would stop the app without rotating anything
  parent: vault
  name: 'notification-hub-connection'
  properties: { value: notificationAccess.listKeys().primaryConnectionString, contentType: 'text/plain' }
}

resource webPubSubConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  // checkov:skip=CKV_AZURE_41: a connection string lives as long as its key; an expiry would stop the app without rotating anything
  parent: vault
  name: 'webpubsub-connection'
  properties: { value: webPubSub.listKeys().primaryConnectionString, contentType: 'text/plain' }
}

// The built-in endpoint's Event Hub-compatible connection string, with the `service` policy's key.
resource iotEventsConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  // checkov:skip=CKV_AZURE_41: a connection string lives as long as its key; an expiry would stop the app without rotating anything
  parent: vault
  name: 'iot-events-connection'
  properties: {
    value: 'Endpoint=${iotHub.properties.eventHubEndpoints.events.endpoint};SharedAccessKeyName=service;SharedAccessKey=${iotServiceKey};EntityPath=${iotHub.properties.eventHubEndpoints.events.path}'
    contentType: 'text/plain'
  }
}

// ---------------------------------------------------------------- the Function App
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  // checkov:skip=CKV_AZURE_225: Flex Consumption places instances itself; zone redundancy is a Premium plan's, at a standing cost
  name: '${prefix}-plan'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  // checkov:skip=CKV_AZURE_17: callers are phones and apps with bearer tokens and API keys, not client certificates
  // checkov:skip=CKV_AZURE_212: Flex Consumption scales from zero: a standing instance is a standing bill
  // checkov:skip=CKV_AZURE_213: no health check: the platform replaces a failing Flex Consumption instance itself
  // checkov:skip=CKV_AZURE_222: the app is the public API
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: settings.maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: { name: 'python', version: '3.11' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
      ftpsState: 'Disabled'
      appSettings: [
        // The host's own storage (leases, checkpoints, timers), reached with the app's identity.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // What AzureSettings.from_environment reads.
        { name: 'PAWTRACK_CLOUD', value: 'azure' }
        { name: 'PAWTRACK_STORAGE_CONNECTION', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${storageConnection.name})' }
        { name: 'PAWTRACK_TABLE', value: tableName }
        { name: 'PAWTRACK_BLOB_CONTAINER', value: blobContainerName }
        { name: 'PAWTRACK_JOBS_QUEUE', value: jobsQueueName }
        { name: 'PAWTRACK_EVENTGRID_ENDPOINT', value: domainEvents.properties.endpoint }
        { name: 'PAWTRACK_EVENTGRID_KEY', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${eventGridKey.name})' }
        { name: 'PAWTRACK_NOTIFICATION_HUB_CONNECTION', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${notificationHubConnection.name})' }
        { name: 'PAWTRACK_NOTIFICATION_HUB', value: notificationHub.name }
        { name: 'PAWTRACK_WEBPUBSUB_CONNECTION', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${webPubSubConnection.name})' }
        { name: 'PAWTRACK_WEBPUBSUB_HUB', value: liveHub.name }
        { name: 'PAWTRACK_ENTRA_TENANT_ID', value: entraTenantId }
        { name: 'PAWTRACK_ENTRA_AUDIENCE', value: apiAudience }
        { name: 'PAWTRACK_ENTRA_MOBILE_CLIENT_ID', value: mobileClientId }
        { name: 'PAWTRACK_ENTRA_ADMIN_ROLE_ID', value: adminRoleId }
        { name: 'PAWTRACK_ENTRA_ALLOWED_TENANTS', value: empty(allowedTenants) ? entraTenantId : join(allowedTenants, ',') }
        { name: 'PAWTRACK_CONTENT_TYPE', value: contentType }
        { name: 'PAWTRACK_CONTENT_LOCALES', value: contentLocales }
        { name: 'PAWTRACK_GRAPH_CLIENT_ID', value: graphClientId }
        { name: 'PAWTRACK_GRAPH_CLIENT_SECRET', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${graphClientSecretName})' }
        // What the triggers' bindings name (entrypoints/azure_functions: iot.py, jobs.py).
        { name: 'PAWTRACK_IOT_CONNECTION', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${iotEventsConnection.name})' }
        { name: 'PAWTRACK_IOT_EVENTHUB', value: iotHub.properties.eventHubEndpoints.events.path }
        { name: 'PAWTRACK_IOT_CONSUMER_GROUP', value: iotConsumerGroupName }
      ]
    }
  }
  dependsOn: [deploymentContainer, jobsQueue, jobsPoisonQueue, table, blobContainer, iotConsumerGroup]
}

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, functionApp.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
    scope: storage
    name: guid(storage.id, functionApp.id, role)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: functionApp.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

output functionAppName string = functionApp.name
output apiUrl string = 'https://${functionApp.properties.defaultHostName}'
output vaultName string = vault.name
output iotHubName string = iotHub.name
output notificationHubNamespace string = notificationNamespace.name
output webPubSubHost string = webPubSub.properties.hostName
output eventGridTopicEndpoint string = domainEvents.properties.endpoint
