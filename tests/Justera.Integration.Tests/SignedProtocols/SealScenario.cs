using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Justera.Application.SignedProtocols;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Storage.Outbox;
using Justera.Storage.SignedProtocols;

namespace Justera.Integration.Tests.SignedProtocols;

/// <summary>The sealing tests share one Azurite, one maildev and one data folder (so one development certificate) of their own.</summary>
[CollectionDefinition(Name)]
public sealed class SignedProtocolsServers : ICollectionFixture<SignedProtocolsFixture>
{
    public const string Name = "signed-protocols";
}

/// <summary>
/// The collection's servers, a data folder whose development seal certificate every host of the collection shares
/// (RSA-3072 keys take a moment to make), and one sealed round that the read-only tests share.
/// </summary>
public sealed class SignedProtocolsFixture : IAsyncLifetime, IDisposable
{
    private readonly ServersFixture servers = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private SealScenario? shared;

    public AzuriteServer Azurite => servers.Azurite;

    public MailDevServer MailDev => servers.MailDev;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "justera-tests", $"sealing-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataFolder);
        await servers.InitializeAsync();
    }

    /// <summary>A round of three justerare, completed through their personal links and sealed once; tests must only read it.</summary>
    public async Task<SealScenario> SealedAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (shared is null)
            {
                // Many verifications in a row from one address; the rate limit has its own test.
                var scenario = await SealScenario.StartAsync(this, new Dictionary<string, string?> { ["Justera:VerificationsPerMinute"] = "1000" });
                try
                {
                    await scenario.CompleteRoundAsync();
                    await scenario.Host.Service<ProtocolSealing>().SealAsync(scenario.RoundId, 1);
                    await scenario.DispatchAsync();
                }
                catch
                {
                    await scenario.DisposeAsync();
                    throw;
                }
                shared = scenario;
            }
            return shared;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (shared is not null)
            await shared.DisposeAsync();
        await servers.DisposeAsync();
        TempFolders.DeleteQuietly(DataFolder);
    }

    public void Dispose() => gate.Dispose();
}

/// <summary>An invented justerare under example.org; the tag keeps each test's mail apart.</summary>
public sealed record TestJusterare(string Name, string Organisation, string Email);

/// <summary>
/// One sealing test's world: the real local host (its loops off, so the test runs the dispatcher and the seal itself),
/// a secretary on the JSON API, and justerare who answer through the links maildev received.
/// </summary>
public sealed partial class SealScenario : IAsyncDisposable
{
    public const string MeetingDate = "2026-12-03";
    public const string BaseSubject = "Exempelby stadsdel – Justering av protokoll från förvaltningsgruppen 3 december 2026";
    public static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(20);

    private SealScenario(JusteraTestHost host, MailDevServer mailDev)
    {
        Host = host;
        MailDev = mailDev;
        Tag = Guid.NewGuid().ToString("N")[..8];
        SecretaryEmail = $"sara.sekreterare.{Tag}@example.org";
        Secretary = host.NewSecretaryClient(SecretaryEmail, "Exempelby stadsdel");
        People =
        [
            new("Karin Exempelsson", "arbetsgivaren", $"karin.{Tag}@example.org"),
            new("Anna Björk", "Kommunal", $"anna.{Tag}@example.org"),
            new("Erik Söderström", "Vision", $"erik.{Tag}@example.org"),
        ];
    }

    public JusteraTestHost Host { get; }

    public MailDevServer MailDev { get; }

    public string Tag { get; }

    public string SecretaryEmail { get; }

    /// <summary>The secretary's client: the development sign-in headers on every request.</summary>
    public HttpClient Secretary { get; }

    public IReadOnlyList<TestJusterare> People { get; }

    public string RoundId { get; private set; } = "";

    public string DocumentId => $"{RoundId}-v1";

