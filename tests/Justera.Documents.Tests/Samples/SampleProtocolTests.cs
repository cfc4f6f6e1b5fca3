using System.Text.Json;
using Justera.Documents.Tests.Support;
using UglyToad.PdfPig;

namespace Justera.Documents.Tests.Samples;

public sealed class SampleProtocolTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public void GivenAPageCount_WhenCreated_ThenThePdfHasThatManyPages(int pages)
    {
        using var document = PdfDocument.Open(SampleProtocol.Create(pages));

        Assert.Equal(pages, document.NumberOfPages);
        Assert.Contains("Justeras:", document.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAGeneratedProtocol_WhenCheckedByQpdfAndPdftotext_ThenItIsValidAndReadsInSwedish()
    {
        using var folder = new TempFolder();
        var path = folder.Write("generated.pdf", SampleProtocol.Create(pages: 10));

        ExternalTool.Qpdf("--check", path);
        var text = ExternalTool.Run("pdftotext", path, "-").Output;

        Assert.Contains("Protokoll förvaltningsgrupp", text, StringComparison.Ordinal);
        Assert.Contains("§ 3–9 Information från verksamheterna", text, StringComparison.Ordinal);
        Assert.Contains("§ 10 Övriga frågor", text, StringComparison.Ordinal);
        Assert.Contains("Sida 10 av 10", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheCommittedSample_WhenCheckedByQpdfAndPdftotext_ThenItIsTheInventedProtocolWithSwedishLetters()
    {
        ExternalTool.Qpdf("--check", SampleFiles.Protocol);
        var text = ExternalTool.Run("pdftotext", SampleFiles.Protocol, "-").Output;

        Assert.Contains("Exempelby stadsdelsförvaltning", text, StringComparison.Ordinal);
        Assert.Contains($"Tidpunkt och lokal: {SampleProtocol.MeetingDate}", text, StringComparison.Ordinal);
        Assert.Contains("§ 1 Tertialrapport 2", text, StringComparison.Ordinal);
        Assert.Contains("§ 2 Föranmälda frågor", text, StringComparison.Ordinal);
        Assert.Contains("Per Östlund, Akademikerförbundet SSR", text, StringComparison.Ordinal);
        Assert.Contains("Jonas Åkerlund", text, StringComparison.Ordinal);
        Assert.Contains("se bilaga 1", text, StringComparison.Ordinal);
        Assert.Contains("maria.lindqvist@example.org", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheCommittedRoster_WhenRead_ThenSixInventedJusterareCoverEveryOrganisation()
    {
        var roster = ReadRoster();

        Assert.Equal(6, roster.Length);
        Assert.Equal(
            ["Akademikerförbundet SSR", "arbetsgivaren", "Kommunal", "SACO", "Sveriges Lärare", "Vision"],
            roster.Select(entry => entry.Organisation).Order(StringComparer.OrdinalIgnoreCase));
        Assert.All(roster, entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Name));
            Assert.EndsWith("@example.org", entry.Email, StringComparison.Ordinal);
        });
        Assert.Equal(6, roster.Select(entry => entry.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void GivenTheCommittedRoster_WhenComparedWithTheSample_ThenEveryJusterareIsListedUnderJusteras()
    {
        var roster = ReadRoster();
        using var document = PdfDocument.Open(File.ReadAllBytes(SampleFiles.Protocol));
        var firstPage = document.GetPage(1).Text;

        Assert.All(roster, entry => Assert.Contains($"{entry.Name}, {entry.Organisation}", firstPage, StringComparison.Ordinal));
    }

    private static RosterEntry[] ReadRoster() =>
        JsonSerializer.Deserialize<RosterEntry[]>(File.ReadAllText(SampleFiles.Roster), JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException("The roster is empty JSON.");

    private sealed record RosterEntry(string Name, string Organisation, string Email);
}
