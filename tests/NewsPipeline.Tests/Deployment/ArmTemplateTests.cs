using System.Text.Json.Nodes;

namespace NewsPipeline.Tests.Deployment;

/// <summary>How the check reads compiled ARM JSON: references followed across module boundaries, formats folded.</summary>
public sealed class ArmTemplateTests
{
    [Fact]
    public void A_module_parameter_resolves_to_what_the_parent_passed_and_formats_fold_innermost_first()
    {
        var root = (JsonObject)JsonNode.Parse("""
            {
              "parameters": { "env": { "type": "string" } },
              "variables": { "token": "[toLower(parameters('env'))]", "appName": "[format('func-{0}', variables('token'))]" },
              "resources": [
                {
                  "type": "Microsoft.Resources/deployments",
                  "name": "app",
                  "properties": {
                    "parameters": { "name": { "value": "[variables('appName')]" }, "container": { "value": "articles" } },
                    "template": {
                      "parameters": { "name": { "type": "string" }, "container": { "type": "string" } },
                      "resources": [
                        {
                          "type": "Microsoft.Web/sites/config",
                          "name": "[format('{0}/{1}', parameters('name'), 'appsettings')]",
                          "properties": { "Path": "[format('/containers/{0}/blobs/', parameters('container'))]" }
                        }
                      ]
                    }
                  }
                }
              ]
            }
            """)!;

        var config = ArmTemplate.Parse(root).Resources.Single(r => r.Type == "Microsoft.Web/sites/config");

        // Literal arguments are inlined; an expression stays as {expression}, its quotes readable.
        Assert.Equal("'func-{toLower('<env>')}/appsettings'", config.Text("name"));
        Assert.Equal("'/containers/articles/blobs/'", config.Text("properties", "Path"));
    }

    [Fact]
    public void A_resource_inside_a_conditional_module_is_conditional()
    {
        var root = (JsonObject)JsonNode.Parse("""
            {
              "resources": [
                {
                  "type": "Microsoft.Resources/deployments",
                  "name": "maybe",
                  "condition": "[parameters('on')]",
                  "properties": { "template": { "resources": [ { "type": "Microsoft.EventGrid/systemTopics/eventSubscriptions", "name": "s" } ] } }
                },
                { "type": "Microsoft.Storage/storageAccounts", "name": "st" }
              ]
            }
            """)!;

        var resources = ArmTemplate.Parse(root).Resources.ToDictionary(r => r.Type);

        Assert.True(resources["Microsoft.EventGrid/systemTopics/eventSubscriptions"].Conditional);
        Assert.False(resources["Microsoft.Storage/storageAccounts"].Conditional);
    }

    [Fact]
    public void Existing_resources_are_not_deployments_and_a_parameter_passed_as_one_expression_keeps_that_expression()
    {
        var root = (JsonObject)JsonNode.Parse("""
            {
              "languageVersion": "2.0",
              "parameters": { "on": { "type": "bool", "defaultValue": false } },
              "resources": {
                "app": {
                  "type": "Microsoft.Resources/deployments",
                  "name": "app",
                  "properties": {
                    "parameters": { "subnet": "[if(parameters('on'), createObject('value', 'net/app'), createObject('value', ''))]" },
                    "template": {
                      "parameters": { "subnet": { "type": "string" } },
                      "resources": {
                        "account": { "existing": true, "type": "Microsoft.Storage/storageAccounts", "name": "st" },
                        "site": { "type": "Microsoft.Web/sites", "name": "func", "properties": { "virtualNetworkSubnetId": "[parameters('subnet')]" } }
                      }
                    }
                  }
                }
              }
            }
            """)!;

        var resources = ArmTemplate.Parse(root).Resources;

        Assert.DoesNotContain(resources, r => r.Type == "Microsoft.Storage/storageAccounts");
        Assert.Equal("if(false, createObject('value', 'net/app'), createObject('value', '))",
            resources.Single(r => r.Type == "Microsoft.Web/sites").Text("properties", "virtualNetworkSubnetId"));
    }
}
