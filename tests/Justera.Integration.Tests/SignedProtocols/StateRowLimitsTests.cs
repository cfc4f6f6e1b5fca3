using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Justera.Application.SignedProtocols;
using Justera.Integration.Tests.JusteringRounds;
using Justera.Storage.SignedProtocols;
using Xunit.Abstractions;

namespace Justera.Integration.Tests.SignedProtocols;

/// <summary>
/// A round at the limits: 50 justerare, each writing the longest answer allowed (4,000 UTF-16 units) in Swedish or in
/// Arabic, Chinese and emoji, changing it several times, a revision, everyone approving again, and the seal. Before,
/// the state row held every answer's text, JSON-escaped as \uXXXX, and passed the 1 MiB entity limit after 18 answers.
/// </summary>
[Collection(SignedProtocolsServers.Name)]
public sealed class StateRowLimitsTests(SignedProtocolsFixture fixture, ITestOutputHelper output)
{
    private const int Justerare = 50;
    private const int MaxText = 4000;
    private const int MaxItem = 200;

    // Sizes by the Table service's own formula (see EntityBytes). Measured at the end of this round: 81,818 bytes, of which
    // the links (150 link hashes: request, new version, signed protocol), the roster and the answers' facts are nearly all;
    // no text anyone wrote is among them. Before, the same round stopped at 1 MiB after 18 answers.
    private const int StateRowBound = 96 * 1024;
    private const int EntityLimit = 1024 * 1024;
    private const int PropertyLimit = 64 * 1024;

    /// <summary>Exactly 4,000 UTF-16 units with the person's and the answer's marks at both ends, so pdftotext can find each.</summary>
    private static string Text(int person, int version, int change)
    {
        var mark = $"Start {person}.{version}.{change}.";
        var end = $" Slut {person}.{version}.{change}.";
        var filler = person % 2 == 0
            ? "Protokollet återger inte vad som sades om övertid på förskolan Ängsgården; ändra § 5 så att det står "
            // Arabic, Chinese and emoji: emoji are surrogate pairs, and a cut must not split one.
            : "تعديل البند الخامس من المحضر 修改会议记录第五条 🙂👍🏽🇸🇪 ";
        var text = new StringBuilder(mark).Append(' ');
        while (text.Length + filler.Length + end.Length <= MaxText)
            text.Append(filler);
        while (text.Length + end.Length < MaxText)
            text.Append('.');
        return text.Append(end).ToString();
    }

    private static string Item(int person) =>
        (person % 2 == 0 ? $"§ {person} Föranmälda frågor om arbetsmiljö " : $"البند {person} 修改 🙂 ").PadRight(MaxItem, 'å')[..MaxItem];

