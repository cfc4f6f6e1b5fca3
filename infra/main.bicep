// Justera in Azure: one storage account (tables, blobs, the Durable task hub) and a Flex Consumption
// Functions app running the isolated worker. Protocol blobs are write-once: the container carries a
// time-based immutability policy on its container. The code writes every blob with If-None-Match: *
// as well, which is all Azurite offers: it implements no immutability (Azurite #2648).
@description('Short name used in resource names, e.g. "justera-skh".')
param name string

param location string = resourceGroup().location

@description('Public address people reach the service at; personal links start with it.')
param publicBaseUrl string

@description('Years a sealed protocol must be kept unchanged.')
param retentionYears int = 10

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: replace('${name}st', '-', '')
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: { isVersioningEnabled: true }
}

resource protocols 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'justeraprotocols'
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
  name: 'justerasigned'
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

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  kind: 'functionapp'
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-app'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'Storage__ConnectionString', value: 'https://${storage.name}.table.core.windows.net' }
        { name: 'Justera__PublicBaseUrl', value: publicBaseUrl }
      ]
    }
  }
}

// The app reaches storage with its managed identity, never with an account key.
var roles = [
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
]

resource access 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  name: guid(storage.id, app.id, role)
  scope: storage
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

output appUrl string = 'https://${app.properties.defaultHostName}'
