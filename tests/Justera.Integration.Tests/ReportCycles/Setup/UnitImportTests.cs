using System.Net;
using System.Text;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles.Setup;

/// <summary>The secretary imports the units list through the pages: preview, confirm, the register by department, and re-imports that update.</summary>
[Collection(SetupServers.Name)]
public sealed class UnitImportTests(ServersFixture servers) : IAsyncLifetime
{
    private SetupScenario s = null!;

    public async Task InitializeAsync() => s = await SetupScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenTheSampleUnits_WhenUploaded_ThenThePreviewSaysWhatTheImportDoesAndNothingIsStoredUntilConfirmed()
    {
        var preview = await s.UploadUnitsAsync(SetupScenario.SampleUnits);

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal("Förhandsgranska import av enheter", preview.Heading);
        Assert.Contains("Vad importen gör 10 nya enheter.", preview.Text, StringComparison.Ordinal);
        Assert.Contains("FSK-01 Förskolorna i Bredäng Avdelningen för förskola Åsa Lindholm, asa.lindholm@example.org Maria Berglund, maria.berglund@example.org", preview.Text, StringComparison.Ordinal);
        Assert.Contains("Importera enheterna", preview.Text, StringComparison.Ordinal);
        var register = await s.GetJsonAsync("api/enheter");
        Assert.Equal(0, register.GetProperty("revision").GetInt32());
        Assert.Equal(0, register.GetProperty("units").GetArrayLength());
        Assert.DoesNotContain(await s.RowsAsync(), r => r.RowKey.StartsWith("u_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenAPreview_WhenConfirmed_ThenTheUnitsAreStoredAndTheListShowsThemByDepartmentWithTheConfirmationOnce()
    {
        var preview = await s.UploadUnitsAsync(SetupScenario.SampleUnits);

        using var confirmed = await s.ConfirmAsync(preview, "/enheter/importera");

        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal("/enheter", confirmed.Headers.Location?.OriginalString);
        var list = await s.GetPageAsync("enheter");
        Assert.Equal("Enheter", list.Heading);
        Assert.Contains("Enheterna är importerade.", list.Text, StringComparison.Ordinal);
        Assert.Contains("Senast importerad", list.Text, StringComparison.Ordinal);
        Assert.Contains("av sara.sekreterare@example.org (sara.sekreterare@example.org): 10 nya enheter.", list.Text, StringComparison.Ordinal);
        Assert.Contains("10 enheter i 3 avdelningar.", list.Text, StringComparison.Ordinal);
        Assert.Contains(
            "Avdelningen för förskola Avdelningschef: Maria Berglund, maria.berglund@example.org Enheterna i Avdelningen för förskola Enhets-id Enhet Enhetschef Enhetschefens e-post "
            + "FSK-01 Förskolorna i Bredäng Åsa Lindholm asa.lindholm@example.org FSK-02 Förskolorna i Sätra Åsa Lindholm asa.lindholm@example.org",
            list.Text, StringComparison.Ordinal);
        Assert.Contains("Avdelningen för individ- och familjeomsorg Avdelningschef: Daniel Roos, daniel.roos@example.org", list.Text, StringComparison.Ordinal);
        // Departments in Swedish alphabetical order: "äldreomsorg" after "individ- och familjeomsorg".
        Assert.True(list.Text.IndexOf("Avdelningen för individ", StringComparison.Ordinal) < list.Text.IndexOf("Avdelningen för äldreomsorg", StringComparison.Ordinal));
        Assert.Contains("IFO-03 Vuxenenheten; socialpsykiatri och beroende Nadia Karimi nadia.karimi@example.org", list.Text, StringComparison.Ordinal);
        var reloaded = await s.GetPageAsync("enheter");
        Assert.DoesNotContain("Enheterna är importerade.", reloaded.Text, StringComparison.Ordinal);

        var register = await s.GetJsonAsync("api/enheter");
        Assert.Equal(1, register.GetProperty("revision").GetInt32());
        Assert.Equal(10, register.GetProperty("units").EnumerateArray().Count(u => u.GetProperty("active").GetBoolean()));
        Assert.Equal(11, (await s.RowsAsync()).Count);
    }

    [Fact]
    public async Task GivenOneChangedEmailAndOneRemovedUnit_WhenReimported_ThenTheRowsAreUpdatedTheRemovedUnitIsInactiveAndNothingIsDuplicated()
    {
        await ImportAsync(SetupScenario.SampleUnits);
        var changed = SetupScenario.SampleUnitsText
            .Replace("Leila Haddad;leila.haddad@example.org", "Leila Haddad;leila.haddad@skarholmen.example.org", StringComparison.Ordinal);
        changed = string.Join('\n', changed.Split('\n').Where(line => !line.StartsWith("ALD-03;", StringComparison.Ordinal)));

        var preview = await s.UploadUnitsAsync(Encoding.UTF8.GetBytes(changed));

        Assert.Contains("Vad importen gör 1 ändrad (enhetschefens e-post), 8 oförändrade, 1 finns inte längre i filen.", preview.Text, StringComparison.Ordinal);
        Assert.Contains("FSK-04 Öppna förskolan Enhetschefens e-post leila.haddad@example.org leila.haddad@skarholmen.example.org", preview.Text, StringComparison.Ordinal);
        Assert.Contains("1 finns inte längre i filen", preview.Text, StringComparison.Ordinal);
        Assert.Contains("ALD-03 Aktivitetscenter för äldre (Avdelningen för äldreomsorg)", preview.Text, StringComparison.Ordinal);

        using var confirmed = await s.ConfirmAsync(preview, "/enheter/importera");

        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        var register = await s.GetJsonAsync("api/enheter");
        Assert.Equal(2, register.GetProperty("revision").GetInt32());
        var units = register.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(10, units.Count);
        Assert.Equal(10, units.Select(u => u.GetProperty("id").GetString()).Distinct().Count());
        var leila = units.Single(u => u.GetProperty("id").GetString() == "FSK-04");
        Assert.Equal("leila.haddad@skarholmen.example.org", leila.GetProperty("manager").GetProperty("email").GetString());
        var removed = units.Single(u => u.GetProperty("id").GetString() == "ALD-03");
        Assert.False(removed.GetProperty("active").GetBoolean());
        Assert.Equal("Aktivitetscenter för äldre", removed.GetProperty("name").GetString());
        Assert.Equal(11, (await s.RowsAsync()).Count);

        var list = await s.GetPageAsync("enheter");
        Assert.Contains("9 enheter i 3 avdelningar.", list.Text, StringComparison.Ordinal);
        Assert.Contains("FSK-04 Öppna förskolan Leila Haddad leila.haddad@skarholmen.example.org", list.Text, StringComparison.Ordinal);
        Assert.Contains("Enheter som inte längre finns i registret", list.Text, StringComparison.Ordinal);
        Assert.Contains("ALD-03 Aktivitetscenter för äldre Avdelningen för äldreomsorg", list.Text, StringComparison.Ordinal);
        Assert.Contains("1 ändrad (enhetschefens e-post), 8 oförändrade, 1 finns inte längre i filen.", list.Text, StringComparison.Ordinal);

        // The removed unit comes back when a later file lists it again: the same row, active again.
        await ImportAsync(SetupScenario.SampleUnits);
        var again = (await s.GetJsonAsync("api/enheter")).GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(10, again.Count);
        Assert.All(again, u => Assert.True(u.GetProperty("active").GetBoolean()));
    }

    [Fact]
    public async Task GivenTheSameConfirmPostedTwice_WhenTheSecondArrives_ThenItLeadsToTheSameConfirmationAndImportsOnce()
    {
        var preview = await s.UploadUnitsAsync(SetupScenario.SampleUnits);

        using var first = await s.ConfirmAsync(preview, "/enheter/importera");
        using var second = await s.ConfirmAsync(preview, "/enheter/importera");

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal("/enheter", second.Headers.Location?.OriginalString);
        Assert.Equal(1, (await s.GetJsonAsync("api/enheter")).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task GivenAnotherImportBetweenPreviewAndConfirm_WhenConfirmed_ThenThePreviewIsShownAgainAsItIsNowAndNothingIsStored()
    {
        var preview = await s.UploadUnitsAsync(SetupScenario.SampleUnits);
        var fewer = string.Join('\n', SetupScenario.SampleUnitsText.Split('\n').Where(line => !line.StartsWith("IFO-", StringComparison.Ordinal)));
        using (var put = await s.PutAsync("api/enheter", Encoding.UTF8.GetBytes(fewer), "text/csv"))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using var confirmed = await s.ConfirmAsync(preview, "/enheter/importera");

        var page = await HtmlPage.ReadAsync(confirmed);
        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Equal("Förhandsgranska import av enheter", page.Heading);
        Assert.Contains("Enhetsregistret har ändrats sedan du förhandsgranskade filen. Kontrollera vad importen gör nu och bekräfta igen.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Vad importen gör 3 nya enheter, 7 oförändrade.", page.Text, StringComparison.Ordinal);
        var register = await s.GetJsonAsync("api/enheter");
        Assert.Equal(1, register.GetProperty("revision").GetInt32());
        Assert.Equal(7, register.GetProperty("units").GetArrayLength());

        using var again = await s.ConfirmAsync(page, "/enheter/importera");
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal(10, (await s.GetJsonAsync("api/enheter")).GetProperty("units").GetArrayLength());
    }

    [Fact]
    public async Task GivenAFileThatChangesNothing_WhenPreviewed_ThenThePageSaysSoAndOffersNoImport()
    {
        await ImportAsync(SetupScenario.SampleUnits);

        var preview = await s.UploadUnitsAsync(SetupScenario.SampleUnits);

        Assert.Contains("Filen ändrar ingenting: alla 10 enheter är oförändrade.", preview.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(preview.Forms, f => f.Action == "/enheter/importera");
    }

    private async Task ImportAsync(byte[] csv)
    {
        var preview = await s.UploadUnitsAsync(csv);
        Assert.True(preview.Status == HttpStatusCode.OK, preview.Text);
        using var confirmed = await s.ConfirmAsync(preview, "/enheter/importera");
        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
    }
}
