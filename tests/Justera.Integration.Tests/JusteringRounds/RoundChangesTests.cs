using System.Net;
using System.Net.Http.Headers;
using Justera.Application.JusteringRounds;
using Justera.Core.JusteringRounds;
using Justera.Documents.Protocols;
using Justera.Integration.Tests.Infrastructure;
using Justera.Storage.Protocols;
using Xunit.Abstractions;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>Rounds that change on the way: a revised protocol after "synpunkter", a substitute for a justerare who is away.</summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class RoundChangesTests(ServersFixture servers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string RevisePattern = "/api/rundor/{id}/revidera";

    private RoundScenario s = null!;

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenSynpunkter_WhenTheSecretaryRevises_ThenEveryoneAnswersTheNewVersionThroughNewLinksAndOldLinksSayNewerVersion()
    {
        var people = s.People(3);
        var (karin, anna, erik) = (people[0], people[1], people[2]);
        var id = await s.StartRoundAsync(people);
        var firstLinks = new Dictionary<Person, Uri>();
        foreach (var person in people)
            firstLinks[person] = s.LinkIn(await s.WaitForMailAsync(person.Email, RoundScenario.BaseSubject));

        await s.Browser().AnswerAsync(firstLinks[karin], Answers.NoObjection);
        var annasReceipt = await s.Browser().AnswerAsync(firstLinks[anna], Answers.Changes, text: "§ 3 ska ange att mötet hölls digitalt.");
        Assert.Contains("Ditt svar: Synpunkter: § 3 ska ange att mötet hölls digitalt.", annasReceipt.Text, StringComparison.Ordinal);
        var notice = await s.WaitForMailAsync(s.SecretaryEmail, "Synpunkter: " + RoundScenario.BaseSubject);
        Assert.Contains("Anna Björk (Kommunal) har lämnat synpunkter på version 1", notice.Text, StringComparison.Ordinal);
        var waiting = await s.StatusAsync(id);
        Assert.Equal("Väntar på ny version", waiting.GetProperty("phase").GetString());
        Assert.True(waiting.GetProperty("awaitingRevision").GetBoolean());

        // Erik has the page open while the protocol changes under him.
        var eriksBrowser = s.Browser();
        var (_, staleForm) = await eriksBrowser.OpenAsync(firstLinks[erik]);

        s.Host.Clock.Advance(TimeSpan.FromHours(3));
        var revised = ProtocolFiles.OnePage("Protokoll, version 2", "Paragraf 3: motet holls digitalt.");
        await ReviseAsync(id, revised);

        var newLinks = new Dictionary<Person, Uri>();
        foreach (var person in people)
        {
            var mail = await s.WaitForMailAsync(person.Email, "Ny version: " + RoundScenario.BaseSubject);
            Assert.Contains("finns nu i version 2", mail.Text, StringComparison.Ordinal);
            newLinks[person] = s.LinkIn(mail);
            Assert.NotEqual(firstLinks[person], newLinks[person]);
        }

        var old = await s.Browser().GetAsync(firstLinks[karin]);
        Assert.Equal(HttpStatusCode.Gone, old.Status);
        Assert.Equal("Det finns en nyare version av protokollet", old.Heading);
        Assert.Contains("Använd länken i det senaste e-postmeddelandet om justeringen.", old.Text, StringComparison.Ordinal);
        using (var stalePost = await eriksBrowser.SubmitAsync(firstLinks[erik], staleForm, Answers.NoObjection))
        {
            var page = await Hosting.HtmlPage.ReadAsync(stalePost);
            Assert.Equal(HttpStatusCode.Gone, page.Status);
            Assert.Equal("Det finns en nyare version av protokollet", page.Heading);
        }

        var afterRevision = await s.StatusAsync(id);
        Assert.Equal(2, afterRevision.GetProperty("protocolVersion").GetInt32());
        Assert.Equal(0, afterRevision.GetProperty("answered").GetInt32());
        Assert.Equal("Väntar på svar", afterRevision.GetProperty("phase").GetString());

        using (var pdf = await s.Browser().Http.GetAsync(new Uri(newLinks[erik].AbsoluteUri + "/protokoll")))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            Assert.Equal(revised, await pdf.Content.ReadAsByteArrayAsync());
        }

        foreach (var person in people)
        {
            var receipt = await s.Browser().AnswerAsync(newLinks[person], Answers.NoObjection);
            Assert.Contains("Ditt svar: Inget att erinra", receipt.Text, StringComparison.Ordinal);
        }
        var completed = await s.WaitForMailAsync(s.SecretaryEmail, "Justerat: " + RoundScenario.BaseSubject);
        Assert.Contains("Alla justerare har godkänt version 2", completed.Text, StringComparison.Ordinal);
        var status = await s.StatusAsync(id);
        Assert.Equal("Justerat", status.GetProperty("phase").GetString());
        Assert.Equal(2, status.GetProperty("protocolVersion").GetInt32());

        var answers = (await s.HistoryAsync(id)).EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "AnswerRecorded")
            .Select(e => e.GetProperty("description").GetString()!)
            .ToList();
        Assert.Equal(5, answers.Count);
        Assert.Equal(2, answers.Count(a => a.Contains("svarade på version 1", StringComparison.Ordinal)));
        Assert.Equal(3, answers.Count(a => a.Contains("svarade på version 2", StringComparison.Ordinal)));
        Assert.DoesNotContain(answers, a => a.StartsWith("Erik Söderström (Vision) svarade på version 1", StringComparison.Ordinal));
        Assert.Single(await s.HistoryOfTypeAsync(id, "ProtocolRevised"));
    }

    [Fact]
    public async Task GivenAJusterareIsAway_WhenASubstituteReplacesThem_ThenTheOldLinkIsDeadAndTheSubstituteAnswers()
    {
        var people = s.People(3);
        var (karin, anna, erik) = (people[0], people[1], people[2]);
        var id = await s.StartRoundAsync(people);
        var links = new Dictionary<Person, Uri>();
        foreach (var person in people)
            links[person] = s.LinkIn(await s.WaitForMailAsync(person.Email, RoundScenario.BaseSubject));
        await s.Browser().AnswerAsync(links[karin], Answers.NoObjection);

        var annasId = RoundScenario.Line(await s.StatusAsync(id), anna).GetProperty("id").GetString();
        var nils = s.Person("Nils Ersättare", "Kommunal");
        var replaced = await s.PostJsonAsync($"api/rundor/{id}/ersattare",
            new { justerareId = annasId, name = nils.Name, organisation = nils.Organisation, email = nils.Email });
        var roster = replaced.GetProperty("justerare").EnumerateArray().Select(j => j.GetProperty("email").GetString()).ToList();
        Assert.Equal([karin.Email, nils.Email, erik.Email], roster);

        var dead = await s.Browser().GetAsync(links[anna]);
        Assert.Equal(HttpStatusCode.NotFound, dead.Status);
        Assert.Equal("Länken fungerar inte", dead.Heading);

        var request = await s.WaitForMailAsync(nils.Email, RoundScenario.BaseSubject);
        var nilsLink = s.LinkIn(request);
        var nilsBrowser = s.Browser();
        var (page, _) = await nilsBrowser.OpenAsync(nilsLink);
        Assert.Contains("Du svarar som Nils Ersättare för Kommunal.", page.Text, StringComparison.Ordinal);
        var receipt = await nilsBrowser.AnswerAsync(nilsLink, Answers.NoObjection);
        Assert.Contains("Ditt svar: Inget att erinra", receipt.Text, StringComparison.Ordinal);
        await s.WaitForMailAsync(nils.Email, "Bekräftelse: " + RoundScenario.BaseSubject);

        await s.Browser().AnswerAsync(links[erik], Answers.NoObjection);
        await s.WaitForMailAsync(s.SecretaryEmail, "Justerat: " + RoundScenario.BaseSubject);
        var status = await s.StatusAsync(id);
        Assert.Equal("Justerat", status.GetProperty("phase").GetString());
        Assert.Equal("Inget att erinra", RoundScenario.Line(status, nils).GetProperty("answer").GetString());
        var history = (await s.HistoryOfTypeAsync(id, "JusterareReplaced")).Select(e => e.GetProperty("description").GetString());
        Assert.Equal(["Anna Björk (Kommunal) ersattes av Nils Ersättare (Kommunal)."], history);
        Assert.DoesNotContain(await s.MailsToAsync(anna.Email), m => m.Subject.StartsWith("Bekräftelse", StringComparison.Ordinal));
    }

    /// <summary>
    /// Uploads a revised protocol: through POST /api/rundor/{id}/revidera once it exists (another engineer is
    /// adding it), until then through the same service call that endpoint will make.
    /// </summary>
    private async Task ReviseAsync(string id, byte[] pdf)
    {
        if (s.Host.HasRoute(RevisePattern))
        {
            output.WriteLine($"Revised through POST {RevisePattern}.");
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "protocol", "fg-protokoll-v2.pdf");
            using var response = await s.Api.PostAsync(new Uri($"api/rundor/{id}/revidera", UriKind.Relative), form);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"POST {RevisePattern} answered {(int)response.StatusCode}: {body}");
            return;
        }

        output.WriteLine($"{RevisePattern} is not mapped yet: revised through JusteringRoundService.HandleAsync(ReviseProtocol).");
        var accepted = Assert.IsType<ProtocolInspection.Accepted>(ProtocolInspector.Inspect(pdf));
        await s.Host.Service<ProtocolBlobs>().StoreAsync(accepted.Sha256, BinaryData.FromBytes(pdf));
        var now = s.Host.Clock.GetUtcNow();
        var outcome = await s.Host.Service<JusteringRoundService>().HandleAsync(id, state => new ReviseProtocol(
            new ProtocolFile(state.RoundOrNull!.Protocol.Version + 1, ProtocolBlobs.NameFor(accepted.Sha256), accepted.Sha256, accepted.LengthInBytes, "fg-protokoll-v2.pdf", now),
            NewDeadline: null,
            JusteringRoundService.FreshLinks(id, state),
            now));
        Assert.False(outcome.Refused, outcome.Decision.Refusal?.Message);
    }
}
