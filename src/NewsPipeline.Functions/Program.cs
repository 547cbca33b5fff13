using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsPipeline.Core.Composition;
using NewsPipeline.Core.Services.Telemetry;
using OpenTelemetry;

// The Azure SDK's storage calls become dependencies only with its ActivitySource switched on.
AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddNewsPipelineCore(builder.Configuration);

// OpenTelemetry rather than the worker's Application Insights package: Core's System.Diagnostics.Metrics instruments
// and the .NET HttpClient / Azure SDK activity sources export as they are, with no Application Insights types in any
// code, and Flex Consumption supports it. Exported only where Azure gives a connection string (not under tests).
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    builder.Services.AddOpenTelemetry()
        .UseFunctionsWorkerDefaults()
        .WithMetrics(metrics => metrics.AddMeter(PipelineMetrics.MeterName, "System.Net.Http"))
        .WithTracing(tracing => tracing.AddSource("Azure.*", "System.Net.Http"))
        .UseAzureMonitorExporter(options =>
        {
            // Application Insights has local auth off: sign in as the app's user-assigned identity, the one the
            // Functions host itself uses (APPLICATIONINSIGHTS_AUTHENTICATION_STRING = "ClientId=…;Authorization=AAD").
            var clientId = ClientIdOf(builder.Configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
            if (clientId is not null)
            {
                options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            }
        });
}

builder.Build().Run();

static string? ClientIdOf(string? authentication) =>
    authentication?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(part => part.Split('=', 2))
        .Where(pair => pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))
        .Select(pair => pair[1])
        .FirstOrDefault();
