using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Justera.Core.ReportCycles;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles.Reports;

/// <summary>
/// A cycle on a local host with its engine on, as in production: the requests arrive by themselves, a few units are
/// klarmarkerade and approved through the mailed links, and the secretary follows the report through HTTP.
/// </summary>
public sealed class ReportScenario : IAsyncDisposable
{
    public const string Administration = "Exempelby stadsdel";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ReportScenario(CycleScenario cycle)
    {
        Cycle = cycle;
        Secretary = cycle.Host.NewSecretaryClient(CycleScenario.Secretary.Email, Administration);
    }

    public CycleScenario Cycle { get; }

    /// <summary>The secretary's browser (development sign-in headers, cookies kept, redirects not followed).</summary>
    public HttpClient Secretary { get; }

    public static string Id => CycleScenario.CycleId;

    public static string Analysis(ReportingUnit unit) => $"Analys från {unit.Name}: arbetet med målet går enligt plan.";

    public static async Task<ReportScenario> StartAsync(ServersFixture servers, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(await CycleScenario.StartAsync(servers, settings, backgroundLoops: true));

    /// <summary>Starts T1 2026 for every sample unit and waits for each manager's request.</summary>
    public async Task StartCycleAsync()
    {
        var started = await Cycle.Service.StartAsync(ReportPeriod.T1, 2026, CycleScenario.Deadline, 0.5m, Cycle.Units, Cycle.Structure, CycleScenario.Secretary, "form-report");
        Assert.False(started.Refused, started.Decision.Refusal?.Message);
        await MailsAsync(m => m.Subject.StartsWith("Underlag till tertialrapport 1 2026", StringComparison.Ordinal), Cycle.Units.Count);
    }

    /// <summary>Each unit's manager klarmarkerar through the request's link, and the department head approves through the mailed link.</summary>
    public async Task ApproveAsync(params string[] unitIds)
    {
        foreach (var unit in unitIds.Select(Cycle.Unit))
        {
            var request = (await MailsAsync(m => m.Subject == CycleScenario.RequestSubject(unit), 1))[0];
            var token = CycleScenario.UnitTokens(request)[0];
            var form = await Cycle.Service.UnitFormAsync(token);
            var ready = await Cycle.Service.MarkReadyAsync(token, unit.Id, Cycle.CompleteInput(unit.Id, Analysis(unit)), form.InputVersion);
            Assert.False(ready.Refused, ready.Decision.Refusal?.Message + string.Join("; ", ready.Decision.Refusal?.Fields.Select(f => f.Message) ?? []));
            var toHead = (await MailsAsync(m => m.Subject.StartsWith($"Klarmarkerad: {unit.Name}", StringComparison.Ordinal), 1))[0];
            var approved = await Cycle.Service.ApproveAsync(CycleScenario.DepartmentTokens(toHead)[0], unit.Id, unit.DepartmentHead.Name,
                ready.Unit.State.ReportOrNull!.Version);
            Assert.False(approved.Refused, approved.Decision.Refusal?.Message);
        }
    }

    /// <summary>The secretary closes the period with the other units missing; the close asks for version 1.</summary>
    public async Task CloseAsync()
    {
        var closed = await Cycle.Service.CloseAsync(Id, confirmedMissing: true, CycleScenario.Secretary.Name);
        Assert.False(closed.Refused, closed.Decision.Refusal?.Message);
    }

    public async Task<JsonElement> ReportAsync()
    {
        using var response = await Secretary.GetAsync(new Uri($"api/rapportcykler/{Id}/rapport", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET report answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    /// <summary>Reads the report's status through the API until <paramref name="done"/> holds, and returns that status.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> done, string what)
    {
        var report = default(JsonElement);
        await Eventually.TrueAsync(async () => done(report = await ReportAsync()), Patience, $"The report did not reach this in time: {what}. Last: {report}");
        return report;
    }

    public static int Versions(JsonElement report) => report.GetProperty("versions").GetArrayLength();

    public async Task<(byte[] Content, HttpResponseMessage Response)> DownloadAsync(int number, string format)
    {
        var response = await Secretary.GetAsync(new Uri($"api/rapportcykler/{Id}/rapport/{number}/{format}", UriKind.Relative));
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    public async Task<HtmlPage> PageAsync(string path)
    {
        using var response = await Secretary.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        return await HtmlPage.ReadAsync(response);
    }

    public async Task<List<ReceivedMail>> MailsAsync(Func<ReceivedMail, bool> match, int count)
    {
        List<ReceivedMail> found = [];
        await Eventually.TrueAsync(async () => (found = [.. (await Cycle.MailDev.GetMailsAsync()).Where(match)]).Count >= count,
            Patience, $"Only {found.Count} of {count} mails arrived in time.");
        return found;
    }

    public async ValueTask DisposeAsync() => await Cycle.DisposeAsync();
}

/// <summary>
/// Reads a .docx and an .xlsx as an office suite shows them: Debian's LibreOffice converts both to PDF in one run and
/// pdftotext reads the PDFs, so the text is checked independently of the code that wrote the files.
/// </summary>
internal static class OfficeText
{
    public static (string Docx, string Xlsx) Read(byte[] docx, byte[] xlsx)
    {
        var folder = Path.Combine(Path.GetTempPath(), "justera-tests", $"office-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "rapport.docx"), docx);
            File.WriteAllBytes(Path.Combine(folder, "tabeller.xlsx"), xlsx);
            // A profile of its own: another run's lock or settings in ~/.config cannot interfere.
            var profile = new Uri(Path.Combine(folder, "profile")).AbsoluteUri;
            var converted = Run("soffice", $"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder,
                Path.Combine(folder, "rapport.docx"), Path.Combine(folder, "tabeller.xlsx"));
            Assert.True(converted.ExitCode == 0, $"soffice exited with {converted.ExitCode}: {converted.Output}");
            return (Text(Path.Combine(folder, "rapport.pdf")), Text(Path.Combine(folder, "tabeller.pdf")));
        }
        finally
        {
            TempFolders.DeleteQuietly(folder);
        }
    }

    private static string Text(string pdf)
    {
        Assert.True(File.Exists(pdf), $"soffice wrote no {Path.GetFileName(pdf)}.");
        var result = Run("pdftotext", "-enc", "UTF-8", pdf, "-");
        Assert.True(result.ExitCode == 0, result.Output);
        return string.Join(' ', result.Output.Replace('\u00A0', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static (int ExitCode, string Output) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in two minutes.");
        }
        return (process.ExitCode, output.Result + error.Result);
    }
}
