using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Justera.Core.ReportCycles;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles.Cycles;

/// <summary>
/// The dashboard as the secretary reads it while units report: each unit's phase, the counts per department, the chart
/// of the goal assessments (read back from the SVG itself, against assessments the test made), and the actions —
/// remind now, extend, close — done from the page's own forms.
/// </summary>
[Collection(CyclePagesServers.Name)]
public sealed partial class CycleDashboardTests(ServersFixture servers) : IAsyncLifetime
{
    private CyclePagesScenario s = null!;

    private static string Dashboard => $"/rapportcykler/{CyclePagesScenario.CycleId}";

    public async Task InitializeAsync()
    {
        s = await CyclePagesScenario.StartAsync(servers);
        await s.StartFromPageAsync();
        await s.OpenAndDrainAsync();
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenUnitsInEveryPhase_WhenTheDashboardIsShown_ThenEachUnitsPhaseTheCountsAndTheChartsBarsMatchWhatTheUnitsDid()
    {
        // FSK-01 saves a draft assessing every goal "inte"; ALD-02 a draft assessing none; FSK-02 is klarmarkerad with
        // its first goal "helt" and the rest "delvis"; FSK-03 the same and approved; ALD-01 the same and sent back.
        var inputs = new Dictionary<string, UnitInput>
        {
            ["FSK-01"] = s.Input("FSK-01", _ => GoalFulfilment.NotMet),
            ["ALD-02"] = s.Input("ALD-02", _ => null),
            ["FSK-02"] = s.Input("FSK-02", i => i == 0 ? GoalFulfilment.Fully : GoalFulfilment.Partly),
            ["FSK-03"] = s.Input("FSK-03", i => i == 0 ? GoalFulfilment.Fully : GoalFulfilment.Partly),
            ["ALD-01"] = s.Input("ALD-01", i => i == 0 ? GoalFulfilment.Fully : GoalFulfilment.Partly),
        };
        var tokens = new Dictionary<string, string>();
        foreach (var id in inputs.Keys)
            tokens[id] = await s.UnitTokenAsync(s.Unit(id));
        Assert.Null((await s.Service.SaveDraftAsync(tokens["FSK-01"], "FSK-01", inputs["FSK-01"], 0)).Decision.Refusal);
        Assert.Null((await s.Service.SaveDraftAsync(tokens["ALD-02"], "ALD-02", inputs["ALD-02"], 0)).Decision.Refusal);
        foreach (var id in new[] { "FSK-02", "FSK-03", "ALD-01" })
        {
            var ready = await s.Service.MarkReadyAsync(tokens[id], id, inputs[id], 0);
            Assert.True(ready.Decision.Refusal is null, ready.Decision.Refusal?.Message + " " + string.Join("; ", ready.Decision.Refusal?.Fields.Select(f => f.Message) ?? []));
        }
        await s.DrainAsync();
        var mails = await s.MailsAsync();
        string HeadToken(string id) => CycleScenario.DepartmentTokens(Assert.Single(mails, m => m.Subject.StartsWith($"Klarmarkerad: {s.Unit(id).Name}", StringComparison.Ordinal)))[0];
        Assert.Null((await s.Service.ApproveAsync(HeadToken("FSK-03"), "FSK-03", "Maria Berglund", 1)).Decision.Refusal);
        Assert.Null((await s.Service.SendBackAsync(HeadToken("ALD-01"), "ALD-01", "Karin Sjöberg", 1, "Förtydliga analysen.")).Decision.Refusal);

        var page = await s.GetPageAsync(Dashboard);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("2 av 10 enheter klara", page.Text);
        Assert.Contains("Avdelningen för förskola 2 av 4 enheter klara", page.Text);
        Assert.Contains("Avdelningen för äldreomsorg 0 av 3 enheter klara", page.Text);
        Assert.Contains("Ej påbörjade: 5 Utkast: 2 Återskickade: 1 Klarmarkerade: 1 Godkända: 1 Sena: 0", page.Text);
        Assert.Matches("progress aria-labelledby=\"framsteg-alla\" max=\"10\" value=\"2\"", page.Html);
        var phases = new Dictionary<string, string>
        {
            ["FSK-01"] = "utkast", ["ALD-02"] = "utkast", ["FSK-02"] = "klarmarkerad", ["FSK-03"] = "godkänd", ["ALD-01"] = "återskickad",
            ["FSK-04"] = "ej påbörjad", ["ALD-03"] = "ej påbörjad", ["IFO-01"] = "ej påbörjad", ["IFO-02"] = "ej påbörjad", ["IFO-03"] = "ej påbörjad",
        };
        foreach (var (id, phase) in phases)
        {
            var row = CycleStartPageTests.Row(page, id);
            Assert.StartsWith($"{s.Unit(id).Name} {id} {s.Unit(id).Manager.Name} {phase} 15 december 2026 ", row, StringComparison.Ordinal);
            // A unit that has saved something shows when; one that has not shows a dash.
            Assert.Equal(phase != "ej påbörjad", row.EndsWith("2026-12-08 kl. 09.30", StringComparison.Ordinal));
        }

        // The chart: per goal, per kind, the count the units' assessments give; every unit that reports on the goal counted once.
        var expected = ExpectedCounts(inputs);
        var bars = Bars(page);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(), bars.Keys.Order());
        foreach (var (goal, counts) in expected)
        {
            var drawn = bars[goal];
            Assert.Equal(counts.Where(c => c.Value > 0).ToDictionary(), drawn.ToDictionary(b => b.Key, b => b.Value.Count));
            // Each segment's width is its share of the bar's 720 units, and the segments follow each other without gaps.
            var total = counts.Values.Sum();
            var x = 0.0;
            foreach (var kind in Kinds.Where(k => counts[k] > 0))
            {
                Assert.Equal(x, drawn[kind].X, 1);
                Assert.Equal(720.0 * counts[kind] / total, drawn[kind].Width, 1);
                x += drawn[kind].Width;
            }
            Assert.Equal(720.0, x, 1);
        }
        // Two goals counted by hand from the sample's assignments, so the expectation is not only a copy of the code:
        // KF1.3 is FSK-01 (inte), FSK-02 and FSK-03 (helt, their first goal); NM3.2.1 is FSK-01 (inte), FSK-02, FSK-03 and
        // ALD-01 (delvis), ALD-02 (a draft without assessments), IFO-02 and IFO-03 (nothing saved).
        Assert.Equal(new Dictionary<string, int> { ["helt"] = 2, ["delvis"] = 0, ["inte"] = 1, ["saknas"] = 0 }, expected["KF1.3"]);
        Assert.Equal(new Dictionary<string, int> { ["helt"] = 0, ["delvis"] = 3, ["inte"] = 1, ["saknas"] = 3 }, expected["NM3.2.1"]);
        // A screen reader reads the same numbers: the image's name and the table beside it.
        var label = WebUtility.HtmlDecode(Regex.Match(page.Html, """<svg id="malbedomning" role="img" aria-label="([^"]*)" """.Trim()).Groups[1].Value);
        foreach (var (goal, counts) in expected)
        {
            var name = GoalLabel(goal);
            Assert.Contains($"{name}: {counts["helt"]} helt, {counts["delvis"]} delvis, {counts["inte"]} inte, {counts["saknas"]} saknas.", label, StringComparison.Ordinal);
            Assert.Contains($"{name} {counts["helt"]} {counts["delvis"]} {counts["inte"]} {counts["saknas"]} {counts.Values.Sum()}", page.Text);
        }

        // The API reads the same counts.
        using var api = await s.Secretary.GetAsync(new Uri($"/api/rapportcykler/{CyclePagesScenario.CycleId}", UriKind.Relative));
        var json = await CyclePagesScenario.JsonAsync(api, HttpStatusCode.OK);
        Assert.Equal("2 av 10 enheter klara", json.GetProperty("progress").GetString());
        foreach (var goal in json.GetProperty("goals").EnumerateArray())
        {
            var counts = expected[goal.GetProperty("goalId").GetString()!];
            Assert.Equal([counts["helt"], counts["delvis"], counts["inte"], counts["saknas"]],
                CountProperties.Select(p => goal.GetProperty(p).GetInt32()));
        }
        var units = json.GetProperty("departments").EnumerateArray().SelectMany(d => d.GetProperty("units").EnumerateArray()).ToList();
        Assert.Equal("SentBack", units.Single(u => u.GetProperty("id").GetString() == "ALD-01").GetProperty("phase").GetString());
        Assert.Equal("återskickad", units.Single(u => u.GetProperty("id").GetString() == "ALD-01").GetProperty("phaseText").GetString());
    }

