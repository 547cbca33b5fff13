// The user-assigned identity the Functions app runs as: created before the app so that its roles are in place
// when the app first starts.
param location string
param tags object
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

