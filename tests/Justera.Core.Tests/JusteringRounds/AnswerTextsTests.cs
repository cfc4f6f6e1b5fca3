using System.Text.Json;
using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

/// <summary>The state row keeps what decides the round; what justerare write stays in the events.</summary>
public class AnswerTextsTests
{
    // Swedish, Arabic, Chinese and emoji (surrogate pairs): what the stored JSON must neither escape nor lose.
    private static readonly string LongText = string.Concat(Enumerable.Repeat("Ändra § 5: ö å ä. تعديل البند 修改第五条 🙂👍🏽 ", 4000))[..3998] + "ÅÖ";

    [Fact]
    public void GivenAnswersChangedAndARevision_WhenTheCurrentAnswersAreRead_ThenEachIsTheLatestRecordedForTheCurrentVersion()
    {
        var later = AnsweredAt.AddHours(1);
        var revisedAt = AnsweredAt.AddHours(2);
        var afterRevision = AnsweredAt.AddHours(3);
        JusteringRoundEvent[] history =
        [
            .. Started(),
            Answered(Anna, ReplyKind.ChangesRequested, text: "Första synpunkten."),
            Answered(Anna, ReplyKind.ChangesRequested, text: "Andra synpunkten.", at: later, formKey: "form-anna-again"),
            Answered(Mehmet, ReplyKind.ApprovedWithDissent, item: "§ 4", text: "Oenig."),
            Revised(revisedAt),
            new LinksIssued(IssuedFor("2", 2, Anna, Mehmet, Karin), LinkPurpose.NewVersion, revisedAt),
            Answered(Anna, ReplyKind.NoObjection, version: 2, text: LongText, at: afterRevision),
        ];
        var round = JusteringRoundDecider.Fold(history).RoundOrNull!;

        var current = AnswerTexts.Current(round, history);

        Assert.Equal([Anna.Id], current.Keys);
        Assert.Equal(LongText, current[Anna.Id].Text);
        Assert.Equal(2, current[Anna.Id].ProtocolVersion);
    }

    [Fact]
    public void GivenFiftyLongAnswers_WhenTheStateIsStored_ThenItHoldsNoneOfTheirTexts()
    {
        var roster = Enumerable.Range(1, 50).Select(i => new Justerare($"j-{i:D2}", $"Justerare {i}", "Vision", $"j{i}@example.org")).ToList();
        JusteringRoundEvent[] history =
        [
            Created() with { Justerare = roster },
            new RoundStarted(StartedAt),
            .. roster.Select(j => new AnswerRecorded(j.Id, 1, ReplyKind.ApprovedWithDissent, "§ 4 " + LongText[..150], LongText,
                AnswerChannel.RecordedBySecretary, "e-post till sekreteraren, registrerat av Eva Holm", false, $"form-{j.Id}", AnsweredAt)),
        ];

        var json = JsonSerializer.Serialize(JusteringRoundDecider.Fold(history), JusteraJson.Options);

        Assert.DoesNotContain("ändra", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("e-post till sekreteraren", json, StringComparison.Ordinal);
        // Measured 30,375: the roster and 50 answers' kind, channel and time. Before, each answer's 4,000 characters were here too.
        Assert.True(json.Length < 40_000, $"The state of 50 answered justerare is {json.Length} characters.");
    }

    [Fact]
    public void GivenNonAsciiText_WhenStoredAsJson_ThenItIsWrittenAsItselfNotAsEscapes()
    {
        var json = JsonSerializer.Serialize(Answered(Anna, ReplyKind.ChangesRequested, text: "Ändra <§ 5> & 修改 تعديل \"citat\" 🙂"), JusteraJson.Options);

        Assert.Contains("Ändra <§ 5> & 修改 تعديل \\\"citat\\\"", json, StringComparison.Ordinal);
        // The encoders of System.Text.Encodings.Web always escape characters outside the BMP: an emoji stays two escapes
        // (12 bytes). That is bounded (6 characters per UTF-16 unit of a 4,000-unit text) and only in the event row.
        Assert.Equal(["\\uD83D", "\\uDE42"], System.Text.RegularExpressions.Regex.Matches(json, @"\\u[0-9A-F]{4}").Select(m => m.Value));
    }

    [Fact]
    public void GivenAStateRowOfTheOldShape_WithTextsAndEscapes_WhenRead_ThenItLoadsWithoutTheTexts()
    {
        var state = JusteringRoundDecider.Fold([.. Started(), Answered(Anna, ReplyKind.ApprovedWithDissent, item: "§ 4", text: "Oenig.")]);
        var json = JsonSerializer.Serialize(state, JusteraJson.Options);
        // Stored before texts left the state row: the answer carried them, and the default encoder escaped å, ä, ö.
        var old = json.Replace("\"channel\":\"PersonalLink\"",
            "\"item\":\"\\u00a7 4\",\"text\":\"Oenig \\u00e4nd\\u00e5.\",\"channel\":\"PersonalLink\",\"channelDescription\":\"e-post\"", StringComparison.Ordinal);
        Assert.NotEqual(json, old);

        var read = JsonSerializer.Deserialize<JusteringRoundState>(old, JusteraJson.Options);

        var answer = Assert.IsType<JusteringRoundState.AwaitingAnswers>(read).Round.Answers[Anna.Id];
        Assert.Equal(state.RoundOrNull!.Answers[Anna.Id], answer);
        Assert.Equal(json, JsonSerializer.Serialize(read, JusteraJson.Options));
    }

    [Fact]
    public void GivenAStartedRound_WhenTheFormKeyIsLongerThanAGuidCouldBe_ThenRefusedOnFormKey()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("anna-1", formKey: new string('k', RoundRules.MaxFormKeyLength + 1)))
            .ThenRefuses(RefusalReason.Invalid, "formKey");
    }
}
