using System.Net;
using System.Text;
using Justera.Core.ReportCycles.Setup;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles.Setup;

/// <summary>Files the import refuses: each gets its Swedish message with its line, at the field on the page and in problem details from the API, and nothing is stored.</summary>
[Collection(SetupServers.Name)]
public sealed class BadFileTests(ServersFixture servers) : IAsyncLifetime
{
    private SetupScenario s = null!;

    public async Task InitializeAsync() => s = await SetupScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    public static TheoryData<string> UnitCases() => ["Windows-1252", "duplicate ids", "empty", "oversized"];

    public static TheoryData<string> StructureCases() => ["malformed JSON", "unknown goal", "empty", "oversized"];

    /// <summary>A bad units file and the message the secretary reads (a file-wide error has no line; the others start "Rad N").</summary>
    private static (byte[] File, string Message) BadUnits(string @case) => @case switch
    {
        // Excel's plain "CSV (semikolonavgränsad)": å, ä and ö as single bytes; the first is on line 2 ("Förskolorna").
        "Windows-1252" => (Encoding.Latin1.GetBytes(SetupScenario.SampleUnitsText),
            "Rad 2: Filen är inte sparad som UTF-8. Å, ä och ö är troligen sparade som Windows-1252 (\"CSV (semikolonavgränsad)\"). Spara filen i Excel med Arkiv > Spara som > \"CSV UTF-8 (kommaavgränsad)\" och importera den igen."),
        "duplicate ids" => (Encoding.UTF8.GetBytes(SetupScenario.SampleUnitsText.TrimEnd() + "\nfsk-01;Förskolan Solen;Avdelningen för förskola;Åsa Lindholm;asa.lindholm@example.org;Maria Berglund;maria.berglund@example.org\n"),
            "Rad 12, Enhets-id: Enhets-id \"fsk-01\" finns redan på rad 2. Varje enhet ska ha ett eget id (rad 2 och rad 12)."),
        "empty" => ([], "Filen är tom."),
        "oversized" => (Oversized(UnitsCsv.MaxBytes), "Filen är för stor: den får vara högst 4 MB."),
        _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, null),
    };

    private static (byte[] File, string Message) BadStructure(string @case)
    {
        var sample = Encoding.UTF8.GetString(SetupScenario.SampleStructure);
        byte[] file = @case switch
        {
            "malformed JSON" => Encoding.UTF8.GetBytes(sample.Replace("\"unitId\": \"FSK-01\",", "\"unitId\": \"FSK-01\"", StringComparison.Ordinal)),
            "unknown goal" => Encoding.UTF8.GetBytes(ReplaceFirstAfter(sample, "\"assignments\"", "\"NM3.2.1\"", "\"NM9.9.9\"")),
            "empty" => [],
            "oversized" => Oversized(StructureJson.MaxBytes),
            _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, null),
        };
        var message = @case switch
        {
            "unknown goal" => "Rad 405, assignments[0].goals[2]: Det finns inget mål med id \"NM9.9.9\" i strukturen.",
            "empty" => "Filen är tom.",
            "oversized" => "Filen är för stor: den får vara högst 2 MB.",
            // The reader's own message, with its line: the page must show it as it is.
            _ => StructureJson.Read(file).Errors.Single().Message,
        };
        return (file, message);
    }

    [Theory]
    [MemberData(nameof(UnitCases))]
    public async Task GivenABadUnitsFile_WhenUploadedOnThePage_Then400WithTheMessageAtTheFieldAndInTheSummaryAndNothingStored(string @case)
    {
        var (file, message) = BadUnits(@case);

        var page = await s.UploadUnitsAsync(file);

        AssertRefusedAtTheField(page, "Enheter", message);
        await s.AssertNothingStoredAsync();
    }

    [Theory]
    [MemberData(nameof(UnitCases))]
    public async Task GivenABadUnitsFile_WhenPut_Then400ProblemWithTheMessageAndNothingStored(string @case)
    {
        var (file, message) = BadUnits(@case);

        using var response = await s.PutAsync("api/enheter", file, "text/csv; charset=utf-8");

        await AssertProblemAsync(response, message);
        await s.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task GivenTheMalformedJsonCase_ThenItsMessageNamesALineInTheFile()
    {
        var (_, message) = BadStructure("malformed JSON");

        Assert.StartsWith("Rad 40", message, StringComparison.Ordinal);
        Assert.Contains("Filen är inte giltig JSON", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StructureCases))]
    public async Task GivenABadStructureFile_WhenUploadedOnThePage_Then400WithTheMessageAtTheFieldAndNothingStored(string @case)
    {
        var (file, message) = BadStructure(@case);

        var page = await s.UploadStructureAsync(file);

        AssertRefusedAtTheField(page, "Målstruktur", message);
        await s.AssertNothingStoredAsync();
    }

    [Theory]
    [MemberData(nameof(StructureCases))]
    public async Task GivenABadStructureFile_WhenPut_Then400ProblemWithTheMessageAndNothingStored(string @case)
    {
        var (file, message) = BadStructure(@case);

        using var response = await s.PutAsync("api/malstruktur/2021", file, "application/json");

        await AssertProblemAsync(response, message);
        await s.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task GivenTheUnknownGoalCase_WhenPut_ThenTheErrorIsUnderItsJsonPathWithItsLine()
    {
        var (file, _) = BadStructure("unknown goal");

        using var response = await s.PutAsync("api/malstruktur/2021", file, "application/json");

        var problem = await SetupScenario.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["Rad 405, assignments[0].goals[2]: Det finns inget mål med id \"NM9.9.9\" i strukturen."],
            problem.GetProperty("errors").GetProperty("assignments[0].goals[2]").EnumerateArray().Select(m => m.GetString()));
        var error = Assert.Single(problem.GetProperty("importErrors").EnumerateArray());
        Assert.Equal(405, error.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task GivenAStructureForAnotherYear_WhenPutForThisYear_Then400AtYearAndNothingStored()
    {
        using var response = await s.PutAsync("api/malstruktur/2022", SetupScenario.SampleStructure, "application/json");

        var problem = await SetupScenario.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["year: Filen gäller år 2021, men importen gäller år 2022. Rätta \"year\" i filen eller importera den för år 2021."],
            problem.GetProperty("errors").GetProperty("year").EnumerateArray().Select(m => m.GetString()));
        await s.AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("api/enheter", "application/json", "Skicka enhetslistan som CSV med Content-Type: text/csv. Inget har sparats.")]
    [InlineData("api/enheter", "multipart/form-data; boundary=x", "Skicka enhetslistan som CSV med Content-Type: text/csv. Inget har sparats.")]
    [InlineData("api/malstruktur/2021", "text/csv", "Skicka målstrukturen som JSON med Content-Type: application/json. Inget har sparats.")]
    public async Task GivenTheWrongContentType_WhenPut_Then415ProblemInSwedishAndNothingStored(string path, string contentType, string detail)
    {
        var body = path.Contains("enheter", StringComparison.Ordinal) ? SetupScenario.SampleUnits : SetupScenario.SampleStructure;

        using var response = await s.PutAsync(path, body, contentType);

        var problem = await SetupScenario.JsonAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Fel innehållstyp", problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        await s.AssertNothingStoredAsync();
    }

    /// <summary>Under the host's request limit (64 MB), which ends the connection for anything larger whatever the endpoint.</summary>
    [Fact]
    public async Task GivenAFileOf20Megabytes_WhenUploadedOnThePage_ThenThePageSaysHowLargeAUnitsFileMayBe()
    {
        var page = await s.UploadUnitsAsync(Oversized(20 * 1024 * 1024));

        AssertRefusedAtTheField(page, "Enheter", "Filen är för stor: den får vara högst 4 MB. En enhetslista med 2 000 enheter ryms gott");
        Assert.DoesNotContain("Protokollet", page.Text, StringComparison.Ordinal);
        await s.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task GivenNoFileChosen_WhenThePageIsPosted_ThenTheFieldSaysChooseAFile()
    {
        var form = (await s.GetPageAsync("enheter")).Forms.Single(f => f.Action == "/enheter/forhandsgranska");
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in form.Hidden)
            content.Add(new StringContent(value), name);

        using var response = await s.Secretary.PostAsync(new Uri(form.Action, UriKind.Relative), content);

        AssertRefusedAtTheField(await HtmlPage.ReadAsync(response), "Enheter", "Välj enhetslistan (CSV) att importera.");
        await s.AssertNothingStoredAsync();
    }

    /// <summary>What a person reads: the page again, one error in the summary linking to the file field, and the same message at the field.</summary>
    private static void AssertRefusedAtTheField(HtmlPage page, string heading, string message)
    {
        Assert.True(page.Status == HttpStatusCode.BadRequest, page.Text);
        Assert.Equal(heading, page.Heading);
        var summary = Fragment(page.Html, "<div class=\"felsammanfattning\"");
        Assert.StartsWith($"Det finns 1 fel att rätta Ingenting har sparats. Rätta filen och ladda upp den igen. {message}", TextOf(summary), StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#fil\">", summary, StringComparison.Ordinal);
        Assert.StartsWith($"Fel: {message}", TextOf(Fragment(page.Html, "<div class=\"fel\" id=\"fil-fel\">")), StringComparison.Ordinal);
        Assert.Contains("id=\"fil\" name=\"fil\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"fil-hint fil-fel\" aria-invalid=\"true\"", page.Html, StringComparison.Ordinal);
    }

    /// <summary>The element starting with <paramref name="start"/>, up to its first closing div (these blocks hold no nested div).</summary>
    private static string Fragment(string html, string start)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"The page has no {start}");
        return html[from..html.IndexOf("</div>", from, StringComparison.Ordinal)];
    }

    private static string TextOf(string html) => new HtmlPage(HttpStatusCode.OK, html, new Dictionary<string, string>()).Text;

    private static async Task AssertProblemAsync(HttpResponseMessage response, string message)
    {
        var problem = await SetupScenario.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Filen behöver rättas. Inget har sparats.", problem.GetProperty("title").GetString());
        var messages = problem.GetProperty("errors").EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith(message, StringComparison.Ordinal));
        Assert.Contains(problem.GetProperty("importErrors").EnumerateArray(), e => e.GetProperty("message").GetString()!.StartsWith(message, StringComparison.Ordinal));
    }

    /// <summary>A file one byte over the bound, of otherwise harmless text.</summary>
    private static byte[] Oversized(int maxBytes)
    {
        var bytes = new byte[maxBytes + 1];
        bytes.AsSpan().Fill((byte)'a');
        return bytes;
    }

    private static string ReplaceFirstAfter(string text, string marker, string find, string replacement)
    {
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        var at = text.IndexOf(find, start, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }
}
