using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Justera.Application.ReportCycles;
using Justera.Core.Links;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles;

/// <summary>The report cycle tests share one Azurite and one maildev of their own; xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ReportCyclesServers : ICollectionFixture<ServersFixture>
{
    public const string Name = "report-cycles";
}

/// <summary>
/// A local host on the collection's servers with its loops off (no cycle orchestration exists yet), the sample units
/// and structure read through the Core importers, and helpers to drive the service and read the mails it sent.
/// </summary>
public sealed partial class CycleScenario : IAsyncDisposable
{
    public static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The cycle's deadline: the day after the host's default start (Tuesday 8 December 2026), a Wednesday.</summary>
    public static readonly DateOnly Deadline = new(2026, 12, 9);

    public static readonly Person Secretary = new("Hanna Sekreterare", "hanna.sekreterare@example.org");

    private CycleScenario(ServersFixture servers, JusteraTestHost host, IReadOnlyList<ReportingUnit> units, YearStructure structure)
    {
        Servers = servers;
        Host = host;
        Units = units;
        Structure = structure;
    }

    public ServersFixture Servers { get; }

    public JusteraTestHost Host { get; }

    public MailDevServer MailDev => Servers.MailDev;

    public IReadOnlyList<ReportingUnit> Units { get; }

    /// <summary>The sample structure, moved to the cycle's year (2026) so the cycle can start on the host's clock.</summary>
    public YearStructure Structure { get; }

    public ReportCycleService Service => Host.Service<ReportCycleService>();

    public static string CycleId => ReportCycleIds.For(ReportPeriod.T1, 2026);

    /// <param name="backgroundLoops">Whether the host runs its engine, so the cycle's orchestration opens units and sends mail by itself.</param>
    public static async Task<CycleScenario> StartAsync(ServersFixture servers, IReadOnlyDictionary<string, string?>? settings = null, bool backgroundLoops = false)
    {
        ArgumentNullException.ThrowIfNull(servers);
        await servers.MailDev.DeleteAllAsync();
        var units = UnitsCsv.Read(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "samples", "report-cycle", "enheter.csv")));
        Assert.True(units.Succeeded, string.Join("; ", units.Errors));
        var structure = StructureJson.Read(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "samples", "report-cycle", "struktur-2021.json")));
        Assert.True(structure.Succeeded, string.Join("; ", structure.Errors));
        var host = await JusteraTestHost.StartAsync(new JusteraTestHostOptions
        {
            StorageConnectionString = servers.Azurite.ConnectionString,
            SmtpPort = servers.MailDev.SmtpPort,
            BackgroundLoops = backgroundLoops,
            Settings = settings ?? new Dictionary<string, string?>(),
        });
        return new CycleScenario(servers, host, units.Value!, structure.Value! with { Year = 2026 });
    }

    /// <summary>Starts T1 2026 for the given units (all sample units unless given) and opens every unit in batches of <paramref name="batch"/>.</summary>
    public async Task StartAndOpenAsync(IReadOnlyList<ReportingUnit>? units = null, YearStructure? structure = null, int batch = 4)
    {
        var started = await Service.StartAsync(ReportPeriod.T1, 2026, Deadline, 0.5m, units ?? Units, structure ?? Structure, Secretary, "form-1");
        Assert.False(started.Refused, started.Decision.Refusal?.Message + " " + string.Join("; ", started.Decision.Refusal?.Fields.Select(f => f.Message) ?? []));
        OpenUnitsResult result;
        do
        {
            result = await Service.OpenUnitsAsync(CycleId, batch);
        }
        while (result.Remaining > 0);
    }

    public ReportingUnit Unit(string id) => Units.Single(u => u.Id == id);

    public static string RequestSubject(ReportingUnit unit) => $"Underlag till tertialrapport 1 2026: {unit.Name}";

    /// <summary>Empties the cycle's outbox with this host's dispatcher (and another's, when given), passes of both at once.</summary>
    public async Task DrainAsync(JusteraTestHost? second = null)
    {
        var until = DateTime.UtcNow + MailTimeout;
        var outbox = Host.Service<Justera.Storage.Outbox.OutboxStore>();
        while ((await outbox.ReadCycleAsync(CycleId)).Count > 0)
        {
            Assert.True(DateTime.UtcNow < until, "The cycle's outbox was not emptied in time.");
            if (second is null)
                await Host.DispatchOnceAsync();
            else
                await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { Host.DispatchOnceAsync(), second.DispatchOnceAsync() }));
        }
    }

    /// <summary>Every mail in the inbox once maildev has shown all it accepted (a fence mail sent after them has arrived).</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsAsync()
    {
        await MailDev.FenceAsync("staket@example.org", MailTimeout);
        return [.. (await MailDev.GetMailsAsync()).Where(m => m.Subject != "Staket")];
    }

    public static IReadOnlyList<ReceivedMail> To(IEnumerable<ReceivedMail> mails, string address) =>
        [.. mails.Where(m => m.To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The unit-form tokens in a mail's plain text, in order.</summary>
    public static IReadOnlyList<string> UnitTokens(ReceivedMail mail) =>
        [.. UnitLink().Matches(mail.Text ?? "").Select(m => Uri.UnescapeDataString(m.Groups[1].Value))];

    public static IReadOnlyList<string> DepartmentTokens(ReceivedMail mail) =>
        [.. DepartmentLink().Matches(mail.Text ?? "").Select(m => Uri.UnescapeDataString(m.Groups[1].Value))];

    public static CycleLink Read(string token)
    {
        Assert.True(CycleLinks.TryRead(token, out var link, out _), $"Not a cycle token: {token}");
        return link;
    }

    /// <summary>A complete input for the unit: every goal assessed (with an analysis when not met fully), activities on plan, forecasts equal to budget.</summary>
    public UnitInput CompleteInput(string unitId, string analysis = "Verksamheten följer planen.", int textLength = 0)
    {
        var a = Structure.Assignments.Single(x => x.UnitId == unitId);
        string Text(string seed) => textLength == 0 ? seed : string.Concat(Enumerable.Repeat(seed + " ", (textLength / (seed.Length + 1)) + 1))[..textLength];
        return new UnitInput(
            [.. a.GoalIds.Select((g, i) => new GoalAssessment(g, i == 0 ? GoalFulfilment.Fully : GoalFulfilment.Partly, Text(analysis)))],
            [],
            [.. a.ActivityIds.Select(id => new ActivityStatus(id, ActivityProgress.OnPlan, ""))],
            [.. a.Budget.Select(b => new EconomyForecast(b.Id, b.Budget, ""))],
            textLength == 0 ? "" : Text("Goda exempel från enheten."),
            textLength == 0 ? "" : Text("Jämställdhetsanalys för enheten."));
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    [GeneratedRegex(@"https?://[^\s]+/enhet/([^\s]+)")]
    private static partial Regex UnitLink();

    [GeneratedRegex(@"https?://[^\s]+/avdelning/([^\s]+)")]
    private static partial Regex DepartmentLink();
}
