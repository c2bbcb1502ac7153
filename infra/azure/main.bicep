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

@description('The object id of that registration\'s service principal: it keeps the signing secrets of apps\' webhook subscriptions in the vault (Key Vault Secrets Officer). Empty: apps cannot subscribe.')
param graphPrincipalId string = ''

@description('Whether the Notification Hub has its APNs and FCM credentials (set on the hub, never here). Without them pushes go to the log (DEV).')
param pushConfigured bool = false

@description('Who is told when an alert fires or the budget is about to be spent; empty: the action group mails nobody yet.')
param alarmEmail string = ''

@description('The resource group\'s monthly budget in the subscription\'s currency; it warns at 80 % spent and 100 % forecast.')
@minValue(1)
param monthlyBudget int = 25

@description('The first day of the budget: the current month, as the deployment runs.')
param budgetStartDate string = utcNow('yyyy-MM-01')

@description('Subscribe the functions to Event Grid. The subscriptions need the functions published first: deploy with false, `func azure functionapp publish`, then deploy again with true.')
param deployEventSubscriptions bool = false

@description('The IoT Hub tier and its number of units; empty: the stage\'s (see `stages`). `pawtrack cost` names the cheapest for a fleet: the basic tiers carry device telemetry, all Pawtrack uses, for a fifth of the standard tiers\' price.')
@allowed(['', 'F1', 'B1', 'B2', 'B3', 'S1', 'S2', 'S3'])
param iotHubSku string = ''

@description('IoT Hub units (with iotHubSku); 0: the stage\'s.')
@minValue(0)
@maxValue(200)
param iotHubUnits int = 0

@description('The Contentful content type whose entries are advice articles.')
param contentType string = 'article'

@description('The Contentful locales stored, comma-separated, the default first.')
param contentLocales string = 'en-US'

// Names the code reads; they agree with AzureSettings' defaults (tests/test_bicep.py).
// The vault's secret holding the Durable extension's system key (deploy/azure.sh writes it).
var durableKeySecretName = 'durable-system-key'
var tableName = 'pawtrack'
var blobContainerName = 'pawtrack'
var jobsQueueName = 'pawtrack-jobs'
var webPubSubHubName = 'live'
var iotConsumerGroupName = 'functions'
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'deadletter'
var poisonContainerName = 'poison'

// Everything that differs between stages. The readings' batches (iot_readings): the most
// messages a batch holds, and how long the host waits for at least `readingsMinBatch` of them:
// the batching window, which a live update waits at most (0: each batch as it comes, as soon as
// it comes; README.md, "What it costs", says what each costs).
var stages = {
  dev: {
    logRetentionDays: 30
    bundleRetentionDays: 7
    maximumInstanceCount: 40
    storageSku: 'Standard_LRS'
    iotHubSku: 'B1'
    iotHubUnits: 1
    readingsMaxBatch: 100
    readingsMinBatch: 1
    readingsWindow: '00:00:00'
    notificationHubSku: 'Free'
    webPubSubSku: 'Free_F1'
    purgeProtection: false
    alertFrequency: 'PT15M' // a log alert evaluated every 15 minutes costs a third of one every 5
  }
  test: {
    logRetentionDays: 30
    bundleRetentionDays: 7
    maximumInstanceCount: 40
    storageSku: 'Standard_LRS'
    iotHubSku: 'B1'
    iotHubUnits: 1
    readingsMaxBatch: 1000
    readingsMinBatch: 100
    readingsWindow: '00:00:05'
    notificationHubSku: 'Basic'
    webPubSubSku: 'Standard_S1'
    purgeProtection: false
    alertFrequency: 'PT15M'
  }
  prod: {
    logRetentionDays: 365
    bundleRetentionDays: 30
    maximumInstanceCount: 100
    storageSku: 'Standard_ZRS'
    iotHubSku: 'B2'
    iotHubUnits: 1
    readingsMaxBatch: 1000
    readingsMinBatch: 500
    readingsWindow: '00:00:20'
    notificationHubSku: 'Standard'
    webPubSubSku: 'Standard_S1'
    purgeProtection: true
    alertFrequency: 'PT5M'
  }
}
var settings = stages[stage]
var prefix = 'pawtrack-${stage}'
var suffix = uniqueString(resourceGroup().id, stage)
var functionAppName = '${prefix}-${suffix}'

