using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Storage.Outbox;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>An invented person under example.org; the tag in the address keeps each test's mail apart.</summary>
public sealed record Person(string Name, string Organisation, string Email);

/// <summary>What the create request sends, field by field, as the secretary's script would.</summary>
public sealed record RoundRequest
{
    public required byte[] Protocol { get; init; }

    public string FileName { get; init; } = "fg-protokoll.pdf";

    /// <summary>The roster part as sent: JSON text.</summary>
    public required string Roster { get; init; }

    public string? MeetingDate { get; init; } = "2026-12-03";

    public string? Deadline { get; init; } = RoundScenario.DefaultDeadline;

    public string? JusteringDate { get; init; }

    public bool Start { get; init; } = true;
}

/// <summary>
/// One test's world: the real host on the collection's Azurite and maildev (or servers of its own), a secretary
/// who works through the JSON API, and the justerare's side reached only through the mails maildev received.
/// </summary>
public sealed partial class RoundScenario : IAsyncDisposable
{
    public const string Administration = "Exempelby stadsdel";
    public const string DefaultDeadline = "2026-12-15T16:00";

    /// <summary>Every mail of a round shares this subject after its prefix ("Påminnelse: " …); it names no person or union.</summary>
    public const string BaseSubject = "Exempelby stadsdel – Justering av protokoll från förvaltningsgruppen 3 december 2026";

    public static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(20);

    private static readonly (string Name, string Organisation)[] Names =
    [
        ("Karin Exempelsson", "arbetsgivaren"),
        ("Anna Björk", "Kommunal"),
        ("Erik Söderström", "Vision"),
        ("Leila Haddad", "Sveriges Lärare"),
        ("Per Östlund", "Akademikerförbundet SSR"),
        ("Sofia Ekström", "SACO"),
    ];

    private RoundScenario(JusteraTestHost host, MailDevServer mailDev, string tag)
    {
        Host = host;
        MailDev = mailDev;
        Tag = tag;
        SecretaryEmail = $"sara.sekreterare.{tag}@example.org";
        Api = host.NewSecretaryClient(SecretaryEmail, Administration);
    }

    public JusteraTestHost Host { get; }

    public MailDevServer MailDev { get; }

    /// <summary>Part of every address this test invents.</summary>
    public string Tag { get; }

    public string SecretaryEmail { get; }

    /// <summary>The secretary's API client (development headers).</summary>
    public HttpClient Api { get; }

    /// <summary>Starts the host on <paramref name="azurite"/> and <paramref name="mailDev"/>, whose inbox it empties first.</summary>
    public static async Task<RoundScenario> StartAsync(AzuriteServer azurite, MailDevServer mailDev, bool backgroundLoops = true,
        Func<JusteraTestHostOptions, JusteraTestHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(mailDev);
        await mailDev.DeleteAllAsync();
        var options = new JusteraTestHostOptions
        {
            StorageConnectionString = azurite.ConnectionString,
            SmtpPort = mailDev.SmtpPort,
            BackgroundLoops = backgroundLoops,
        };
        var host = await JusteraTestHost.StartAsync(configure is null ? options : configure(options));
        return new RoundScenario(host, mailDev, Guid.NewGuid().ToString("N")[..8]);
    }

    public static Task<RoundScenario> StartAsync(ServersFixture servers, bool backgroundLoops = true,
        Func<JusteraTestHostOptions, JusteraTestHostOptions>? configure = null) =>
        StartAsync(servers.Azurite, servers.MailDev, backgroundLoops, configure);

