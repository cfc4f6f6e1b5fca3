using Justera.Functions.SignIn;
using Justera.Web.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Justera.Functions;

/// <summary>The Functions app's services: the same as the local host's, plus what its triggers need.</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddJusteraFunctions(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var developmentSignIn = environment.IsDevelopment() || configuration.GetValue<bool>("Justera:DevelopmentSignIn");
        services.AddJustera(configuration);
        services.AddJusteraWeb(developmentSignIn);
        JusteraRequestPipeline.AddJusteraRequestPipeline(services, developmentSignIn);
        // The worker's own Kestrel receives each request from the Functions host; give it the local host's upload limit.
        services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = JusteraWeb.MaxUploadBytes);
        if (!developmentSignIn)
            services.AddEntraSignIn(configuration);
        return services;
    }
}
