using System.Net;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>A whole round as people live it: the secretary starts it through the API, the justerare answer through the links they were mailed.</summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class CompleteRoundTests(ServersFixture servers) : IAsyncLifetime
{
    private RoundScenario s = null!;

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenThreeJusterare_WhenTwoHaveNothingToAddAndOneDissents_ThenTheRoundIsJusteratAndEveryoneIsTold()
    {
        var people = s.People(3);
        var (karin, anna, erik) = (people[0], people[1], people[2]);
        var id = await s.StartRoundAsync(people);

        var links = new Dictionary<Person, Uri>();
        foreach (var person in people)
        {
            var request = await s.WaitForMailAsync(person.Email, RoundScenario.BaseSubject);
            Assert.Equal("justera@example.org", Assert.Single(request.From).Address);
            Assert.Contains("Du är utsedd att justera protokollet från förvaltningsgruppens möte torsdagen den 3 december 2026.", request.Text, StringComparison.Ordinal);
            Assert.Contains("Svara senast tisdagen den 15 december 2026 kl. 16.00.", request.Text, StringComparison.Ordinal);
            var link = s.LinkIn(request);
            // The link is the login: a round id and a random secret, nothing about the person.
            Assert.Matches("^/svar/[0-9a-f]{32}\\.[A-Za-z0-9_-]{43}$", link.AbsolutePath);
            Assert.StartsWith($"/svar/{id}.", link.AbsolutePath, StringComparison.Ordinal);
            foreach (var word in person.Name.Split(' ').Append(person.Organisation).Append(person.Email))
            {
                Assert.DoesNotContain(word, link.AbsoluteUri, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(word, request.Subject, StringComparison.OrdinalIgnoreCase);
            }
            links[person] = link;
        }
        Assert.Equal(3, links.Values.Distinct().Count());

        var karinsBrowser = s.Browser();
        var (form, _) = await karinsBrowser.OpenAsync(links[karin]);
        Assert.Equal("Justering av protokoll", form.Heading);
        Assert.Contains("Du svarar som Karin Exempelsson för arbetsgivaren.", form.Text, StringComparison.Ordinal);
        Assert.Contains("Möte Förvaltningsgruppen torsdagen den 3 december 2026", form.Text, StringComparison.Ordinal);
        Assert.Contains("Sista dag för synpunkter tisdagen den 15 december 2026 kl. 16.00", form.Text, StringComparison.Ordinal);
        var receipt = await karinsBrowser.AnswerAsync(links[karin], Answers.NoObjection);
        Assert.Equal("Tack, ditt svar är registrerat", receipt.Heading);
        Assert.Contains("Ditt svar: Inget att erinra", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("Registrerat tisdagen den 8 december 2026 kl. 09.30.", receipt.Text, StringComparison.Ordinal);
        Assert.Contains($"Ett kvitto har skickats till {karin.Email}.", receipt.Text, StringComparison.Ordinal);
        var karinsReceipt = await s.WaitForMailAsync(karin.Email, "Bekräftelse: " + RoundScenario.BaseSubject);
        Assert.Contains("Inget att erinra", karinsReceipt.Text, StringComparison.Ordinal);
        Assert.Contains("Svaret togs emot tisdagen den 8 december 2026 kl. 09.30.", karinsReceipt.Text, StringComparison.Ordinal);

        s.Host.Clock.Advance(TimeSpan.FromHours(2));
        var annasReceipt = await s.Browser().AnswerAsync(links[anna], Answers.NoObjection);
        Assert.Contains("Ditt svar: Inget att erinra", annasReceipt.Text, StringComparison.Ordinal);
        await s.WaitForMailAsync(anna.Email, "Bekräftelse: " + RoundScenario.BaseSubject);
        var halfway = await s.StatusAsync(id);
        Assert.Equal("Väntar på svar", halfway.GetProperty("phase").GetString());
        Assert.Equal(2, halfway.GetProperty("answered").GetInt32());

        s.Host.Clock.Advance(TimeSpan.FromHours(1));
        var eriksReceipt = await s.Browser().AnswerAsync(links[erik], Answers.Dissent, "§ 4 Föranmälda frågor", "Vision delar inte bedömningen av bemanningen.");
        Assert.Contains("Ditt svar: Justerat med oenighet under § 4 Föranmälda frågor: Vision delar inte bedömningen av bemanningen.", eriksReceipt.Text, StringComparison.Ordinal);
        Assert.Contains("Registrerat tisdagen den 8 december 2026 kl. 12.30.", eriksReceipt.Text, StringComparison.Ordinal);
        var eriksMail = await s.WaitForMailAsync(erik.Email, "Bekräftelse: " + RoundScenario.BaseSubject);
        Assert.Contains("Justerat med oenighet under § 4 Föranmälda frågor: Vision delar inte bedömningen av bemanningen.", eriksMail.Text, StringComparison.Ordinal);

        var completed = await s.WaitForMailAsync(s.SecretaryEmail, "Justerat: " + RoundScenario.BaseSubject);
        Assert.Contains("Alla justerare har godkänt version 1 av protokollet från förvaltningsgruppens möte torsdagen den 3 december 2026.", completed.Text, StringComparison.Ordinal);

        var status = await s.StatusAsync(id);
        Assert.Equal("Justerat", status.GetProperty("phase").GetString());
        Assert.Equal(3, status.GetProperty("answered").GetInt32());
        Assert.Equal("Inget att erinra", RoundScenario.Line(status, karin).GetProperty("answer").GetString());
        Assert.Equal("Justerat med oenighet under § 4 Föranmälda frågor: Vision delar inte bedömningen av bemanningen.",
            RoundScenario.Line(status, erik).GetProperty("answer").GetString());

        var answers = (await s.HistoryOfTypeAsync(id, "AnswerRecorded")).Select(e => e.GetProperty("description").GetString()).ToList();
        Assert.Equal(
            [
                "Karin Exempelsson (arbetsgivaren) svarade på version 1 via personlig länk: Inget att erinra",
                "Anna Björk (Kommunal) svarade på version 1 via personlig länk: Inget att erinra",
                "Erik Söderström (Vision) svarade på version 1 via personlig länk: Justerat med oenighet under § 4 Föranmälda frågor: Vision delar inte bedömningen av bemanningen.",
            ],
            answers);
        Assert.Single(await s.HistoryOfTypeAsync(id, "RoundCompleted"));

        // The round is closed: the form is gone, the receipt stays readable.
        var closed = await s.Browser().GetAsync(links[karin]);
        Assert.Equal(HttpStatusCode.Gone, closed.Status);
        Assert.Equal("Justeringen är avslutad", closed.Heading);
        var stillReadable = await s.Browser().GetAsync(new Uri(links[karin].AbsoluteUri + "/kvitto"));
        Assert.Contains("Ditt svar: Inget att erinra", stillReadable.Text, StringComparison.Ordinal);
    }
}