// Built-in roles the Function App's identity is given.
var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
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

// IoT Hub messages the iot_readings function could not record after its retries (Event Hubs
// keeps no dead letters): kept until an operator replays them (BlobStorageDeadLetters).
resource poisonContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: poisonContainerName
  properties: { publicAccess: 'None' }
}

// Bundles are processed within minutes; their report is kept in the table. An owner's export
// (and the mark of one asked for) is deleted after 7 days.
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
        {
          name: 'expire-exports'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${blobContainerName}/exports/']
            }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: 7 } }
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

// Pawtrack's domain events (GoalReached, BatteryLow, LeftSafeZone, ActivityUpdated), in the Event Grid schema.
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
    filter: { includedEventTypes: ['GoalReached', 'BatteryLow', 'LeftSafeZone', 'ActivityUpdated'] }
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
  sku: {
    name: empty(iotHubSku) ? settings.iotHubSku : iotHubSku
    capacity: iotHubUnits == 0 ? settings.iotHubUnits : iotHubUnits
  }
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

// What an app setting holds instead of each secret: a Key Vault reference, which the platform
// resolves with the app's identity. Spelt out, not a user-defined function: checkov's Bicep
// parser (pycep) reads no `func`.
var vaultReferences = {
  storage: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${storageConnection.name})'
  eventGrid: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${eventGridKey.name})'
  notificationHub: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${notificationHubConnection.name})'
  webPubSub: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${webPubSubConnection.name})'
  graph: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${graphClientSecretName})'
  // The Durable extension's system key (deploy/azure.sh copies it in once the host made it).
  durable: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${durableKeySecretName})'
  iotEvents: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${iotEventsConnection.name})'
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
        // The `service` of every telemetry line (adapters/azure/opentelemetry_telemetry.py).
        { name: 'PAWTRACK_SERVICE', value: prefix }
        // What AzureSettings.from_environment reads.
        { name: 'PAWTRACK_CLOUD', value: 'azure' }
        { name: 'PAWTRACK_STORAGE_CONNECTION', value: vaultReferences.storage }
        { name: 'PAWTRACK_TABLE', value: tableName }
        { name: 'PAWTRACK_BLOB_CONTAINER', value: blobContainerName }
        { name: 'PAWTRACK_POISON_CONTAINER', value: poisonContainerName }
        { name: 'PAWTRACK_JOBS_QUEUE', value: jobsQueueName }
        { name: 'PAWTRACK_EVENTGRID_ENDPOINT', value: domainEvents.properties.endpoint }
        { name: 'PAWTRACK_EVENTGRID_KEY', value: vaultReferences.eventGrid }
        // Empty without APNs and FCM credentials on the hub: pushes then go to the log.
        { name: 'PAWTRACK_NOTIFICATION_HUB_CONNECTION', value: pushConfigured ? vaultReferences.notificationHub : '' }
        { name: 'PAWTRACK_NOTIFICATION_HUB', value: notificationHub.name }
        { name: 'PAWTRACK_WEBPUBSUB_CONNECTION', value: vaultReferences.webPubSub }
        { name: 'PAWTRACK_WEBPUBSUB_HUB', value: liveHub.name }
        { name: 'PAWTRACK_ENTRA_TENANT_ID', value: entraTenantId }
        { name: 'PAWTRACK_ENTRA_AUDIENCE', value: apiAudience }
        { name: 'PAWTRACK_ENTRA_MOBILE_CLIENT_ID', value: mobileClientId }
        // Entra returns owners connecting a third-party app to the API's /oauth/login.
        { name: 'PAWTRACK_PUBLIC_URL', value: 'https://${functionAppName}.azurewebsites.net' }
        // The app-approval orchestration (Durable Functions, entrypoints/azure_functions/approvals.py):
        // its task hub in the app's storage, started and told of decisions through the extension's API.
        { name: 'PAWTRACK_DURABLE_URL', value: 'https://${functionAppName}.azurewebsites.net' }
        { name: 'PAWTRACK_DURABLE_KEY', value: vaultReferences.durable }
        { name: 'PAWTRACK_DURABLE_TASK_HUB', value: replace('${prefix}approvals', '-', '') }
        // Where the signing secrets of apps' subscriptions are kept (the backend's app
        // registration, graphClientId, holds the vault's Key Vault Secrets Officer role).
        { name: 'PAWTRACK_VAULT_URL', value: vault.properties.vaultUri }
        { name: 'PAWTRACK_ENTRA_ADMIN_ROLE_ID', value: adminRoleId }
        { name: 'PAWTRACK_ENTRA_ALLOWED_TENANTS', value: empty(allowedTenants) ? entraTenantId : join(allowedTenants, ',') }
        { name: 'PAWTRACK_CONTENT_TYPE', value: contentType }
        { name: 'PAWTRACK_CONTENT_LOCALES', value: contentLocales }
        { name: 'PAWTRACK_GRAPH_CLIENT_ID', value: graphClientId }
        { name: 'PAWTRACK_GRAPH_CLIENT_SECRET', value: vaultReferences.graph }
        // What the triggers' bindings name (entrypoints/azure_functions: iot.py, jobs.py).
        { name: 'PAWTRACK_IOT_CONNECTION', value: vaultReferences.iotEvents }
        { name: 'PAWTRACK_IOT_EVENTHUB', value: iotHub.properties.eventHubEndpoints.events.path }
        { name: 'PAWTRACK_IOT_CONSUMER_GROUP', value: iotConsumerGroupName }
        // The readings' batches, per stage (host.json holds the defaults these override).
        { name: 'AzureFunctionsJobHost__extensions__eventHubs__maxEventBatchSize', value: string(settings.readingsMaxBatch) }
        { name: 'AzureFunctionsJobHost__extensions__eventHubs__minEventBatchSize', value: string(settings.readingsMinBatch) }
        { name: 'AzureFunctionsJobHost__extensions__eventHubs__maxWaitTime', value: settings.readingsWindow }
      ]
    }
  }
  dependsOn: [deploymentContainer, jobsQueue, jobsPoisonQueue, table, blobContainer, poisonContainer, iotConsumerGroup]
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