    [Fact]
    public async Task GivenAnOpenCycle_WhenTheSecretaryRemindsExtendsAndClosesFromTheDashboard_ThenEachIsDoneMailedAndInTheHistory()
    {
        await s.MailDev.DeleteAllAsync();

        // Remind one unit: its manager gets a reminder with a fresh link; a second reminder the same day is refused.
        using (var remind = await s.SubmitAsync(Dashboard, $"{Dashboard}/paminn", [new("unitId", "FSK-04")]))
        {
            Assert.Equal(HttpStatusCode.SeeOther, remind.StatusCode);
            Assert.Equal(Dashboard, remind.Headers.Location?.OriginalString);
        }
        await s.DrainAsync();
        var reminder = Assert.Single(await s.MailsAsync());
        Assert.Equal("Påminnelse: tertialrapport 1 2026", reminder.Subject);
        Assert.Equal(s.Unit("FSK-04").Manager.Email, Assert.Single(reminder.To).Address);
        Assert.Equal("FSK-04", CycleScenario.Read(Assert.Single(CycleScenario.UnitTokens(reminder))).Scope);
        var page = await s.GetPageAsync(Dashboard);
        Assert.Contains("Påminnelsen skickas.", page.Text);
        Assert.Contains("Påminnelse (påminn nu) till Öppna förskolan.", page.Text);

        using (var again = await s.SubmitAsync(Dashboard, $"{Dashboard}/paminn", [new("unitId", "FSK-04")]))
        {
            var refused = await HtmlPage.ReadAsync(again);
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            Assert.Contains("Det gick inte Leila Haddad har redan fått en påminnelse i dag. Nästa kan skickas i morgon.", refused.Text);
        }

        // Extend every unit, then one unit further; a Saturday and a date years away are refused at the field.
        using (var extend = await s.SubmitAsync(Dashboard, $"{Dashboard}/forlang", [new("unitId", ""), new("deadline", "2026-12-18")]))
            Assert.Equal(HttpStatusCode.SeeOther, extend.StatusCode);
        using (var one = await s.SubmitAsync(Dashboard, $"{Dashboard}/forlang", [new("unitId", "IFO-02"), new("deadline", "2026-12-22")]))
            Assert.Equal(HttpStatusCode.SeeOther, one.StatusCode);
        foreach (var (date, message) in new[]
        {
            ("2026-12-19", "Sista dag måste vara en arbetsdag; 19 december 2026 är lördag."),
            ("2031-01-15", "Sista dag får ligga högst ett år fram i tiden"),
            ("2026-12-16", "Den nya sista dagen måste vara senare än den nuvarande, 18 december 2026."),
            ("nästa vecka", "Skriv ny sista dag som ÅÅÅÅ-MM-DD"),
        })
        {
            using var refused = await s.SubmitAsync(Dashboard, $"{Dashboard}/forlang", [new("unitId", ""), new("deadline", date)]);
            var refusedPage = await HtmlPage.ReadAsync(refused);
            Assert.Equal(HttpStatusCode.BadRequest, refusedPage.Status);
            Assert.Contains(message, CycleStartPageTests.FieldError(refusedPage, "forlang-deadline"));
            // What was typed is shown again in the form it was typed in.
            Assert.Contains($"value=\"{date}\"", WebUtility.HtmlDecode(refusedPage.Html), StringComparison.Ordinal);
        }
        page = await s.GetPageAsync(Dashboard);
        Assert.Contains("Sista dag fredagen den 18 december 2026", page.Text);
        Assert.EndsWith("22 december 2026 –", CycleStartPageTests.Row(page, "IFO-02"), StringComparison.Ordinal);
        Assert.EndsWith("18 december 2026 –", CycleStartPageTests.Row(page, "IFO-01"), StringComparison.Ordinal);
        Assert.Contains("Sista dag för alla enheter flyttades till 18 december 2026.", page.Text);
        Assert.Contains("Sista dag för Barn- och ungdomsenheten flyttades till 22 december 2026.", page.Text);

        // Close: with units not approved the page lists them and asks for the confirmation; without it nothing is closed.
        Assert.Contains("10 av 10 enheter är inte godkända.", page.Text);
        Assert.Contains("Förskolorna i Bredäng (ej påbörjad)", page.Text);
        using (var unconfirmed = await s.SubmitAsync(Dashboard, $"{Dashboard}/stang", []))
        {
            var refused = await HtmlPage.ReadAsync(unconfirmed);
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            Assert.Contains("10 av 10 enheter är inte godkända", CycleStartPageTests.FieldError(refused, "stang-confirmMissing"));
            Assert.IsType<ReportCycleState.Open>((await s.Service.LoadCycleAsync(CyclePagesScenario.CycleId)).State);
        }
        using (var close = await s.SubmitAsync(Dashboard, $"{Dashboard}/stang", [new("confirmMissing", "on")]))
            Assert.Equal(HttpStatusCode.SeeOther, close.StatusCode);
        var closed = Assert.IsType<ReportCycleState.Closed>((await s.Service.LoadCycleAsync(CyclePagesScenario.CycleId)).State);
        Assert.Equal(10, closed.MissingUnitIds.Count);
        await s.DrainAsync();
        Assert.Single(await s.MailsAsync(), m => m.Subject == "Perioden är stängd: tertialrapport 1 2026" && m.To.Single().Address == CyclePagesScenario.SecretaryEmail);

        page = await s.GetPageAsync(Dashboard);
        Assert.Contains("Perioden är stängd. Rapporten sammanställs nu.", page.Text);
        Assert.Contains("Läge Stängd 8 december 2026", page.Text);
        Assert.Matches("Saknas i rapporten: [^.]*Förskolorna i Bredäng", page.Text);
        Assert.Contains("Perioden är stängd, så det går inte att påminna, förlänga eller stänga längre.", page.Text);
        Assert.DoesNotContain(page.Forms, f => f.Action.StartsWith(Dashboard + "/", StringComparison.Ordinal));
        Assert.Contains($"""<a href="{Dashboard}/rapport">Sammanställd rapport</a>""", page.Html, StringComparison.Ordinal);
        Assert.Contains($"{CyclePagesScenario.SecretaryEmail} stängde perioden utan 10 enheter som inte var godkända", page.Text);

        // The closed cycle refuses what the page no longer offers, in Swedish.
        using var late = await s.PostJsonAsync($"/api/rapportcykler/{CyclePagesScenario.CycleId}/paminn", "{}");
        var problem = await CyclePagesScenario.JsonAsync(late, HttpStatusCode.Conflict);
        Assert.Equal("Perioden är stängd. Inget kan längre ändras i den.", problem.GetProperty("detail").GetString());
    }

