using Justera.LocalHost;

var app = LocalHost.Build(args);
await app.StartJusteraAsync();
await app.WaitForShutdownAsync();
