using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Storage.JusteringRounds;
using Justera.Storage.Protocols;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>What the secretary and the justerare get wrong: each is refused with a Swedish message, and nothing is stored or sent.</summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class BadInputTests(ServersFixture servers) : IAsyncLifetime
{
    private RoundScenario s = null!;

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    public static TheoryData<string> Cases() =>
    [
        "not a PDF", "empty file", "encrypted PDF", "51 justerare", "duplicate e-mail", "malformed e-mail",
        "deadline in the past", "justering date before the deadline",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GivenBadInput_WhenTheSecretaryCreatesTheRound_Then400WithTheSwedishMessageAndNothingIsStoredOrSent(string @case)
    {
        var people = s.People(3);
        var valid = new RoundRequest { Protocol = ProtocolFiles.Sample, Roster = RoundScenario.RosterJson(people) };
        var (request, field, message) = @case switch
        {
            "not a PDF" => (valid with { Protocol = "Protokoll\n§ 1 Mötets öppnande\n"u8.ToArray(), FileName = "protokoll.docx" },
                "protocol", "Filen är inte en PDF. Spara protokollet som PDF och försök igen."),
            "empty file" => (valid with { Protocol = [] }, "protocol", "Filen är tom."),
            "encrypted PDF" => (valid with { Protocol = await ProtocolFiles.EncryptedAsync() },
                "protocol", "Filen är lösenordsskyddad eller krypterad och kan inte skickas till justerarna. Spara protokollet som PDF utan lösenord och försök igen."),
            "51 justerare" => (valid with { Roster = RoundScenario.RosterJson(s.People(51)) }, "justerare", "Högst 50 justerare kan ingå i en runda."),
            "duplicate e-mail" => (valid with { Roster = RoundScenario.RosterJson([.. people, people[0] with { Name = "Karin Annan" }]) },
                "justerare[3].email", "E-postadressen finns redan bland justerarna."),
            "malformed e-mail" => (valid with { Roster = RoundScenario.RosterJson([people[0], people[1] with { Email = "anna.bjork.example.org" }, people[2]]) },
                "justerare[1].email", "\"anna.bjork.example.org\" är inte en giltig e-postadress."),
            "deadline in the past" => (valid with { Deadline = "2026-12-01T16:00" },
                "deadline", "Sista dag för synpunkter har redan passerat. Välj en tidpunkt framåt i tiden."),
            "justering date before the deadline" => (valid with { JusteringDate = "2026-12-14" },
                "justeringDate", "Justeringsdagen kan inte ligga före sista dag för synpunkter."),
            _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, null),
        };

        using var response = await s.PostRoundAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Uppgifterna behöver rättas.", problem.RootElement.GetProperty("title").GetString());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for \"{field}\": {errors}");
        Assert.Equal([message], messages.EnumerateArray().Select(m => m.GetString()));

        await AssertNothingStoredOrSentAsync();
    }

    [Fact]
    public async Task GivenAnAnswerTextOver4000Characters_WhenPosted_ThenThePageSays400WithTheMessageAndNothingIsRecorded()
    {
        var people = s.People(2);
        var karin = people[0];
        var id = await s.StartRoundAsync(people);
        var link = s.LinkIn(await s.WaitForMailAsync(karin.Email, RoundScenario.BaseSubject));
        var browser = s.Browser();
        var (_, form) = await browser.OpenAsync(link);

        using var response = await browser.SubmitAsync(link, form, Answers.Changes, text: new string('x', 4001));

        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Justering av protokoll", page.Heading);
        Assert.Contains("Det finns 1 fel att rätta", page.Text, StringComparison.Ordinal);
        Assert.Contains("Texten får vara högst 4000 tecken (nu 4001).", page.Text, StringComparison.Ordinal);
        Assert.Single(page.Forms);
        Assert.Empty(await s.HistoryOfTypeAsync(id, "AnswerRecorded"));
        Assert.Equal(0, (await s.StatusAsync(id)).GetProperty("answered").GetInt32());
        await s.DrainOutboxAsync(id);
        Assert.Equal([RoundScenario.BaseSubject], (await s.MailsToAsync(karin.Email)).Select(m => m.Subject));
        Assert.Empty(await s.MailsToAsync(s.SecretaryEmail));
    }

    [Fact]
    public async Task GivenHtmlInAnAnswer_WhenShown_ThenThePageEncodesItAndTheApiGivesTheRawText()
    {
        const string Item = "§ 5 <i>Övrigt</i>";
        const string Text = "<script>alert('hej')</script> <b>fet</b> & \"citat\"";
        var people = s.People(2);
        var karin = people[0];
        var id = await s.StartRoundAsync(people);
        var link = s.LinkIn(await s.WaitForMailAsync(karin.Email, RoundScenario.BaseSubject));

        var receipt = await s.Browser().AnswerAsync(link, Answers.Dissent, Item, Text);

        Assert.DoesNotContain("<script>", receipt.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>fet</b>", receipt.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", receipt.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", receipt.Html, StringComparison.Ordinal);
        // What a person reads is exactly what was typed.
        Assert.Contains($"Ditt svar: Justerat med oenighet under {Item}: {Text}", receipt.Text, StringComparison.Ordinal);

        var status = await s.StatusAsync(id);
        Assert.Equal($"Justerat med oenighet under {Item}: {Text}", RoundScenario.Line(status, karin).GetProperty("answer").GetString());
        var mail = await s.WaitForMailAsync(karin.Email, "Bekräftelse: " + RoundScenario.BaseSubject);
        Assert.DoesNotContain("<script>", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Text, mail.Text, StringComparison.Ordinal);
    }

    private async Task AssertNothingStoredOrSentAsync()
    {
        Assert.Equal(0, (await s.ListAsync()).GetArrayLength());
        var tables = s.Host.Service<RoundTables>();
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(maxPerPage: 1))
            Assert.Fail($"A round row was stored: {row.PartitionKey}/{row.RowKey}");
        await foreach (var blob in s.Host.Service<ProtocolBlobs>().Container.GetBlobsAsync())
            Assert.Fail($"A protocol was stored: {blob.Name}");
        await s.Host.DispatchOnceAsync();
        await s.FenceAsync();
        Assert.All(await s.MailDev.GetMailsAsync(), m => Assert.Equal("Staket", m.Subject));
    }
}
