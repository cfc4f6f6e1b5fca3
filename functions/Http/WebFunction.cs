using Justera.Application.Workflows;
using Justera.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Justera.Functions.Http;

/// <summary>
/// Every page and API endpoint, at the same address as on the local host (host.json sets an empty route
/// prefix): one catch-all trigger hands the request to the shared pipeline, which writes the response on
/// the request's own HttpContext. The function then returns an empty result, so the worker (which executes
/// an IResult it gets back) adds nothing, and the metadata still declares the HTTP response binding.
/// </summary>
public sealed class WebFunction(JusteraRequestPipeline pipeline, WorkflowClients clients)
{
    public const string Name = "Web";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", "head", "options", Route = "{*path}")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        // A decision the request commits raises "changed" (or starts the round's orchestration) with this invocation's client.
        using (clients.Use(client))
            await pipeline.InvokeAsync(request.HttpContext);
        return Results.Empty;
    }
}
