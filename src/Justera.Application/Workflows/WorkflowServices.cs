using Microsoft.Extensions.DependencyInjection;

namespace Justera.Application.Workflows;

public static class WorkflowServices
{
    /// <summary>The orchestration side both hosts share: activities, recovery, and how decisions wake their orchestration.</summary>
    public static IServiceCollection AddJusteraWorkflows(this IServiceCollection services)
    {
        services.AddSingleton<WorkflowClients>();
        services.AddSingleton<WorkflowSignals>();
        services.AddSingleton<RoundWorkflows>();
        services.AddSingleton<RoundActivities>();
        // Before AddJustera's fallback (TryAdd of NoCycleWorkflows): decisions on a cycle wake its orchestration.
        services.AddSingleton<CycleWorkflows>();
        services.AddSingleton<Justera.Application.ReportCycles.ICycleWorkflows>(sp => sp.GetRequiredService<CycleWorkflows>());
        services.AddSingleton<ReportCycleActivities>();
        services.AddSingleton<WorkflowRecovery>();
        return services;
    }
}