resource webhookSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(graphPrincipalId)) {
  scope: vault
  name: guid(vault.id, graphPrincipalId, roles.keyVaultSecretsOfficer)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: graphPrincipalId
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

// ---------------------------------------------------------------- operations: alerts, budget, workbook
// Every alert tells the action group (e-mail: alarmEmail). README.md, "When an alarm fires", says
// where to look for each; tests/test_alarms.py holds every queue and function to an alert.
// The log alerts read Application Insights: `requests` (one row per function invocation, written
// by the Functions host), `traces` (the JSON lines of adapters/azure/opentelemetry_telemetry.py,
// forwarded by the host) and `customMetrics` (the OpenTelemetry metrics).
resource alarms 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${prefix}-alarms'
  location: 'global'
  properties: {
    groupShortName: take('pt${stage}', 12)
    enabled: true
    emailReceivers: empty(alarmEmail) ? [] : [
      { name: 'operator', emailAddress: alarmEmail, useCommonAlertSchema: true }
    ]
  }
}

// Platform metrics: the storage account's throttling (DynamoDB's throttled requests on AWS), IoT
// Hub's throttled and dropped telemetry (the IoT rule's errors), Event Grid's dead letters (the
// failed-deliveries queue).
var metricAlerts = [
  {
    name: 'storage-throttled'
    description: 'Table, blob or queue requests were throttled (the adapters retried; a retry may have failed).'
    scope: storage.id
    namespace: 'Microsoft.Storage/storageAccounts'
    metric: 'Transactions'
    dimensions: [{ name: 'ResponseType', operator: 'Include', values: ['ServerBusyError', 'ClientThrottlingError'] }]
  }
  {
    name: 'iot-throttled'
    description: 'IoT Hub throttled device telemetry (trackers must resend).'
    scope: iotHub.id
    namespace: 'Microsoft.Devices/IotHubs'
    metric: 'd2c.telemetry.ingress.sendThrottle'
    dimensions: []
  }
  {
    name: 'iot-dropped'
    description: 'IoT Hub dropped telemetry that no route took (readings lost).'
    scope: iotHub.id
    namespace: 'Microsoft.Devices/IotHubs'
    metric: 'd2c.telemetry.egress.dropped'
    dimensions: []
  }
  {
    name: 'domain-events-dead-lettered'
    description: 'Event Grid gave up delivering a domain event to events_announce: it waits in the deadletter container.'
    scope: domainEvents.id
    namespace: 'Microsoft.EventGrid/topics'
    metric: 'DeadLetteredCount'
    dimensions: []
  }
  {
    name: 'storage-events-dead-lettered'
    description: 'Event Grid gave up delivering an uploaded bundle to bundles_created: it waits in the deadletter container.'
    scope: storageEvents.id
    namespace: 'Microsoft.EventGrid/systemTopics'
    metric: 'DeadLetteredCount'
    dimensions: []
  }
]

