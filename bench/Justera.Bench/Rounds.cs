using Justera.Core.JusteringRounds;
using Justera.Core.Links;

namespace Justera.Bench;

/// <summary>Invented rounds for measurements: example.org people only.</summary>
internal static class Rounds
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<Justerare> Roster(int count, string tag = "") =>
        [.. Enumerable.Range(1, count).Select(i => new Justerare($"j{i}", $"Justerare {i}", i == 1 ? "arbetsgivaren" : "Kommunal", $"justerare{i}{tag}@example.org"))];

    public static IEnumerable<JusteringRoundEvent> CompleteRoundEvents(int count)
    {
        var id = PersonalLinks.NewRoundId();
        var roster = Roster(count);
        var protocol = new ProtocolFile(1, "x.pdf", new string('a', 64), 1000, "protokoll.pdf", Start);
        yield return new RoundCreated(id, new Administration("exempelby", "Exempelby stadsdelsförvaltning"), new DateOnly(2026, 11, 19), protocol,
            new Secretary("Sara Sekreterare", "sekreterare@example.org"), roster, Start.AddDays(10), new DateOnly(2026, 12, 4), ReminderPolicy.Default, 2, Start);
        yield return new RoundStarted(Start);
        var links = roster.Select(j => new IssuedLink(j.Id, 1, PersonalLinks.Mint(id).TokenHash)).ToList();
        yield return new LinksIssued(links, LinkPurpose.Request, Start);
        foreach (var j in roster)
            yield return new AnswerRecorded(j.Id, 1, ReplyKind.NoObjection, null, null, AnswerChannel.PersonalLink, null, false, $"k{j.Id}", Start.AddHours(2));
        yield return new RoundCompleted(1, Start.AddHours(2));
    }
}
