namespace Justera.Core.JusteringRounds;

/// <summary>
/// The current answers with what their justerare wrote. The state row keeps only what decides the round
/// (<see cref="Answer"/>); the texts live in the event rows, which pages, mails and the sealing read them from.
/// </summary>
public static class AnswerTexts
{
    /// <summary>
    /// For each current answer, the event that recorded it: the latest <see cref="AnswerRecorded"/> of that justerare,
    /// for the same version at the same moment. <paramref name="history"/> is the round's events in stream order.
    /// </summary>
    public static IReadOnlyDictionary<string, AnswerRecorded> Current(Round round, IEnumerable<JusteringRoundEvent> history)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(history);
        var found = new Dictionary<string, AnswerRecorded>(StringComparer.Ordinal);
        foreach (var recorded in history.OfType<AnswerRecorded>())
        {
            if (Matches(round, recorded))
                found[recorded.JusterareId] = recorded;
        }
        return found;
    }

    /// <summary>Whether <paramref name="recorded"/> is the event behind the justerare's current answer.</summary>
    public static bool Matches(Round round, AnswerRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(recorded);
        return round.Answers.TryGetValue(recorded.JusterareId, out var answer)
            && answer.ProtocolVersion == recorded.ProtocolVersion
            && answer.RecordedAt == recorded.At
            && answer.Kind == recorded.Kind;
    }
}