resource platformAlerts 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for alert in metricAlerts: {
    name: '${prefix}-${alert.name}'
    location: 'global'
    properties: {
      description: alert.description
      severity: 2
      enabled: true
      scopes: [alert.scope]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT5M'
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: alert.name
            metricNamespace: alert.namespace
            metricName: alert.metric
            dimensions: alert.dimensions
            operator: 'GreaterThanOrEqual'
            threshold: 1
            timeAggregation: 'Total'
          }
        ]
      }
      actions: [{ actionGroupId: alarms.id }]
    }
  }
]

// Log alerts: each query's one number over the last period (15 minutes, 5 in prod), compared
// with its threshold at the end of each period.
var logAlerts = [
  {
    name: 'function-failures'
    description: 'A function failed (every function: the host writes each invocation to requests; operation_Name names it).'
    query: 'requests | where success == false | summarize failures = count() by operation_Name'
    measure: 'failures'
    splitBy: ['operation_Name']
    threshold: 0
  }
  {
    name: 'http-5xx-rate'
    description: 'More than 5 % of the API\'s answers are 5xx (over at least 20 requests in 5 minutes).'
    query: 'requests | where operation_Name startswith "http_" or operation_Name == "live_negotiate" | summarize total = count(), failed = countif(toint(resultCode) >= 500) | extend rate = iff(total >= 20, todouble(failed) / total, 0.0)'
    measure: 'rate'
    splitBy: []
    threshold: json('0.05')
  }
  {
    name: 'http-throttled'
    description: 'The API answered 429: the Function App hit its instance limit (maximumInstanceCount).'
    query: 'requests | where operation_Name startswith "http_" and resultCode == "429" | summarize throttled = count()'
    measure: 'throttled'
    splitBy: []
    threshold: 0
  }
  {
    name: 'http-latency-p99'
    description: 'The API\'s p99 latency is above 3 s (a slow store or a cold start storm).'
    query: 'requests | where operation_Name startswith "http_" | summarize p99 = percentile(duration, 99)'
    measure: 'p99'
    splitBy: []
    threshold: 3000
  }
  {
    name: 'jobs-retried'
    description: 'Bundle jobs fail and are retried from the ${jobsQueueName} queue (their job-retried lines say why).'
    query: 'traces | where message has "job-retried" | summarize retried = count()'
    measure: 'retried'
    splitBy: []
    threshold: 4
  }
  {
    name: 'jobs-dead-lettered'
    description: 'A bundle job failed 5 times and the host moved it to ${jobsQueueName}-poison (its job-dead-lettered line says why).'
    query: 'traces | where message has "job-dead-lettered" | summarize parked = count()'
    measure: 'parked'
    splitBy: []
    threshold: 0
  }
  {
    name: 'readings-parked'
    description: 'Device messages that iot_readings could not record by its last retry were kept in the ${poisonContainerName} blob container (their deliveries-parked line says why).'
    query: 'traces | where message has "deliveries-parked" | summarize parked = count()'
    measure: 'parked'
    splitBy: []
    threshold: 0
  }
  {
    name: 'ingest-lag'
    description: 'Readings arrive late: a live delivery\'s lag (reading time to stored) was above 2 minutes.'
    query: 'customMetrics | where name == "pawtrack.ingest_lag" | summarize worst = max(valueMax)'
    measure: 'worst'
    splitBy: []
    threshold: 120000
  }
]

