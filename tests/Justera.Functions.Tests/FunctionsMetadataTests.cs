using System.Text.Json;
using Justera.Application.Workflows;
using Justera.Functions.Http;
using Justera.Functions.Workflows;

namespace Justera.Functions.Tests;

/// <summary>
/// functions.metadata, which the SDK generates from the attributes at build time, is what the Functions host reads to
/// bind triggers: it must declare each function the shared code calls by name, with the binding it needs.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static Dictionary<string, (string Type, string Direction, string Name)[]> Functions() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement
            .EnumerateArray()
            .ToDictionary(
                f => f.GetProperty("name").GetString()!,
                f => f.GetProperty("bindings").EnumerateArray()
                    .Select(b => (b.GetProperty("type").GetString()!, b.GetProperty("direction").GetString()!, b.GetProperty("name").GetString()!))
                    .ToArray());

    [Fact]
    public void TheRoundOrchestration_AndItsActivities_AreBoundUnderTheSharedNames()
    {
        var functions = Functions();

        Assert.Contains(("orchestrationTrigger", "In", "context"), functions[RoundOrchestration.Name]);
        Assert.Contains(("activityTrigger", "In", "roundId"), functions[RoundActivities.Decide]);
        Assert.Contains(("activityTrigger", "In", "roundId"), functions[RoundActivities.CarryOutOutbox]);
    }

    [Fact]
    public void TheReportCycleOrchestration_AndItsActivities_IncludingTheCompile_AreBoundUnderTheSharedNames()
    {
        var functions = Functions();

        Assert.Contains(("orchestrationTrigger", "In", "context"), functions[ReportCycleOrchestration.Name]);
        Assert.Contains(("activityTrigger", "In", "cycleId"), functions[ReportCycleActivities.Decide]);
        Assert.Contains(("activityTrigger", "In", "cycleId"), functions[ReportCycleActivities.CarryOutOutbox]);
        Assert.Contains(("activityTrigger", "In", "input"), functions[ReportCycleActivities.Compile]);
    }

    [Fact]
    public void Recovery_IsATimerWithADurableClient()
    {
        var bindings = Functions()[RecoveryFunction.Name];

        Assert.Contains(("timerTrigger", "In", "timer"), bindings);
        Assert.Contains(("durableClient", "In", "client"), bindings);
    }

    [Fact]
    public void Web_IsTheOneCatchAllHttpTrigger_WithADurableClient_AndAnHttpResponse()
    {
        var functions = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement.EnumerateArray();
        var http = Assert.Single(functions, f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger"));
        var trigger = http.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString() == "httpTrigger");

        Assert.Equal(WebFunction.Name, http.GetProperty("name").GetString());
        Assert.Equal("{*path}", trigger.GetProperty("route").GetString());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Contains(("durableClient", "In", "client"), Functions()[WebFunction.Name]);
        Assert.Contains(("http", "Out", "$return"), Functions()[WebFunction.Name]);
    }
}
