using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Justera.Web.Hosting;

/// <summary>
/// Justera's whole web side as one <see cref="RequestDelegate"/> — routing, the same middleware and the same
/// endpoints as the local host — for a host that hands requests over one at a time: the Functions app's
/// catch-all HTTP trigger runs it on the trigger's own HttpContext. Built once per app, on first use.
/// </summary>
public sealed class JusteraRequestPipeline
{
    private readonly Lazy<RequestDelegate> _pipeline;

    public JusteraRequestPipeline(IServiceProvider services, bool developmentSignIn) =>
        _pipeline = new(() => Build(services, developmentSignIn));

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The calling host's routing has already chosen its catch-all endpoint and set its route values;
        // endpoint routing skips matching when an endpoint is set, so ours must match afresh.
        context.SetEndpoint(null);
        context.Request.RouteValues = [];
        return _pipeline.Value(context);
    }

    private static RequestDelegate Build(IServiceProvider services, bool developmentSignIn)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseJusteraMiddleware();
        app.UseEndpoints(endpoints => endpoints.MapJustera(developmentSignIn));
        return app.Build();
    }

    /// <summary>Registers the pipeline (and the routing services it needs) for a host without a <see cref="WebApplication"/>.</summary>
    public static IServiceCollection AddJusteraRequestPipeline(IServiceCollection services, bool developmentSignIn)
    {
        services.AddRouting();
        services.AddSingleton(sp => new JusteraRequestPipeline(sp, developmentSignIn));
        return services;
    }
}
