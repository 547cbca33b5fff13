// The optional private network (main.bicep: vnetEnabled), after the Flex Consumption quickstart's VNet option: the
// app's outbound traffic leaves through a delegated subnet, and the storage account is reached through private
// endpoints in a second subnet, resolved by private DNS zones linked to the network.
param location string
param tags object
param name string

@description('The storage accounts whose services get private endpoints.')
param storageAccountNames string[]

@description('Storage services to reach privately (every service a connection of the app uses).')
param storageServices string[]

var appSubnetName = 'app'
var endpointSubnetName = 'private-endpoints'

// One endpoint per account and service; one DNS zone per service holds the records of both accounts.
var endpointList = flatten(map(storageAccountNames, account => map(storageServices, service => {
  account: account
  service: service
})))

resource network 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: '10.0.1.0/24'
          // Flex Consumption integrates through a subnet delegated to Microsoft.App/environments.
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: endpointSubnetName
        properties: {
          addressPrefix: '10.0.2.0/24'
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: appSubnetName
  }

  resource endpointSubnet 'subnets' existing = {
    name: endpointSubnetName
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for service in storageServices: {
    name: 'privatelink.${service}.${environment().suffixes.storage}'
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (service, i) in storageServices: {
    parent: zones[i]
    name: '${name}-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: network.id
      }
    }
  }
]

resource endpoints 'Microsoft.Network/privateEndpoints@2025-05-01' = [
  for endpoint in endpointList: {
    name: 'pe-${endpoint.account}-${endpoint.service}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: network::endpointSubnet.id
      }
      privateLinkServiceConnections: [
        {
          name: endpoint.service
          properties: {
            privateLinkServiceId: resourceId('Microsoft.Storage/storageAccounts', endpoint.account)
            groupIds: [
              endpoint.service
            ]
          }
        }
      ]
    }
  }
]

resource endpointZones 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-05-01' = [
  for (endpoint, i) in endpointList: {
    parent: endpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: endpoint.service
          properties: {
            privateDnsZoneId: zones[indexOf(storageServices, endpoint.service)].id
          }
        }
      ]
    }
  }
]

output appSubnetId string = network::appSubnet.id
