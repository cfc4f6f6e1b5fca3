using System.Net;
using System.Text;
using Justera.Core.ReportCycles.Setup;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles.Setup;

/// <summary>The secretary imports the year's structure through the page and the API: preview counts, confirm, the readable tree, the JSON back.</summary>
[Collection(SetupServers.Name)]
public sealed class StructureImportTests(ServersFixture servers) : IAsyncLifetime
{
    private SetupScenario s = null!;

    public async Task InitializeAsync() => s = await SetupScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenTheSampleUnitsAndStructure_WhenTheStructureIsPreviewedAndConfirmed_ThenTheYearPageShowsTheTreeAndTheUnitsAssignments()
    {
        using (var units = await s.PutAsync("api/enheter", SetupScenario.SampleUnits, "text/csv"))
            Assert.Equal(HttpStatusCode.OK, units.StatusCode);

        var preview = await s.UploadStructureAsync(SetupScenario.SampleStructure);

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal("Förhandsgranska målstruktur för 2021", preview.Heading);
        var counts = CountsOf(SetupScenario.SampleStructure);
        Assert.Contains($"Vad importen gör {counts.DirectionGoals} inriktningsmål, {counts.AreaGoals} mål för verksamhetsområdet och {counts.BoardGoals} nämndmål "
            + $"{counts.Indicators} indikatorer och {counts.Activities} prioriterade aktiviteter Uppdrag för 10 enheter, med {counts.BudgetRows} budgetrader "
            + "Det finns ingen målstruktur för 2021 ännu.", preview.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("finns inte i enhetsregistret", preview.Text, StringComparison.Ordinal);
        Assert.Empty(await s.RowsAsync(r => r.RowKey.StartsWith("y_", StringComparison.Ordinal)));

        using var confirmed = await s.ConfirmAsync(preview, "/malstruktur/importera");

        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal("/malstruktur/2021", confirmed.Headers.Location?.OriginalString);
        var year = await s.GetPageAsync("malstruktur/2021");
        Assert.Equal("Målstruktur 2021", year.Heading);
        Assert.Contains("Målstrukturen är importerad.", year.Text, StringComparison.Ordinal);
        Assert.Contains("Inriktningsmål 1: En modern storstad med möjligheter och valfrihet för alla", year.Text, StringComparison.Ordinal);
        Assert.Contains("Mål för verksamhetsområdet 1.1: I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är kort", year.Text, StringComparison.Ordinal);
        Assert.Contains("Andel barn som lever i familjer som har ekonomiskt bistånd % Nej 4,1 –", year.Text, StringComparison.Ordinal);
        Assert.Contains("Antal ungdomar som fått feriejobb i stadens regi st Nej 750 9 000", year.Text, StringComparison.Ordinal);
        Assert.Contains("Nämndmål: I Skärholmen är invånarna självförsörjande och vägen till arbete är kort", year.Text, StringComparison.Ordinal);
        Assert.Contains("Förskolorna i Bredäng (FSK-01)", year.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("finns inte i enhetsregistret", year.Text, StringComparison.Ordinal);
        var list = await s.GetPageAsync("malstruktur");
        Assert.Contains($"Målstruktur 2021 {counts.DirectionGoals} inriktningsmål", list.Text, StringComparison.Ordinal);

        // The API gives back the structure in the file format, as StructureJson writes it.
        using var json = await s.Secretary.GetAsync(new Uri("api/malstruktur/2021", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var served = await json.Content.ReadAsByteArrayAsync();
        Assert.Equal(StructureJson.Write(StructureJson.Read(SetupScenario.SampleStructure).Value!), served);
        Assert.NotNull(json.Headers.ETag);
    }

    [Fact]
    public async Task GivenNoUnitsYet_WhenTheStructureIsPreviewed_ThenThePreviewListsTheUnitsTheRegisterLacksAndStillOffersTheImport()
    {
        var preview = await s.UploadStructureAsync(SetupScenario.SampleStructure);

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Contains("10 enheter finns inte i enhetsregistret", preview.Text, StringComparison.Ordinal);
        Assert.Contains("FSK-01 FSK-02", preview.Text, StringComparison.Ordinal);
        Assert.Contains(preview.Forms, f => f.Action == "/malstruktur/importera");
        Assert.Contains("FSK-01 (finns inte i enhetsregistret)", preview.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheApi_WhenADryRunThenAnImportThenTheSameFileAgain_ThenOnlyTheImportStoresAndTheYearHasOneRow()
    {
        using var dryRun = await s.PutAsync("api/malstruktur/2021?provkor=true", SetupScenario.SampleStructure, "application/json");
        var preview = await SetupScenario.JsonAsync(dryRun, HttpStatusCode.OK);
        Assert.False(preview.GetProperty("stored").GetBoolean());
        Assert.Equal(10, preview.GetProperty("unknownUnits").GetArrayLength());
        using (var missing = await s.Secretary.GetAsync(new Uri("api/malstruktur/2021", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var import = await s.PutAsync("api/malstruktur/2021", SetupScenario.SampleStructure, "application/json");
        var imported = await SetupScenario.JsonAsync(import, HttpStatusCode.OK);
        Assert.True(imported.GetProperty("stored").GetBoolean());
        Assert.Equal(2021, imported.GetProperty("year").GetInt32());
        Assert.StartsWith("3 inriktningsmål", imported.GetProperty("summary").GetString(), StringComparison.Ordinal);

        // The same structure written differently (no indentation) is the same version: nothing new is stored.
        var compact = Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(SetupScenario.SampleStructure)!.ToJsonString());
        using var again = await s.PutAsync("api/malstruktur/2021", compact, "application/json");
        Assert.False((await SetupScenario.JsonAsync(again, HttpStatusCode.OK)).GetProperty("stored").GetBoolean());

        Assert.Single(await s.RowsAsync(r => r.RowKey.StartsWith("y_", StringComparison.Ordinal)));
        Assert.Single(await s.BlobsAsync());
        var years = await s.GetJsonAsync("api/malstruktur");
        Assert.Equal(2021, Assert.Single(years.EnumerateArray()).GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task GivenTheApi_WhenUnitsArePutWithADryRunThenForReal_ThenOnlyTheSecondStoresAndGetListsThem()
    {
        using var dryRun = await s.PutAsync("api/enheter?provkor=true", SetupScenario.SampleUnits, "text/csv");
        var preview = await SetupScenario.JsonAsync(dryRun, HttpStatusCode.OK);
        Assert.False(preview.GetProperty("stored").GetBoolean());
        Assert.Equal("10 nya enheter.", preview.GetProperty("summary").GetString());
        Assert.Equal(0, (await s.GetJsonAsync("api/enheter")).GetProperty("units").GetArrayLength());

        using var put = await s.PutAsync("api/enheter", SetupScenario.SampleUnits, "text/csv");
        var done = await SetupScenario.JsonAsync(put, HttpStatusCode.OK);
        Assert.True(done.GetProperty("stored").GetBoolean());
        Assert.Equal(1, done.GetProperty("revision").GetInt32());
        Assert.Equal(10, done.GetProperty("added").GetArrayLength());

        var register = await s.GetJsonAsync("api/enheter");
        var unit = register.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("id").GetString() == "IFO-03");
        Assert.Equal("Vuxenenheten; socialpsykiatri och beroende", unit.GetProperty("name").GetString());
        Assert.Equal("daniel.roos@example.org", unit.GetProperty("departmentHead").GetProperty("email").GetString());
        Assert.Contains("sara.sekreterare@example.org", register.GetProperty("lastImport").GetProperty("importedBy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheOpenApiDocument_ThenItDescribesTheSetupEndpointsAndTheirBodies()
    {
        using var response = await s.Secretary.GetAsync(new Uri("openapi/v1.json", UriKind.Relative));
        var document = await SetupScenario.JsonAsync(response, HttpStatusCode.OK);

        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/enheter").GetProperty("put").GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
        Assert.True(paths.GetProperty("/api/malstruktur/{year}").GetProperty("put").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(paths.GetProperty("/api/enheter").TryGetProperty("get", out _));
    }

    private static Application.ReportCycles.Setup.StructureCounts CountsOf(byte[] json) =>
        Application.ReportCycles.Setup.StructureCounts.Of(StructureJson.Read(json).Value!);
}