    /// <summary><paramref name="count"/> justerare: the sample roster's people first, then numbered ones.</summary>
    public IReadOnlyList<Person> People(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => i < Names.Length
            ? Person(Names[i].Name, Names[i].Organisation)
            : new Person($"Justerare {i + 1}", "Vision", $"justerare{i + 1}.{Tag}@example.org")),
    ];

    public Person Person(string name, string organisation)
    {
        var local = name.ToLowerInvariant().Replace(' ', '.').Replace('å', 'a').Replace('ä', 'a').Replace('ö', 'o');
        return new Person(name, organisation, $"{local}.{Tag}@example.org");
    }

    public static string RosterJson(IEnumerable<Person> roster) =>
        JsonSerializer.Serialize(roster.Select(p => new { name = p.Name, organisation = p.Organisation, email = p.Email }));

    // ---- the secretary's side: the JSON API ----

    /// <summary>Posts the create request as the secretary's script, or as <paramref name="client"/> when given.</summary>
    public async Task<HttpResponseMessage> PostRoundAsync(RoundRequest request, HttpClient? client = null)
    {
        using var form = Form(request);
        return await (client ?? Api).PostAsync(new Uri("api/rundor", UriKind.Relative), form);
    }

    /// <summary>The multipart form of <c>POST /api/rundor</c>, as a script would send it.</summary>
    public static MultipartFormDataContent Form(RoundRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(request.Protocol);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "protocol", request.FileName);
        form.Add(new StringContent(request.Roster, Encoding.UTF8, "application/json"), "roster");
        if (request.MeetingDate is not null)
            form.Add(new StringContent(request.MeetingDate), "meetingDate");
        if (request.Deadline is not null)
            form.Add(new StringContent(request.Deadline), "deadline");
        if (request.JusteringDate is not null)
            form.Add(new StringContent(request.JusteringDate), "justeringDate");
        if (request.Start)
            form.Add(new StringContent("true"), "start");
        return form;
    }

    /// <summary>Creates and starts a round in one request; returns its id.</summary>
    public async Task<string> StartRoundAsync(IReadOnlyList<Person> roster, string deadline = DefaultDeadline)
    {
        using var response = await PostRoundAsync(new RoundRequest { Protocol = ProtocolFiles.Sample, Roster = RosterJson(roster), Deadline = deadline });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Creating the round answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var id = json.RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/api/rundor/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Väntar på svar", json.RootElement.GetProperty("phase").GetString());
        return id;
    }

    public async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Api.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    public async Task<JsonElement> PostJsonAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Api.PostAsync(new Uri(path, UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    public Task<JsonElement> StatusAsync(string roundId) => GetJsonAsync($"api/rundor/{roundId}");

    public Task<JsonElement> HistoryAsync(string roundId) => GetJsonAsync($"api/rundor/{roundId}/historik");

    public Task<JsonElement> ListAsync() => GetJsonAsync("api/rundor");

    /// <summary>The round's history entries of one type (AnswerRecorded, LinksIssued, …).</summary>
    public async Task<IReadOnlyList<JsonElement>> HistoryOfTypeAsync(string roundId, string type) =>
        [.. (await HistoryAsync(roundId)).EnumerateArray().Where(e => e.GetProperty("type").GetString() == type)];

    /// <summary>The status line of the justerare with this address.</summary>
    public static JsonElement Line(JsonElement status, Person person) =>
        status.GetProperty("justerare").EnumerateArray().Single(j => j.GetProperty("email").GetString() == person.Email);

    // ---- mail ----

    /// <summary>Waits for the mail to <paramref name="to"/> with exactly this subject.</summary>
    public async Task<ReceivedMail> WaitForMailAsync(string to, string subject)
    {
        try
        {
            return await MailDev.WaitForMailAsync(m => IsTo(m, to) && m.Subject == subject, MailTimeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + await Host.DescribeWorkflowsAsync(), e);
        }
    }

    public async Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string to) =>
        [.. (await MailDev.GetMailsAsync()).Where(m => IsTo(m, to))];

    private static bool IsTo(ReceivedMail mail, string address) =>
        mail.To.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>The personal link in a mail's plain-text body; there must be exactly one.</summary>
    public Uri LinkIn(ReceivedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var links = PersonalLink().Matches(mail.Text ?? "").Select(m => m.Value).Distinct().ToList();
        Assert.True(links.Count == 1, $"Expected one personal link in \"{mail.Subject}\", found {links.Count}:\n{mail.Text}");
        var link = new Uri(links[0]);
        Assert.Equal(Host.BaseAddress.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        return link;
    }

    [GeneratedRegex(@"https?://[^\s/]+/svar/[^\s""<>]+")]
    private static partial Regex PersonalLink();

    /// <summary>
    /// Runs this host's dispatcher until the round's outbox rows are gone (everything sent or given up),
    /// then waits until maildev shows everything it accepted, so a test can assert what did not arrive.
    /// </summary>
    public async Task DrainOutboxAsync(string roundId)
    {
        var store = Host.Service<OutboxStore>();
        var until = DateTime.UtcNow + MailTimeout;
        while ((await store.ReadAsync(roundId)).Count > 0)
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"The outbox of round {roundId} was not empty within {MailTimeout.TotalSeconds} s.");
            await Host.DispatchOnceAsync();
            await Task.Delay(50);
        }
        await FenceAsync();
    }

    /// <summary>
    /// Sends a mail of our own after everything else and waits for it: maildev shows a mail a moment after
    /// accepting it over SMTP, so once this one is visible the ones accepted before it are too.
    /// </summary>
    public Task FenceAsync() => MailDev.FenceAsync($"staket.{Tag}@example.org", MailTimeout);

    // ---- the justerare's side ----

    public JusterareBrowser Browser() => new(Host.NewBrowser());

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
