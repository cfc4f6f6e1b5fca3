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
        services.AddSingleton<WorkflowRecovery>();
        return services;
    }
}
