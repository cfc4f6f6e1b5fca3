using Justera.Functions;
using Justera.Web.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure host: the local host's services and web side (AddJustera, AddJusteraWeb) behind Functions triggers.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddJusteraFunctions(builder.Configuration, builder.Environment);
using var host = builder.Build();
await host.Services.EnsureStorageAsync();
await host.RunAsync();
