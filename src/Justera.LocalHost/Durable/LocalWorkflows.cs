using Justera.Application;
using Justera.Application.ReportCycles;
using Justera.Application.Workflows;
using Justera.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.Options;

namespace Justera.LocalHost.Durable;

public static class LocalWorkflows
{
    /// <summary>
    /// Runs the orchestrator and activities the Functions app registers, on the in-process engine: the same classes,
    /// so every test through the local host exercises the code that runs in Azure.
    /// </summary>
    public static IServiceCollection AddLocalWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LocalDurableOptions>(configuration.GetSection("Justera:Durable"));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = configuration.GetSection("Justera:Durable").Get<LocalDurableOptions>()?.ShutdownTimeout ?? new LocalDurableOptions().ShutdownTimeout);
        var channel = new LocalDurableChannel();
        services.AddSingleton(channel);
        // Registered before the worker, so the engine is listening when the worker connects (hosted services start in order).
        services.AddHostedService<LocalDurableEngine>();
        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(grpc =>
            {
                grpc.Channel = channel.Channel;
                // The SDK's worker tears down a work-item stream that has carried nothing for two minutes, expecting
                // the health pings Azure's backends send; this sidecar sends none, so an idle host tore its stream down
                // and reconnected every two minutes, with a warning each time. The check is for half-open network
                // connections, which a Unix socket inside one process cannot become unseen: it is off here.
                grpc.SetSilentDisconnectTimeout(TimeSpan.Zero);
                // Should the worker ever rebuild its channel, it must be this one: a channel rebuilt from the address
                // alone would dial TCP localhost instead of the sidecar's socket.
                grpc.SetChannelRecreator((current, _) => Task.FromResult(current));
            });
            worker.AddTasks(tasks =>
            {
                tasks.AddOrchestratorFunc<RoundOrchestrationInput>(RoundOrchestration.Name, RoundOrchestration.RunAsync);
                tasks.AddActivity<DecideRoundActivity>(RoundActivities.Decide);
                tasks.AddActivity<CarryOutRoundOutboxActivity>(RoundActivities.CarryOutOutbox);
                tasks.AddOrchestratorFunc<ReportCycleOrchestrationInput>(ReportCycleOrchestration.Name, ReportCycleOrchestration.RunAsync);
                tasks.AddActivity<DecideReportCycleActivity>(ReportCycleActivities.Decide);
                tasks.AddActivity<CarryOutReportCycleOutboxActivity>(ReportCycleActivities.CarryOutOutbox);
                tasks.AddActivity<CompileCycleReportActivity>(ReportCycleActivities.Compile);
            });
        });
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel.Channel);
            client.RegisterDirectly();
        });
        services.AddHostedService<RecoveryLoop>();
        return services;
    }
}

// The local host's bindings of the shared activities, as thin as the Functions app's [ActivityTrigger] methods.
internal sealed class DecideRoundActivity(RoundActivities activities) : TaskActivity<string, RoundStep>
{
    public override Task<RoundStep> RunAsync(TaskActivityContext context, string input) => activities.DecideAsync(input);
}

internal sealed class CarryOutRoundOutboxActivity(RoundActivities activities) : TaskActivity<string, OutboxStep>
{
    public override Task<OutboxStep> RunAsync(TaskActivityContext context, string input) => activities.CarryOutOutboxAsync(input);
}

internal sealed class DecideReportCycleActivity(ReportCycleActivities activities) : TaskActivity<string, CycleStep>
{
    public override Task<CycleStep> RunAsync(TaskActivityContext context, string input) => activities.DecideAsync(input);
}

internal sealed class CarryOutReportCycleOutboxActivity(ReportCycleActivities activities) : TaskActivity<string, OutboxStep>
{
    public override Task<OutboxStep> RunAsync(TaskActivityContext context, string input) => activities.CarryOutOutboxAsync(input);
}

internal sealed class CompileCycleReportActivity(ReportCycleActivities activities) : TaskActivity<CompileReportInput, CompileResult>
{
    public override Task<CompileResult> RunAsync(TaskActivityContext context, CompileReportInput input) => activities.CompileAsync(input);
}

/// <summary>The local host's counterpart of the Functions app's recovery timer trigger.</summary>
internal sealed partial class RecoveryLoop(WorkflowRecovery recovery, DurableTaskClient client, IOptions<JusteraOptions> options, ILogger<RecoveryLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time between passes: what is due is judged on the service's clock inside RecoverAsync.
        using var timer = new PeriodicTimer(options.Value.TimerInterval);
        try
        {
            do
            {
                try
                {
                    await recovery.RecoverAsync(client, WorkflowRecovery.DefaultGrace, stoppingToken);
                }
                catch (StorageUnavailableException)
                {
                    LogStorageDown();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The engine may still be starting, or be stopping; the next pass tries again.
                    LogPassFailed(e.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is unavailable; recovery tries again")]
    private partial void LogStorageDown();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A recovery pass failed ({ErrorType}); the next one tries again")]
    private partial void LogPassFailed(string errorType);
}
