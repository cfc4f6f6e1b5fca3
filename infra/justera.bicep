// The resources of one Justera installation, in the resource group main.bicep makes.
// Protocol versions, sealed protocols and compiled reports are write-once: their containers carry a time-based immutability
// (WORM) policy. The code writes every blob with If-None-Match: * as well, which is all Azurite offers: it
// implements no immutability (Azurite #2648).
param location string
param tags object
param resourceToken string
param principalId string
param publicBaseUrl string
param entraClientId string
param administrationRole string
param administrationName string
param smtpHost string
param mailFrom string
param retentionYears int

@description('Prefix of Justera\'s table and container names (Storage__Prefix).')
param prefix string = 'justera'

@description('Durable task hub name (JusteraTaskHub, read by host.json). A new name starts with an empty hub; the recovery timer re-starts every open round from the Tables.')
param taskHub string = 'Justera'

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to.')
param maximumInstanceCount int = 40

var functionAppName = 'func-justera-${resourceToken}'
// The package azd deploys is uploaded here and read by the app with its identity.
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'
var blobEndpoint = 'https://${storage.name}.blob.${environment().suffixes.storage}/'
var queueEndpoint = 'https://${storage.name}.queue.${environment().suffixes.storage}/'
var tableEndpoint = 'https://${storage.name}.table.${environment().suffixes.storage}/'
var signInConfigured = !empty(entraClientId)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-justera-${resourceToken}'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stjustera${take(resourceToken, 15)}'
  location: location
  tags: tags
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: { isVersioningEnabled: true }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

// Protocol versions as uploaded: the approved original must stay byte for byte what was approved.
resource protocols 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: '${prefix}protocols'
  properties: {
    immutableStorageWithVersioning: { enabled: true }
  }
}

resource protocolsWorm 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: protocols
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: retentionYears * 365
    allowProtectedAppendWrites: false
  }
}

// Sealed protocols and their evidence: the record itself, kept unchanged for the retention period.
resource signed 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: '${prefix}signed'
  properties: {
    immutableStorageWithVersioning: { enabled: true }
  }
}

resource signedWorm 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: signed
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: retentionYears * 365
    allowProtectedAppendWrites: false
  }
}

// Compiled reports of the report cycles, one .docx and .xlsx per version: each version stays as it was compiled.
resource cycleReports 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: '${prefix}cyclereports'
  properties: {
    immutableStorageWithVersioning: { enabled: true }
  }
}

resource cycleReportsWorm 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: cycleReports
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: retentionYears * 365
    allowProtectedAppendWrites: false
  }
}

// The Data Protection key ring (anti-forgery and sign-in cookies), shared by every instance.
resource keys 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: '${prefix}keys'
  properties: { publicAccess: 'None' }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in ['rounds', 'index']: {
  parent: tableService
  name: '${prefix}${table}'
}]

// The Durable task hub makes its own queues (control and work items) in this service.
resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-justera-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

// Telemetry is accepted only from Entra identities (the app's), never with the bare instrumentation key.
resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-justera-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-justera-${resourceToken}'
  location: location
  tags: tags
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  kind: 'functionapp'
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // One warm instance for the orchestrator and activity triggers, so a reminder's durable timer
        // fires without waiting for a cold start.
        alwaysReady: [
          { name: 'durable', instanceCount: 1 }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // The Functions host and the Durable task hub reach storage with the identity.
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    // "/" is Justera's start page, not the host's.
    AzureWebJobsDisableHomepage: 'true'
    JusteraTaskHub: taskHub
    // Justera's own storage clients: the same identity, by endpoint.
    Storage__TableServiceUri: tableEndpoint
    Storage__BlobServiceUri: blobEndpoint
    Storage__ClientId: identity.properties.clientId
    Storage__Prefix: prefix
    Justera__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}/' : publicBaseUrl
    Justera__MessageIdDomain: empty(publicBaseUrl) ? app.properties.defaultHostName : parseUri(publicBaseUrl).host
    Smtp__Host: smtpHost
    Smtp__Port: '587'
    Smtp__UseStartTls: 'true'
    Smtp__FromAddress: mailFrom
    Smtp__FromName: empty(administrationName) ? 'Justera' : administrationName
    EntraSignIn__Administrations__0__Role: administrationRole
    EntraSignIn__Administrations__0__Name: administrationName
    Justera__AdministrationName: empty(administrationName) ? 'Stadsdelsförvaltningen' : administrationName
    // App Service Authentication signs in with the managed identity as a federated credential of the app
    // registration (see authsettingsV2 below), so there is no client secret to keep either.
    OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: identity.properties.clientId
  }
}

// Entra sign-in for secretaries in front of the app. Anonymous requests still reach it (personal links and
// /verifiera are public); the app sends a secretary without a session to /.auth/login/aad itself.
resource signIn 'Microsoft.Web/sites/config@2024-04-01' = if (signInConfigured) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [ 'api://${entraClientId}' ]
        }
      }
    }
    login: {
      tokenStore: { enabled: true }
    }
  }
  dependsOn: [ appSettings ]
}

var storageRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
]
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  name: guid(storage.id, identity.id, role)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource telemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, monitoringMetricsPublisher)
  scope: insights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

// The person running azd uploads the package to the deployment container (shared keys are off).
resource deployerAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: if (!empty(principalId)) {
  name: guid(storage.id, principalId, role)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'User'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

output functionAppName string = app.name
output identityPrincipalId string = identity.properties.principalId
output url string = 'https://${app.properties.defaultHostName}/'
