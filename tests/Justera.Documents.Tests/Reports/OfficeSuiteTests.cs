using System.Text.RegularExpressions;
using Justera.Documents.Tests.Support;

namespace Justera.Documents.Tests.Reports;

/// <summary>
/// Opens the written .docx and .xlsx in a real office suite (Debian's LibreOffice, as the test script installs it):
/// both are converted to PDF in one soffice run, since soffice takes seconds to start, and the PDFs' text is read back.
/// </summary>
public sealed class OfficeSuiteFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public OfficeSuiteFixture()
    {
        var report = ReportSamples.Small();
        var docx = _folder.Write("rapport-word.docx", ReportDocxTests.Write(report));
        var xlsx = _folder.Write("rapport-excel.xlsx", ReportXlsxTests.Write(report));
        var output = _folder.File("pdf");
        // A profile of its own: a first-start wizard, a lock or another run's settings in ~/.config cannot interfere.
        var profile = new Uri(_folder.File("profile")).AbsoluteUri;
        var conversion = ExternalTool.Run("soffice", $"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", output, docx, xlsx);
        ConversionExitCode = conversion.ExitCode;
        ConversionOutput = conversion.Error + conversion.Output;
        DocxText = PdfText(Path.Combine(output, "rapport-word.pdf"));
        XlsxText = PdfText(Path.Combine(output, "rapport-excel.pdf"));
    }

    public int ConversionExitCode { get; }

    public string ConversionOutput { get; }

    public string DocxText { get; }

    public string XlsxText { get; }

    public void Dispose() => _folder.Dispose();

    private static string PdfText(string path) =>
        File.Exists(path) ? ExternalTool.Run("pdftotext", "-layout", path, "-").Output : "";
}

public sealed class OfficeSuiteTests(OfficeSuiteFixture office) : IClassFixture<OfficeSuiteFixture>
{
    [Fact]
    public void GivenReport_WhenConvertedBySoffice_ThenBothFilesBecomePdfs()
    {
        Assert.True(office.ConversionExitCode == 0, $"soffice exited with {office.ConversionExitCode}: {office.ConversionOutput}");
        Assert.NotEmpty(office.DocxText);
        Assert.NotEmpty(office.XlsxText);
    }

    [Fact]
    public void GivenDocx_WhenReadByLibreOffice_ThenGoalsAndSentencesShow()
    {
        var text = Flat(office.DocxText);

        Assert.Contains("Tertialrapport 1 2021", text, StringComparison.Ordinal);
        Assert.Contains("1.1 I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är kort", text, StringComparison.Ordinal);
        Assert.Contains("Nämndmål: I Skärholmen är invånarna självförsörjande och vägen till arbete är kort", text, StringComparison.Ordinal);
        Assert.Contains("3. En ekonomiskt hållbar och innovativ storstad för framtiden", text, StringComparison.Ordinal);
        Assert.Contains("Två av fem enheter bedömer att målet uppfylls helt, en delvis och en inte.", text, StringComparison.Ordinal);
        Assert.Contains("Hemtjänst Söder", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenDocx_WhenReadByLibreOffice_ThenIndicatorValuesAndEconomyTotalsInSwedishFormat()
    {
        var text = Flat(office.DocxText);

        Assert.Matches(@"Ekonomiskt bistånd 1 268 700 568 1 500 20 800", text);
        Assert.Matches(@"Totalt 1 283 709 574 1 540 20 800", text);
        Assert.Matches(@"Ekonomiskt bistånd 2,96 2,9 2,9 1,5", text);
        Assert.Matches(@"Totalt \* 1 268,2 1 269,7 −1,5", text);
    }

    [Fact]
    public void GivenXlsx_WhenReadByLibreOffice_ThenSheetsShowIndicatorsAndEconomyTotals()
    {
        var text = Flat(office.XlsxText);

        // Calc shows the numbers in its own locale (here the machine's), so only the digits are fixed.
        Assert.Matches(@"Totalt 1[ ,.]?268[.,]2 1[ ,.]?269[.,]7 [-−]1[.,]5", text);
        Assert.Matches(@"Antal aspiranter som fått Stockholmsjobb st Totalt 1[ ,.]?283 709 574 1[ ,.]?540 20 800", text);
        Assert.Contains("Hemtjänst Söder", text, StringComparison.Ordinal);
        Assert.Matches(@"2[.,]96", text);
    }

    // pdftotext -layout pads columns with runs of spaces, long headings wrap, and the no-break space may come through:
    // one plain space for any run of white space reads the same.
    private static string Flat(string text) => Regex.Replace(text.Replace('\u00A0', ' '), @"\s+", " ");
}