    private static readonly string[] Kinds = ["helt", "delvis", "inte", "saknas"];

    private static readonly string[] CountProperties = ["fully", "partly", "notMet", "missing"];

    /// <summary>What the chart should show: per goal the units assigned it, each counted by its latest saved assessment or as missing.</summary>
    private Dictionary<string, Dictionary<string, int>> ExpectedCounts(Dictionary<string, UnitInput> inputs)
    {
        var result = new Dictionary<string, Dictionary<string, int>>();
        foreach (var assignment in s.Structure.Assignments)
        {
            foreach (var goal in assignment.GoalIds)
            {
                if (!result.TryGetValue(goal, out var counts))
                    result[goal] = counts = Kinds.ToDictionary(k => k, _ => 0);
                var fulfilment = inputs.TryGetValue(assignment.UnitId, out var input) ? input.Goals.Single(g => g.GoalId == goal).Fulfilment : null;
                counts[fulfilment switch
                {
                    GoalFulfilment.Fully => "helt",
                    GoalFulfilment.Partly => "delvis",
                    GoalFulfilment.NotMet => "inte",
                    _ => "saknas",
                }]++;
            }
        }
        return result;
    }

    private string GoalLabel(string goalId)
    {
        foreach (var area in s.Structure.DirectionGoals.SelectMany(d => d.AreaGoals))
        {
            if (area.Id == goalId)
                return $"Mål {area.Number} {area.Title}";
            if (area.BoardGoals.FirstOrDefault(b => b.Id == goalId) is { } board)
                return $"Nämndmål ({area.Number}): {board.Title}";
        }
        throw new InvalidOperationException(goalId);
    }

