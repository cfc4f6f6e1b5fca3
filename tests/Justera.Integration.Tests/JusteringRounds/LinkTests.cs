using System.Net;
using Justera.Core.Links;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>Personal links that do not work, links of a closed round, links opened by mail scanners, and rounds of another administration.</summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class LinkTests(ServersFixture servers) : IAsyncLifetime
{
    private RoundScenario s = null!;

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenMalformedTamperedOrUnknownLinks_WhenOpenedOrPosted_ThenTheSameNotFoundPageRevealsNothing()
    {
        var people = s.People(2);
        var id = await s.StartRoundAsync(people);
        var link = s.LinkIn(await s.WaitForMailAsync(people[0].Email, RoundScenario.BaseSubject));
        var token = link.AbsolutePath["/svar/".Length..];
        var middle = token.Length - 20;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        string[] bad =
        [
            "inte-en-lank",
            id,
            token[..^1],
            tampered,
            PersonalLinks.Mint(id).Token,
            PersonalLinks.Mint(PersonalLinks.NewRoundId()).Token,
        ];

        var pages = new List<HtmlPage>();
        foreach (var candidate in bad)
        {
            foreach (var suffix in new[] { "", "/kvitto", "/protokoll" })
            {
                var page = await s.Browser().GetAsync(new Uri(s.Host.BaseAddress, $"/svar/{candidate}{suffix}"));
                Assert.True(page.Status == HttpStatusCode.NotFound, $"/svar/{candidate}{suffix} answered {(int)page.Status}");
                pages.Add(page);
            }
        }
        var first = pages[0];
        Assert.Equal("Länken fungerar inte", first.Heading);
        Assert.Contains("Kontrollera att du har kopierat hela länken från e-postmeddelandet.", first.Text, StringComparison.Ordinal);
        Assert.All(pages, p => Assert.Equal(first.Html, p.Html));
        Assert.DoesNotContain(people[0].Name, first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(RoundScenario.Administration, first.Text, StringComparison.Ordinal);

        // A genuine form posted to a tampered link records nothing.
        var browser = s.Browser();
        var (_, form) = await browser.OpenAsync(link);
        using var post = await browser.SubmitAsync(new Uri(s.Host.BaseAddress, $"/svar/{tampered}"), form with { Action = $"/svar/{tampered}" }, Answers.NoObjection);
        var posted = await HtmlPage.ReadAsync(post);
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.Equal(first.Html, posted.Html);
        Assert.Empty(await s.HistoryOfTypeAsync(id, "AnswerRecorded"));
    }

    [Fact]
    public async Task GivenACancelledRound_WhenALinkIsOpenedOrAnOpenFormPosted_Then410AndNothingIsRecorded()
    {
        var people = s.People(2);
        var id = await s.StartRoundAsync(people);
        var link = s.LinkIn(await s.WaitForMailAsync(people[1].Email, RoundScenario.BaseSubject));
        var browser = s.Browser();
        var (_, openForm) = await browser.OpenAsync(link);

        var cancelled = await s.PostJsonAsync($"api/rundor/{id}/avbryt", new { reason = "Mötet ska hållas om." });
        Assert.Equal("Avbruten", cancelled.GetProperty("phase").GetString());

        var page = await s.Browser().GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Equal("Justeringen är avslutad", page.Heading);
        Assert.Contains("Den här länken gäller inte längre", page.Text, StringComparison.Ordinal);
        using var post = await browser.SubmitAsync(link, openForm, Answers.NoObjection);
        var posted = await HtmlPage.ReadAsync(post);
        Assert.Equal(HttpStatusCode.Gone, posted.Status);
        Assert.Equal("Justeringen är avslutad", posted.Heading);
        Assert.Empty(await s.HistoryOfTypeAsync(id, "AnswerRecorded"));
        foreach (var person in people)
        {
            var mail = await s.WaitForMailAsync(person.Email, "Avbruten: " + RoundScenario.BaseSubject);
            Assert.Contains("Mötet ska hållas om.", mail.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GivenALink_WhenOpenedAgainAndAgainAsAMailScannerWould_ThenNothingChangesAndTheLinkStillWorks()
    {
        var people = s.People(2);
        var id = await s.StartRoundAsync(people);
        var link = s.LinkIn(await s.WaitForMailAsync(people[0].Email, RoundScenario.BaseSubject));
        await s.DrainOutboxAsync(id);
        var history = (await s.HistoryAsync(id)).GetRawText();
        var status = (await s.StatusAsync(id)).GetRawText();

        for (var i = 0; i < 3; i++)
        {
            var scanner = s.Browser();
            Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync(link)).Status);
            Assert.Equal("Inget svar registrerat", (await scanner.GetAsync(new Uri(link.AbsoluteUri + "/kvitto"))).Heading);
            using var pdf = await scanner.Http.GetAsync(new Uri(link.AbsoluteUri + "/protokoll"));
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal(ProtocolFiles.Sample, await pdf.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("inline", pdf.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
            Assert.Contains("sandbox", string.Join(" ", pdf.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }

        Assert.Equal(history, (await s.HistoryAsync(id)).GetRawText());
        Assert.Equal(status, (await s.StatusAsync(id)).GetRawText());
        await s.DrainOutboxAsync(id);
        Assert.Single(await s.MailsToAsync(people[0].Email));
        var receipt = await s.Browser().AnswerAsync(link, Answers.NoObjection);
        Assert.Contains("Ditt svar: Inget att erinra", receipt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenARoundOfAnotherAdministration_WhenItsSecretaryAsks_ThenTheRoundDoesNotExistForThem()
    {
        var id = await s.StartRoundAsync(s.People(2));
        using var other = s.Host.NewSecretaryClient($"olle.sekreterare.{s.Tag}@example.org", "Annanby stadsdel");

        foreach (var path in new[] { $"api/rundor/{id}", $"api/rundor/{id}/historik", $"api/rundor/{id}/leveransfel" })
        {
            using var response = await other.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Rundan finns inte", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var cancel = await other.PostAsync(new Uri($"api/rundor/{id}/avbryt", UriKind.Relative),
            new StringContent("""{"reason":"Fel förvaltning"}""", System.Text.Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        using (var list = await other.GetAsync(new Uri("api/rundor", UriKind.Relative)))
            Assert.Equal("[]", await list.Content.ReadAsStringAsync());

        Assert.Equal("Väntar på svar", (await s.StatusAsync(id)).GetProperty("phase").GetString());
        Assert.Equal(1, (await s.ListAsync()).GetArrayLength());
    }
}
