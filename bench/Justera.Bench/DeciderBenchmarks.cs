using BenchmarkDotNet.Attributes;
using Justera.Core.JusteringRounds;

namespace Justera.Bench;

/// <summary>How fast the pure core folds a round's events: the cost of loading a round is dominated by storage, not by this.</summary>
[MemoryDiagnoser]
public class DeciderBenchmarks
{
    private JusteringRoundEvent[] _events = [];

    [Params(6, 50)]
    public int Justerare { get; set; }

    [GlobalSetup]
    public void Setup() => _events = [.. Rounds.CompleteRoundEvents(Justerare)];

    /// <summary>Folds every event of a complete round; divide by the event count for events per second.</summary>
    [Benchmark]
    public JusteringRoundState FoldCompleteRound() => JusteringRoundDecider.Fold(_events);

    [Benchmark]
    public Decision DecideAnswer()
    {
        var state = JusteringRoundDecider.Fold(_events.AsSpan(0, 3).ToArray());
        var link = ((LinksIssued)_events[2]).Links[0];
        return JusteringRoundDecider.Decide(new RecordAnswer(link.TokenHash, ReplyKind.NoObjection, null, null, "bench", Rounds.Start.AddHours(1)), state);
    }
}
