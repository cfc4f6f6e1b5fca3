using System.Net;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>
/// Things that happen at once: a double click, justerare answering together. The posts are spread over two
/// independent instances of the host, as behind a load balancer: within one instance decisions on a round may
/// wait their turn, so only two instances make the writes truly race in storage.
/// </summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class ConcurrencyTests(ServersFixture servers) : IAsyncLifetime
{
    private RoundScenario s = null!;
    private JusteraTestHost other = null!;

    public async Task InitializeAsync()
    {
        s = await RoundScenario.StartAsync(servers);
        other = await s.Host.StartSecondInstanceAsync();
    }

    public async Task DisposeAsync()
    {
        await other.DisposeAsync();
        await s.DisposeAsync();
    }

    [Fact]
    public async Task GivenTheSameFormPostedTwiceAtOnce_WhenBothArrive_ThenOneAnswerIsRecordedAndBothSeeTheReceipt()
    {
        var people = s.People(2);
        var karin = people[0];
        var id = await s.StartRoundAsync(people);
        var link = s.LinkIn(await s.WaitForMailAsync(karin.Email, RoundScenario.BaseSubject));
        var browser = s.Browser();
        var (_, form) = await browser.OpenAsync(link);
        Uri[] targets = [link, link, OnOther(link), OnOther(link)];

        var responses = await Task.WhenAll(targets.Select(target => browser.SubmitAsync(target, form, Answers.NoObjection)));
        for (var i = 0; i < responses.Length; i++)
        {
            using (responses[i])
            {
                var receipt = await browser.FollowReceiptAsync(targets[i], responses[i]);
                Assert.Contains("Ditt svar: Inget att erinra", receipt.Text, StringComparison.Ordinal);
            }
        }

        Assert.Single(await s.HistoryOfTypeAsync(id, "AnswerRecorded"));
        await s.DrainOutboxAsync(id);
        Assert.Single(await s.MailsToAsync(karin.Email), m => m.Subject == "Bekräftelse: " + RoundScenario.BaseSubject);
    }

    [Fact]
    public async Task GivenFourJusterareAnsweringAtTheSameMoment_WhenAllPostTogether_ThenEveryAnswerIsRecorded()
    {
        var people = s.People(5);
        var id = await s.StartRoundAsync(people);
        var answering = people.Take(4).ToList();
        var forms = new List<(JusterareBrowser Browser, Uri Link, HtmlForm Form)>();
        foreach (var person in answering)
        {
            var link = s.LinkIn(await s.WaitForMailAsync(person.Email, RoundScenario.BaseSubject));
            var browser = s.Browser();
            // Every other justerare reaches the other instance.
            var target = forms.Count % 2 == 0 ? link : OnOther(link);
            forms.Add((browser, target, (await browser.OpenAsync(target)).Form));
        }

        var responses = await Task.WhenAll(forms.Select(f => f.Browser.SubmitAsync(f.Link, f.Form, Answers.NoObjection)));
        foreach (var response in responses)
        {
            using (response)
                Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        }

        var status = await s.StatusAsync(id);
        Assert.Equal(4, status.GetProperty("answered").GetInt32());
        foreach (var person in answering)
            Assert.Equal("Inget att erinra", RoundScenario.Line(status, person).GetProperty("answer").GetString());
        Assert.Equal("Inte svarat", RoundScenario.Line(status, people[4]).GetProperty("status").GetString());
        var answers = await s.HistoryOfTypeAsync(id, "AnswerRecorded");
        Assert.Equal(4, answers.Count);
        Assert.Equal(4, answers.Select(a => a.GetProperty("version").GetInt32()).Distinct().Count());
        foreach (var person in answering)
            await s.WaitForMailAsync(person.Email, "Bekräftelse: " + RoundScenario.BaseSubject);
    }

    /// <summary>The same personal link, reached through the other instance (cookies are per host, not per port).</summary>
    private Uri OnOther(Uri link) => new(other.BaseAddress, link.PathAndQuery);
}