resource queryAlerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for alert in logAlerts: {
    name: '${prefix}-${alert.name}'
    location: location
    properties: {
      description: alert.description
      severity: 2
      enabled: true
      scopes: [insights.id]
      evaluationFrequency: settings.alertFrequency
      windowSize: settings.alertFrequency
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: alert.measure
            dimensions: [for column in alert.splitBy: { name: column, operator: 'Include', values: ['*'] }]
            operator: 'GreaterThan'
            threshold: alert.threshold
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      actions: { actionGroups: [alarms.id] }
    }
  }
]

// The seeds' billing alarm: the resource group's monthly cost, 80 % spent and 100 % forecast.
resource budget 'Microsoft.Consumption/budgets@2023-11-01' = {
  name: '${prefix}-monthly'
  properties: {
    category: 'Cost'
    amount: monthlyBudget
    timeGrain: 'Monthly'
    timePeriod: { startDate: budgetStartDate }
    notifications: {
      actual80: {
        enabled: true
        operator: 'GreaterThan'
        threshold: 80
        thresholdType: 'Actual'
        contactGroups: [alarms.id]
        contactEmails: empty(alarmEmail) ? [] : [alarmEmail]
      }
      forecast100: {
        enabled: true
        operator: 'GreaterThan'
        threshold: 100
        thresholdType: 'Forecasted'
        contactGroups: [alarms.id]
        contactEmails: empty(alarmEmail) ? [] : [alarmEmail]
      }
    }
  }
}

// What the metrics say, at a glance: Application Insights > Workbooks > Pawtrack <stage>.
// The counters' names (Metric.snake_name; tests/test_alarms.py holds them to the code).
var workbookNames = '"pawtrack.readings_accepted", "pawtrack.readings_duplicate", "pawtrack.readings_rejected", "pawtrack.readings_quarantined", "pawtrack.readings_conflicting", "pawtrack.deliveries_processed", "pawtrack.bundles_processed", "pawtrack.push_sent", "pawtrack.push_failed", "pawtrack.live_updates_sent", "pawtrack.job_retries", "pawtrack.jobs_dead_lettered", "pawtrack.webhooks_sent", "pawtrack.webhook_retries", "pawtrack.webhooks_failed"'
var workbook = {
  version: 'Notebook/1.0'
  items: [
    {
      type: 1
      name: 'title'
      content: { json: '## Pawtrack ${stage}\nCounts of the last day (adapters/azure/opentelemetry_telemetry.py), ingest lag, the API and the functions.' }
    }
    {
      type: 3
      name: 'counts'
      content: {
        version: 'KqlItem/1.0'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
        query: 'customMetrics | where timestamp > ago(1d) and name in (${workbookNames}) | summarize total = sum(valueSum) by name, bin(timestamp, 15m)'
      }
    }
    {
      type: 3
      name: 'ingest-lag'
      content: {
        version: 'KqlItem/1.0'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
        query: 'customMetrics | where timestamp > ago(1d) and name == "pawtrack.ingest_lag" | summarize mean_ms = sum(valueSum) / sum(valueCount), worst_ms = max(valueMax) by bin(timestamp, 15m)'
      }
    }
    {
      type: 3
      name: 'functions'
      content: {
        version: 'KqlItem/1.0'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'table'
        query: 'requests | where timestamp > ago(1d) | summarize invocations = count(), failures = countif(success == false), p99_ms = percentile(duration, 99) by operation_Name | order by failures desc'
      }
    }
  ]
}

resource dashboard 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, prefix, 'workbook')
  location: location
  kind: 'shared'
  properties: {
    displayName: 'Pawtrack ${stage}'
    category: 'workbook'
    sourceId: insights.id
    serializedData: string(workbook)
  }
}

output functionAppName string = functionApp.name
output apiUrl string = 'https://${functionApp.properties.defaultHostName}'
output vaultName string = vault.name
output iotHubName string = iotHub.name
output notificationHubNamespace string = notificationNamespace.name
output webPubSubHost string = webPubSub.properties.hostName
output eventGridTopicEndpoint string = domainEvents.properties.endpoint
output actionGroupId string = alarms.id