    /// <summary>The approved original as uploaded.</summary>
    public static byte[] Original { get; } = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "fg-protokoll-exempel.pdf"));

    /// <summary>Each justerare's personal request link, as mailed.</summary>
    public Dictionary<TestJusterare, Uri> Links { get; } = [];

    public const string DissentItem = "§ 2 Föranmälda frågor";
    public const string DissentText = "Vision delar inte bedömningen av vikarietillsättningen.";

    public static async Task<SealScenario> StartAsync(SignedProtocolsFixture fixture, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var host = await JusteraTestHost.StartAsync(new JusteraTestHostOptions
        {
            StorageConnectionString = fixture.Azurite.ConnectionString,
            SmtpPort = fixture.MailDev.SmtpPort,
            BackgroundLoops = false,
            DataFolder = fixture.DataFolder,
            Settings = settings ?? new Dictionary<string, string?>(),
        });
        return new SealScenario(host, fixture.MailDev);
    }

    /// <summary>Creates and starts the round through the API, and every justerare answers through their link: two "inget att erinra", one dissent.</summary>
    public async Task CompleteRoundAsync()
    {
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(Original);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "protocol", "fg-protokoll.pdf");
            form.Add(new StringContent(JsonSerializer.Serialize(People.Select(p => new { name = p.Name, organisation = p.Organisation, email = p.Email })), Encoding.UTF8, "application/json"), "roster");
            form.Add(new StringContent(MeetingDate), "meetingDate");
            form.Add(new StringContent("2026-12-15T16:00"), "deadline");
            form.Add(new StringContent("true"), "start");
            using var created = await Secretary.PostAsync(new Uri("api/rundor", UriKind.Relative), form);
            var body = await created.Content.ReadAsStringAsync();
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"Creating the round answered {(int)created.StatusCode}: {body}");
            using var json = JsonDocument.Parse(body);
            RoundId = json.RootElement.GetProperty("id").GetString()!;
        }

        await DispatchAsync();
        foreach (var person in People)
            Links[person] = LinkIn(await WaitForMailAsync(person.Email, BaseSubject), RequestLink());

        await AnswerAsync(Links[People[0]], "Inget att erinra");
        Host.Clock.Advance(TimeSpan.FromMinutes(20));
        await AnswerAsync(Links[People[1]], "Inget att erinra");
        Host.Clock.Advance(TimeSpan.FromMinutes(20));
        await AnswerAsync(Links[People[2]], "Justerar med oenighet", DissentItem, DissentText);
        Assert.Equal("Justerat", (await StatusAsync()).GetProperty("phase").GetString());
    }

    /// <summary>Answers like a person: opens the link, fills in the form it shows and posts it (303 to the receipt).</summary>
    public async Task AnswerAsync(Uri link, string answer, string? item = null, string? text = null)
    {
        var browser = Host.NewBrowser();
        var page = await ReadAsync(await browser.GetAsync(link));
        Assert.True(page.Status == HttpStatusCode.OK, $"{link} answered {(int)page.Status}: {page.Text}");
        var form = Assert.Single(page.Forms);
        var (name, value) = form.Choice(answer);
        using var content = new FormUrlEncodedContent([.. form.Hidden, new(name, value), new("item", item ?? ""), new("text", text ?? "")]);
        using var posted = await browser.PostAsync(new Uri(link, form.Action), content);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
    }

    /// <summary>Runs this host's dispatcher until it finds nothing due (a retry waiting for the fake clock stays).</summary>
    public async Task DispatchAsync()
    {
        var until = DateTime.UtcNow + MailTimeout;
        while (await Host.DispatchOnceAsync() > 0)
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException("The dispatcher kept finding work.");
        }
    }

    public async Task<bool> OutboxIsEmptyAsync() => (await Host.Service<OutboxStore>().ReadAsync(RoundId)).Count == 0;

    public async Task<JsonElement> StatusAsync()
    {
        using var response = await Secretary.GetAsync(new Uri($"api/rundor/{RoundId}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The status answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    /// <summary>The secretary's round page as a person reads it.</summary>
    public async Task<HtmlPage> RoundPageAsync()
    {
        using var response = await Secretary.GetAsync(new Uri($"rundor/{RoundId}", UriKind.Relative));
        return await HtmlPage.ReadAsync(response);
    }

    public async Task<IReadOnlyList<string>> SignedBlobsAsync() =>
        await Host.Service<SignedProtocolBlobs>().ListAsync();

    public async Task<byte[]> StoredSealedFileAsync() =>
        (await Host.Service<SignedProtocolBlobs>().ReadAsync($"{DocumentId}.pdf"))?.ToArray()
            ?? throw new InvalidOperationException($"{DocumentId}.pdf is not stored.");

    public Task<ReceivedMail> WaitForMailAsync(string to, string subject) =>
        MailDev.WaitForMailAsync(m => m.To.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)) && m.Subject == subject, MailTimeout);

    public async Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string to) =>
        [.. (await MailDev.GetMailsAsync()).Where(m => m.To.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The one link matching <paramref name="pattern"/> in a mail's plain text.</summary>
    public Uri LinkIn(ReceivedMail mail, Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(pattern);
        var links = pattern.Matches(mail.Text ?? "").Select(m => m.Value).Distinct().ToList();
        Assert.True(links.Count == 1, $"Expected one such link in \"{mail.Subject}\", found {links.Count}:\n{mail.Text}");
        var link = new Uri(links[0]);
        Assert.Equal(Host.BaseAddress.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        return link;
    }

    [GeneratedRegex(@"https?://[^\s/]+/svar/[0-9a-f]{32}\.[A-Za-z0-9_-]{43}(?![/A-Za-z0-9_-])")]
    public static partial Regex RequestLink();

    [GeneratedRegex(@"https?://[^\s/]+/svar/[0-9a-f]{32}\.[A-Za-z0-9_-]{43}/signerat")]
    public static partial Regex SignedLink();

    [GeneratedRegex(@"https?://[^\s/]+/verifiera\?dokument=[^\s""<>]+")]
    public static partial Regex VerificationLink();

    /// <summary>A browser's verification: opens /verifiera, then posts the file with the page's anti-forgery field.</summary>
    public async Task<HtmlPage> VerifyFileAsync(byte[] file, string fileName = "protokoll.pdf")
    {
        var browser = Host.NewBrowser();
        var page = await ReadAsync(await browser.GetAsync(new Uri("verifiera", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var upload = page.Forms.Single(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in upload.Hidden)
            form.Add(new StringContent(value), name);
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", fileName);
        return await ReadAsync(await browser.PostAsync(new Uri(upload.Action, UriKind.Relative), form));
    }

    private static async Task<HtmlPage> ReadAsync(HttpResponseMessage response)
    {
        using (response)
            return await HtmlPage.ReadAsync(response);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Runs pdfsig, qpdf and pdftotext on a file, so the tests check the result independently of our own code.</summary>
internal static class PdfTools
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string tool, byte[] file, params string[] arguments)
    {
        var folder = Path.Combine(Path.GetTempPath(), "justera-tests", $"tool-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "file.pdf");
            File.WriteAllBytes(path, file);
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument == "{file}" ? path : argument);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish.");
            }
            return new Result(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
        finally
        {
            TempFolders.DeleteQuietly(folder);
        }
    }

    /// <summary>pdftotext's text with every run of white space made one space.</summary>
    public static string Text(byte[] file)
    {
        var result = Run("pdftotext", file, "-enc", "UTF-8", "{file}", "-");
        Assert.True(result.ExitCode == 0, result.Error);
        return string.Join(' ', result.Output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