    [Fact]
    public async Task GivenFiftyJusterareWritingTheLongestAnswersInManyScripts_WhenTheyChangeThemAndTheRoundIsRevisedAndSealed_ThenEveryRowStaysWithinTheLimitsAndTheSealHoldsTheTexts()
    {
        await using var s = await SealScenario.StartAsync(fixture);
        var roundId = await CreateAsync(s);
        var ids = (await StatusAsync(s, roundId)).GetProperty("justerare").EnumerateArray().Select(j => j.GetProperty("id").GetString()!).ToList();
        Assert.Equal(Justerare, ids.Count);
        var rows = new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient(s.Host.Prefix + "rounds");
        var largestState = 0L;

        // Version 1: everyone asks for changes, then all but the first change their answer twice more (approving,
        // so the first one's "synpunkter" keeps the round from completing before the revision).
        for (var change = 1; change <= 3; change++)
        {
            for (var p = change == 1 ? 0 : 1; p < Justerare; p++)
            {
                var kind = change switch { 1 => "ChangesRequested", 2 => "NoObjection", _ => "ApprovedWithDissent" };
                await AnswerAsync(s, roundId, ids[p], kind, kind == "ApprovedWithDissent" ? Item(p) : null, Text(p, 1, change));
                s.Host.Clock.Advance(TimeSpan.FromSeconds(7));
            }
            largestState = Math.Max(largestState, EntityBytes(await StateRowAsync(rows, roundId)));
        }

        Assert.Equal("Väntar på ny version", (await StatusAsync(s, roundId)).GetProperty("phase").GetString());
        await ReviseAsync(s, roundId);

        // Version 2: everyone approves again, the last approval completes the round.
        for (var p = 0; p < Justerare; p++)
        {
            await AnswerAsync(s, roundId, ids[p], p % 3 == 0 ? "ApprovedWithDissent" : "NoObjection", p % 3 == 0 ? Item(p) : null, Text(p, 2, 1));
            s.Host.Clock.Advance(TimeSpan.FromSeconds(7));
            if (p % 10 == 0)
                largestState = Math.Max(largestState, EntityBytes(await StateRowAsync(rows, roundId)));
        }
        Assert.Equal("Justerat", (await StatusAsync(s, roundId)).GetProperty("phase").GetString());

        // The outbox rows hold the receipts, each repeating a 4,000-character answer in its text and HTML bodies.
        var outbox = await RowsAsync(rows, roundId, "o");
        var events = await RowsAsync(rows, roundId, "e");
        Report(outbox, "outbox row");
        Report(events, "event row");
        Assert.All(outbox.Concat(events), row =>
        {
            Assert.True(EntityBytes(row) < EntityLimit, $"{row.RowKey} is {EntityBytes(row)} bytes.");
            Assert.All(row.Select(p => p.Value).OfType<string>(), value => Assert.True(value.Length * 2 <= PropertyLimit, $"{row.RowKey} has a property of {value.Length} characters."));
        });

        // The collection's development certificate is made by whichever test seals first, at that test's fake time;
        // this round's answers took less of it than the others' did, so its clock moves past that moment first.
        s.Host.Clock.Advance(TimeSpan.FromHours(3));
        await s.Host.Service<ProtocolSealing>().SealAsync(roundId, 2);
        var sealedState = await StateRowAsync(rows, roundId);
        largestState = Math.Max(largestState, EntityBytes(sealedState));
        output.WriteLine($"State row: largest {largestState} bytes; sealed {EntityBytes(sealedState)} bytes, {sealedState.Count} properties.");
        var stateJson = string.Concat(Enumerable.Range(0, sealedState.GetInt32("StateParts") ?? 1).Select(i => sealedState.GetString(i == 0 ? "State" : $"State{i}")));
        using (var parsed = JsonDocument.Parse(stateJson))
        {
            output.WriteLine("  " + string.Join(", ", parsed.RootElement.GetProperty("round").EnumerateObject()
                .Select(p => $"{p.Name} {p.Value.GetRawText().Length}").Where(x => !x.EndsWith(" 2", StringComparison.Ordinal))));
        }
        Assert.True(largestState < StateRowBound, $"The state row reached {largestState} bytes.");
        Assert.Equal(2, sealedState.GetInt32("Shape"));

        var status = await StatusAsync(s, roundId);
        Assert.Equal(2, status.GetProperty("signedProtocol").GetProperty("protocolVersion").GetInt32());
        // The API shows each current answer with its text, read from the event rows.
        Assert.All(status.GetProperty("justerare").EnumerateArray().Select((j, p) => (j, p)), x =>
            Assert.EndsWith(Text(x.p, 2, 1), x.j.GetProperty("answer").GetString(), StringComparison.Ordinal));

        // The attachment pages print each current answer (characters the font lacks, like Chinese and emoji, as '?'),
        // and the evidence — embedded in the file and stored beside it — holds every answer ever given, exactly.
        var documentId = SignedProtocol(roundId);
        var signed = (await s.Host.Service<SignedProtocolBlobs>().ReadAsync($"{documentId}.pdf"))!.ToArray();
        var pages = PdfTools.Text(signed);
        var evidence = (await s.Host.Service<SignedProtocolBlobs>().ReadAsync($"{documentId}.evidens.json"))!.ToString();
        using var json = JsonDocument.Parse(evidence);
        var texts = json.RootElement.GetProperty("events").EnumerateArray()
            .Where(e => e.TryGetProperty("text", out _)).Select(e => e.GetProperty("text").GetString()).ToHashSet(StringComparer.Ordinal);
        for (var p = 0; p < Justerare; p++)
        {
            Assert.Contains($"Start {p}.2.1.", pages, StringComparison.Ordinal);
            Assert.Contains($"Slut {p}.2.1.", pages, StringComparison.Ordinal);
            if (p % 2 == 0)
                Assert.Contains(Text(p, 2, 1)[..600], pages, StringComparison.Ordinal);
            Assert.DoesNotContain($"Start {p}.1.1.", pages, StringComparison.Ordinal);
            Assert.Contains(Text(p, 2, 1), texts);
            Assert.Contains(Text(p, 1, 1), texts);
            if (p > 0)
                Assert.Contains(Text(p, 1, 3), texts);
        }
        var detached = PdfTools.Run("pdfdetach", signed, "-save", "1", "-o", "/dev/stdout", "{file}");
        Assert.True(detached.ExitCode == 0, detached.Error);
        Assert.Equal(evidence, detached.Output);
    }

