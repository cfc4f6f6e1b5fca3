using Justera.Documents.Protocols;
using Justera.Documents.Tests.Support;

namespace Justera.Documents.Tests.Protocols;

/// <summary>
/// Every kind of action that runs code, starts a program, sends or imports data or opens another file is refused
/// wherever it hangs; an action that reaches outside is refused when it fires by itself, and accepted when a reader clicks it.
/// </summary>
public sealed class ActiveContentTests
{
    // Object 6 is the action in every file below; objects from 7 on hold the place it hangs from.
    private static readonly Dictionary<string, (string Action, ProtocolProblem? Refusal)> Kinds = new()
    {
        ["URI"] = ("<< /S /URI /URI (https://example.org/sp\\345rning) >>", null),
        ["SubmitForm"] = ("<< /S /SubmitForm /F << /FS /URL /F (https://example.org/in) >> /Flags 4 >>", ProtocolProblem.SubmitsData),
        ["ImportData"] = ("<< /S /ImportData /F (data.fdf) >>", ProtocolProblem.ImportsData),
        ["GoToR to a network path"] = ("<< /S /GoToR /F (\\\\\\\\server\\\\delad\\\\annat.pdf) /D [0 /Fit] >>", ProtocolProblem.OpensOtherFile),
        ["GoToE"] = ("<< /S /GoToE /D [0 /Fit] /T << /R /C /N (bilaga) >> >>", ProtocolProblem.OpensOtherFile),
        ["Launch"] = ("<< /S /Launch /Win << /F (cmd.exe) >> >>", ProtocolProblem.LaunchAction),
        ["Thread in another file"] = ("<< /S /Thread /F (annat.pdf) /D 0 >>", ProtocolProblem.OpensOtherFile),
        ["Rendition with a script"] = ("<< /S /Rendition /OP 0 /JS (app.alert\\(1\\)) >>", ProtocolProblem.Script),
        ["JavaScript"] = ("<< /S /JavaScript /JS (app.alert\\(1\\)) >>", ProtocolProblem.Script),
        ["SubmitForm spelled with hex escapes"] = ("<< /S /Submit#46orm /F (https://example.org/in) >>", ProtocolProblem.SubmitsData),
        ["URI spelled with hex escapes"] = ("<< /S /U#52I /URI (https://example.org/) >>", null),
    };

    // Where an action can hang, and whether it fires by itself there.
    private static readonly Dictionary<string, (Func<string, byte[]> File, bool FiresByItself)> Places = new()
    {
        ["catalog /OpenAction"] = (action => HandMadePdf.OnePage(catalogEntries: "/OpenAction 6 0 R", extraObjects: [action]), true),
        ["catalog /AA"] = (action => HandMadePdf.OnePage(catalogEntries: "/AA << /WC 6 0 R >>", extraObjects: [action]), true),
        ["page /AA"] = (action => HandMadePdf.OnePage(pageEntries: "/AA << /O 6 0 R >>", extraObjects: [action]), true),
        ["link annotation /A"] = (action => HandMadePdf.OnePage(
            pageEntries: "/Annots [7 0 R]",
            extraObjects: [action, "<< /Type /Annot /Subtype /Link /Rect [72 600 200 620] /Border [0 0 0] /A 6 0 R >>"]), false),
        ["widget annotation /AA"] = (action => HandMadePdf.OnePage(
            catalogEntries: "/AcroForm << /Fields [7 0 R] >>",
            pageEntries: "/Annots [7 0 R]",
            extraObjects: [action, "<< /Type /Annot /Subtype /Widget /FT /Btn /Ff 65536 /T (knapp) /Rect [72 560 200 580] /P 3 0 R /AA << /E 6 0 R >> >>"]), true),
        ["form field /AA"] = (action => HandMadePdf.OnePage(
            catalogEntries: "/AcroForm << /Fields [7 0 R] >>",
            extraObjects: [action, "<< /FT /Tx /T (falt) /AA << /K 6 0 R >> /Kids [] >>"]), true),
        ["outline item /A"] = (action => HandMadePdf.OnePage(
            catalogEntries: "/Outlines 7 0 R",
            extraObjects: [action, "<< /Type /Outlines /First 8 0 R /Last 8 0 R /Count 1 >>", "<< /Title (L\\344nk) /Parent 7 0 R /A 6 0 R >>"]), false),
        ["name tree"] = (action => HandMadePdf.OnePage(
            catalogEntries: "/Names << /Dests 7 0 R >>",
            extraObjects: [action, "<< /Names [(atgard) 6 0 R] >>"]), false),
        ["/Next of a GoTo /OpenAction"] = (action => HandMadePdf.OnePage(
            catalogEntries: "/OpenAction 7 0 R",
            extraObjects: [action, "<< /S /GoTo /D [3 0 R /Fit] /Next [6 0 R] >>"]), true),
        ["/Next of a clicked link"] = (action => HandMadePdf.OnePage(
            pageEntries: "/Annots [7 0 R]",
            extraObjects: [action, "<< /Type /Annot /Subtype /Link /Rect [72 600 200 620] /A 8 0 R >>", "<< /S /GoTo /D [3 0 R /Fit] /Next 6 0 R >>"]), false),
    };

