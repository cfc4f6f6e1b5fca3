// Justera in Azure, as `azd up` provisions it: a resource group holding one storage account (tables, queues,
// blobs and the Durable task hub), a Flex Consumption Functions app on .NET 10 isolated, Application Insights,
// and the user-assigned identity the app reaches all of them with — no account key or connection string
// anywhere. Shaped as the official Flex Consumption azd templates are, with plain resources (no registry
// modules, so that it builds offline). See justera.bicep for the resources themselves.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names and tags of every resource derive from it.')
param environmentName string

@minLength(1)
@description('Region of every resource, e.g. swedencentral (Flex Consumption must be offered there).')
param location string

@description('Object id of the person running azd: gets data access to storage, so that `azd deploy` can upload the package and a developer can read logs. Empty: none.')
param principalId string = ''

@description('Public address people reach Justera at; personal links start with it. Empty: the app\'s own https address.')
param publicBaseUrl string = ''

@description('Client id of the Entra app registration secretaries sign in with (App Service Authentication). Empty: no sign-in is configured, and no one can reach the secretary pages.')
param entraClientId string = ''

@description('App role value (or group object id) that marks a secretary of the administration below.')
param administrationRole string = ''

@description('The administration those secretaries work for, e.g. "Exempelby stadsdelsförvaltning".')
param administrationName string = ''

@description('SMTP server that delivers Justera\'s e-mail (port 587 with STARTTLS).')
param smtpHost string = ''

@description('Sender address of every e-mail.')
param mailFrom string = ''

@description('Years a protocol version or sealed protocol must be kept unchanged (the containers\' WORM policy).')
param retentionYears int = 10

var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module justera 'justera.bicep' = {
  name: 'justera'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: toLower(uniqueString(subscription().id, environmentName, location))
    principalId: principalId
    publicBaseUrl: publicBaseUrl
    entraClientId: entraClientId
    administrationRole: administrationRole
    administrationName: administrationName
    smtpHost: smtpHost
    mailFrom: mailFrom
    retentionYears: retentionYears
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = justera.outputs.functionAppName
output JUSTERA_URL string = justera.outputs.url
// The app registration's federated credential for App Service Authentication trusts this identity.
output JUSTERA_IDENTITY_PRINCIPAL_ID string = justera.outputs.identityPrincipalId