    private static string SignedProtocol(string roundId) => $"{roundId}-v2";

    private static async Task<JsonElement> StatusAsync(SealScenario s, string roundId)
    {
        using var response = await s.Secretary.GetAsync(new Uri($"api/rundor/{roundId}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The status answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    private static async Task<string> CreateAsync(SealScenario s)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(SealScenario.Original);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "protocol", "fg-protokoll.pdf");
        var roster = Enumerable.Range(0, Justerare).Select(p => new { name = $"Justerare {p} Exempelsson", organisation = $"Förbund {p}", email = $"j{p}.{s.Tag}@example.org" });
        form.Add(new StringContent(JsonSerializer.Serialize(roster), Encoding.UTF8, "application/json"), "roster");
        form.Add(new StringContent(SealScenario.MeetingDate), "meetingDate");
        form.Add(new StringContent("2026-12-22T16:00"), "deadline");
        form.Add(new StringContent("true"), "start");
        using var created = await s.Secretary.PostAsync(new Uri("api/rundor", UriKind.Relative), form);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"Creating the round answered {(int)created.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The secretary records an answer that came by e-mail, through <c>POST /api/rundor/{id}/svar</c>, as in the report.</summary>
    private static async Task AnswerAsync(SealScenario s, string roundId, string justerareId, string kind, string? item, string text)
    {
        using var response = await s.Secretary.PostAsJsonAsync(new Uri($"api/rundor/{roundId}/svar", UriKind.Relative),
            new { justerareId, kind, item, text, channel = "e-post till sekreteraren", formKey = Guid.NewGuid().ToString("N") });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Recording the answer answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
    }

    private static async Task ReviseAsync(SealScenario s, string roundId)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(ProtocolFiles.OnePage("Protokoll, version 2", "Paragraf 5: overtid pa forskolan."));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "protocol", "fg-protokoll-v2.pdf");
        using var response = await s.Secretary.PostAsync(new Uri($"api/rundor/{roundId}/revidera", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Revising answered {(int)response.StatusCode}: {body}");
    }

    private static async Task<TableEntity> StateRowAsync(TableClient rows, string roundId) =>
        (await rows.GetEntityAsync<TableEntity>(roundId, "state")).Value;

    private static async Task<List<TableEntity>> RowsAsync(TableClient rows, string roundId, string prefix)
    {
        var upper = ((char)(prefix[0] + 1)).ToString();
        var list = new List<TableEntity>();
        await foreach (var row in rows.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and RowKey ge {prefix} and RowKey lt {upper}")))
            list.Add(row);
        return list;
    }

    private void Report(List<TableEntity> rows, string what)
    {
        Assert.NotEmpty(rows);
        var largest = rows.MaxBy(EntityBytes)!;
        output.WriteLine($"Largest {what}: {largest.RowKey}, {EntityBytes(largest)} bytes, longest property {largest.Select(p => p.Value).OfType<string>().Max(v => v.Length)} characters.");
    }

    /// <summary>
    /// An entity's size as the Table service counts it: 4 bytes, the keys at 2 bytes a character, and per property
    /// 8 bytes, its name at 2 bytes a character and its value (a string 4 + 2 a character).
    /// </summary>
    private static long EntityBytes(TableEntity entity) =>
        4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2L)
        + entity.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Sum(p => 8 + (p.Key.Length * 2L) + p.Value switch
        {
            string text => 4 + (text.Length * 2L),
            int => 4,
            bool => 1,
            byte[] bytes => 4 + bytes.Length,
            _ => 8,
        });
}