    public static TheoryData<string, string> EveryKindInEveryPlace()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in Kinds.Keys)
        {
            foreach (var place in Places.Keys)
                data.Add(kind, place);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKindInEveryPlace))]
    public void GivenAnActionInAPlace_WhenInspected_ThenRefusedSayingWhichKindUnlessItIsALinkAReaderClicks(string kind, string place)
    {
        var (action, refusal) = Kinds[kind];
        var (file, firesByItself) = Places[place];
        var expected = refusal ?? (firesByItself ? ProtocolProblem.AutomaticExternalAction : null);

        var inspection = ProtocolInspector.Inspect(file(action));

        if (expected is null)
        {
            Assert.IsType<ProtocolInspection.Accepted>(inspection);
            return;
        }

        var refused = Assert.IsType<ProtocolInspection.Refused>(inspection);
        Assert.Equal(expected, refused.Problem);
        Assert.StartsWith("Filen innehåller ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ProtocolInspector.MessageFor(expected.Value), refused.Message);
    }

    [Fact]
    public void GivenAnAutomaticUriAction_WhenRefused_ThenTheMessageSaysItOpensSomethingOutsideByItself()
    {
        var refused = Assert.IsType<ProtocolInspection.Refused>(ProtocolInspector.Inspect(Places["catalog /OpenAction"].File(Kinds["URI"].Action)));

        Assert.StartsWith("Filen innehåller en åtgärd som av sig själv, när filen öppnas eller en sida visas, öppnar en webbadress", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("URI", "catalog /OpenAction", ProtocolProblem.AutomaticExternalAction)]
    [InlineData("SubmitForm", "link annotation /A", ProtocolProblem.SubmitsData)]
    [InlineData("GoToR to a network path", "outline item /A", ProtocolProblem.OpensOtherFile)]
    public void GivenTheActionInsideCompressedObjectStreams_WhenInspected_ThenStillRefused(string kind, string place, ProtocolProblem expected)
    {
        using var folder = new TempFolder();
        var input = folder.Write("plain.pdf", Places[place].File(Kinds[kind].Action));
        var output = folder.File("object-streams.pdf");
        ExternalTool.Qpdf("--object-streams=generate", input, output);

        var refused = Assert.IsType<ProtocolInspection.Refused>(ProtocolInspector.Inspect(File.ReadAllBytes(output)));

        Assert.Equal(expected, refused.Problem);
    }

    [Fact]
    public void GivenAClickableLinkToAWebAddressInsideObjectStreams_WhenInspected_ThenAccepted()
    {
        using var folder = new TempFolder();
        var input = folder.Write("link.pdf", Places["link annotation /A"].File(Kinds["URI"].Action));
        var output = folder.File("link-object-streams.pdf");
        ExternalTool.Qpdf("--object-streams=generate", input, output);

        Assert.IsType<ProtocolInspection.Accepted>(ProtocolInspector.Inspect(File.ReadAllBytes(output)));
    }
}
