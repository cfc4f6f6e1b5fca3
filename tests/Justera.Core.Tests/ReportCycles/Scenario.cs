using System.Text.Json;
using System.Text.Json.Serialization;
using Justera.Core.ReportCycles;

namespace Justera.Core.Tests.ReportCycles;

/// <summary>Given a cycle's history, when a command arrives, then these events, effects or this refusal.</summary>
internal sealed class CycleScenario
{
    private readonly ReportCycleEvent[] history;

    private CycleScenario(ReportCycleEvent[] history) => this.history = history;

    public static CycleScenario Given(params ReportCycleEvent[] history) => new(history);

    public CycleOutcome When(ReportCycleCommand command) =>
        new(history, ReportCycleDecider.Decide(command, ReportCycleDecider.Fold(history)));

    /// <summary>Records compare lists by reference, so events and effects are compared as their JSON, type name first.</summary>
    public static string Normalise(object value) =>
        $"{value.GetType().Name} {JsonSerializer.Serialize(value, value.GetType(), Json.Options)}";
}

internal sealed record CycleOutcome(IReadOnlyList<ReportCycleEvent> History, CycleDecision Decision)
{
    /// <summary>The state once the decision's events are stored; folding also proves they can follow the history.</summary>
    public ReportCycleState State => ReportCycleDecider.Fold([.. History, .. Decision.Events]);

    public CycleOutcome Then(params ReportCycleEvent[] expected)
    {
        Assert.True(Decision.Refusal is null, Decision.Refusal is null ? "" : $"Refused: {CycleScenario.Normalise(Decision.Refusal)}");
        Assert.Equal(expected.Select(CycleScenario.Normalise), Decision.Events.Select(CycleScenario.Normalise));
        _ = State;
        return this;
    }

    public CycleOutcome ThenEffects(params ReportCycleEffect[] expected)
    {
        Assert.Equal(expected.Select(CycleScenario.Normalise), Decision.Effects.Select(CycleScenario.Normalise));
        return this;
    }

    public void ThenNothing()
    {
        Assert.Null(Decision.Refusal);
        Assert.Empty(Decision.Events);
        Assert.Empty(Decision.Effects);
    }

    public CycleRefusal ThenRefuses(CycleRefusalReason reason, string? field = null) => Json.Refused(Decision.Refusal, Decision.Events.Count + Decision.Effects.Count, reason, field);
}

/// <summary>Given a cycle's history and one unit's, when a unit command arrives, then these events, effects or this refusal.</summary>
internal sealed class UnitScenario
{
    private readonly ReportCycleEvent[] cycle;
    private readonly UnitReportEvent[] history;

    private UnitScenario(ReportCycleEvent[] cycle, UnitReportEvent[] history) => (this.cycle, this.history) = (cycle, history);

    public static UnitScenario Given(ReportCycleEvent[] cycle, params UnitReportEvent[] history) => new(cycle, history);

    public UnitOutcome When(UnitCommand command) =>
        new(history, UnitReportDecider.Decide(command, UnitReportDecider.Fold(history), ReportCycleDecider.Fold(cycle), ExampleCycle.Structure));
}

internal sealed record UnitOutcome(IReadOnlyList<UnitReportEvent> History, UnitDecision Decision)
{
    public UnitReportState State => UnitReportDecider.Fold([.. History, .. Decision.Events]);

    public UnitOutcome Then(params UnitReportEvent[] expected)
    {
        Assert.True(Decision.Refusal is null, Decision.Refusal is null ? "" : $"Refused: {CycleScenario.Normalise(Decision.Refusal)}");
        Assert.Equal(expected.Select(CycleScenario.Normalise), Decision.Events.Select(CycleScenario.Normalise));
        _ = State;
        return this;
    }

    public UnitOutcome ThenEffects(params ReportCycleEffect[] expected)
    {
        Assert.Equal(expected.Select(CycleScenario.Normalise), Decision.Effects.Select(CycleScenario.Normalise));
        return this;
    }

    public void ThenNothing()
    {
        Assert.Null(Decision.Refusal);
        Assert.Empty(Decision.Events);
        Assert.Empty(Decision.Effects);
    }

    public CycleRefusal ThenRefuses(CycleRefusalReason reason, string? field = null) => Json.Refused(Decision.Refusal, Decision.Events.Count + Decision.Effects.Count, reason, field);
}

internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new() { Converters = { new JsonStringEnumConverter() } };

    public static CycleRefusal Refused(CycleRefusal? refusal, int eventsAndEffects, CycleRefusalReason reason, string? field)
    {
        var refused = Assert.IsType<CycleRefusal>(refusal);
        Assert.Equal(reason, refused.Reason);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        if (field is not null)
            Assert.Contains(field, refused.Fields.Select(f => f.Field));
        Assert.Equal(0, eventsAndEffects);
        return refused;
    }
}
