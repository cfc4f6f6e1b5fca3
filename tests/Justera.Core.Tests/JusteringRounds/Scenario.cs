using System.Text.Json;
using System.Text.Json.Serialization;
using Justera.Core.JusteringRounds;

namespace Justera.Core.Tests.JusteringRounds;

/// <summary>Given a round's history, when a command arrives, then these events, effects or this refusal.</summary>
internal sealed class Scenario
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };
    private readonly JusteringRoundEvent[] history;

    private Scenario(JusteringRoundEvent[] history) => this.history = history;

    public static Scenario Given(params JusteringRoundEvent[] history) => new(history);

    public Outcome When(JusteringRoundCommand command) =>
        new(history, JusteringRoundDecider.Decide(command, JusteringRoundDecider.Fold(history)));

    /// <summary>Records compare lists by reference, so events and effects are compared as their JSON, type name first.</summary>
    public static string Normalise(object value) =>
        $"{value.GetType().Name} {JsonSerializer.Serialize(value, value.GetType(), JsonOptions)}";

    internal sealed record Outcome(IReadOnlyList<JusteringRoundEvent> History, Decision Decision)
    {
        /// <summary>The state once the decision's events are stored; folding also proves they can follow the history.</summary>
        public JusteringRoundState State => JusteringRoundDecider.Fold([.. History, .. Decision.Events]);

        public Outcome Then(params JusteringRoundEvent[] expected)
        {
            Assert.True(Decision.Refusal is null, Decision.Refusal is null ? "" : $"Refused: {Normalise(Decision.Refusal)}");
            Assert.Equal(expected.Select(Normalise), Decision.Events.Select(Normalise));
            _ = State;
            return this;
        }

        public Outcome ThenEffects(params JusteringRoundEffect[] expected)
        {
            Assert.Equal(expected.Select(Normalise), Decision.Effects.Select(Normalise));
            return this;
        }

        public void ThenNothing()
        {
            Assert.Null(Decision.Refusal);
            Assert.Empty(Decision.Events);
            Assert.Empty(Decision.Effects);
        }

        public Refusal ThenRefuses(RefusalReason reason, string? field = null)
        {
            var refusal = Assert.IsType<Refusal>(Decision.Refusal);
            Assert.Equal(reason, refusal.Reason);
            Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
            if (field is not null)
                Assert.Contains(field, refusal.Fields.Select(f => f.Field));
            Assert.Empty(Decision.Events);
            Assert.Empty(Decision.Effects);
            return refusal;
        }
    }
}