    /// <summary>The chart's segments as drawn: per goal, per kind, its count, x and width.</summary>
    private static Dictionary<string, Dictionary<string, (int Count, double X, double Width)>> Bars(HtmlPage page)
    {
        var svg = Regex.Match(page.Html, """<svg id="malbedomning".*?</svg>""", RegexOptions.Singleline);
        Assert.True(svg.Success, "The dashboard has no chart.");
        var bars = new Dictionary<string, Dictionary<string, (int, double, double)>>();
        foreach (Match rect in Segment().Matches(svg.Value))
        {
            var goal = rect.Groups["goal"].Value;
            if (!bars.TryGetValue(goal, out var kinds))
                bars[goal] = kinds = [];
            kinds.Add(rect.Groups["kind"].Value, (
                int.Parse(rect.Groups["count"].Value, CultureInfo.InvariantCulture),
                double.Parse(rect.Groups["x"].Value, CultureInfo.InvariantCulture),
                double.Parse(rect.Groups["width"].Value, CultureInfo.InvariantCulture)));
        }
        return bars;
    }

    [GeneratedRegex("""<rect class="\w+" data-goal="(?<goal>[^"]+)" data-kind="(?<kind>\w+)" data-count="(?<count>\d+)" x="(?<x>[\d.]+)" y="[\d.]+" width="(?<width>[\d.]+)" """)]
    private static partial Regex Segment();
}
