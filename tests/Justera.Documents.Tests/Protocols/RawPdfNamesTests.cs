using System.Text;
using Justera.Documents.Protocols;

namespace Justera.Documents.Tests.Protocols;

public sealed class RawPdfNamesTests
{
    private static readonly string[] Wanted = ["JS", "JavaScript", "Launch", "EmbeddedFiles"];

    [Fact]
    public void GivenNamesEndedByDelimiters_WhenScanned_ThenEachIsFound()
    {
        Assert.Equal(["JS", "JavaScript", "Launch"], Find("<</S/JavaScript/JS(app.alert\\(1\\))>>[/Launch]"));
    }

    [Fact]
    public void GivenLongerNamesThatStartTheSame_WhenScanned_ThenNoneIsFound()
    {
        Assert.Empty(Find("<< /JavaScriptX 1 /JSON 2 /Launcher 3 /EmbeddedFilesIndex 4 >>"));
    }

    [Fact]
    public void GivenANameSpelledWithHexEscapes_WhenScanned_ThenItIsFoundDecoded()
    {
        Assert.Equal(["JavaScript"], Find("<< /S /Java#53cr#69pt >>"));
    }

    [Fact]
    public void GivenNamesInsideLiteralStrings_WhenScanned_ThenNoneIsFound()
    {
        Assert.Empty(Find("<< /Subject (Om /JavaScript \\) och (nästlade /Launch) parenteser) /Title (/JS) >>"));
    }

    [Fact]
    public void GivenNamesInsideHexStringsAndComments_WhenScanned_ThenOnlyTheRealNameIsFound()
    {
        Assert.Equal(["Launch"], Find("<< /T <2F4A53> % /JavaScript i en kommentar\n/S /Launch >>"));
    }

    [Fact]
    public void GivenNameLikeBytesInStreamData_WhenScanned_ThenTheyAreSkippedUntilEndstream()
    {
        var pdf = "1 0 obj\n<< /Length 30 >>\nstream\n(/JavaScript) Tj /JS /Launch \nendstream\nendobj\n2 0 obj\n<< /EmbeddedFiles 3 0 R >>\nendobj\n";

        Assert.Equal(["EmbeddedFiles"], Find(pdf));
    }

    private static string[] Find(string pdf) =>
        [.. RawPdfNames.Find(Encoding.Latin1.GetBytes(pdf), Wanted).Order(StringComparer.Ordinal)];
}
