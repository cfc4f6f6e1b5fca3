using Justera.Core.ReportCycles.Compilation;

namespace Justera.Core.Tests.ReportCycles.Compilation;

public class SwedishSentencesTests
{
    [Theory]
    [InlineData(3, 1, 1, 0, "Tre av fem enheter bedömer att målet uppfylls helt, en delvis och en inte.")]
    [InlineData(1, 4, 0, 0, "En av fem enheter bedömer att målet uppfylls helt och fyra delvis.")]
    [InlineData(0, 2, 1, 0, "Två av tre enheter bedömer att målet uppfylls delvis och en inte.")]
    [InlineData(0, 0, 2, 1, "Två av tre enheter bedömer att målet uppfylls inte. En enhet har inte lämnat någon bedömning.")]
    [InlineData(0, 2, 1, 2, "Två av fem enheter bedömer att målet uppfylls delvis och en inte. Två enheter har inte lämnat någon bedömning.")]
    [InlineData(4, 0, 0, 0, "Samtliga fyra enheter bedömer att målet uppfylls helt.")]
    [InlineData(0, 0, 3, 0, "Samtliga tre enheter bedömer att målet uppfylls inte.")]
    [InlineData(0, 2, 0, 0, "Båda enheterna bedömer att målet uppfylls delvis.")]
    [InlineData(1, 0, 0, 0, "Den enda enheten bedömer att målet uppfylls helt.")]
    [InlineData(3, 0, 0, 1, "Tre av fyra enheter bedömer att målet uppfylls helt. En enhet har inte lämnat någon bedömning.")]
    [InlineData(0, 0, 0, 3, "Ingen av de tre enheterna har lämnat någon bedömning.")]
    [InlineData(0, 0, 0, 2, "Ingen av de två enheterna har lämnat någon bedömning.")]
    [InlineData(0, 0, 0, 1, "Den enda enheten har inte lämnat någon bedömning.")]
    [InlineData(0, 0, 0, 0, "Ingen enhet rapporterar på målet.")]
    [InlineData(5, 4, 3, 0, "Fem av tolv enheter bedömer att målet uppfylls helt, fyra delvis och tre inte.")]
    public void GivenDistribution_WhenPhrased_ThenSwedishSentence(int fully, int partly, int notMet, int missing, string expected) =>
        Assert.Equal(expected, SwedishSentences.Assessment(new AssessmentDistribution(fully, partly, notMet, missing)));

    [Fact]
    public void GivenTotalAboveTwelve_WhenPhrased_ThenEveryCountInDigits()
    {
        Assert.Equal(
            "12 av 300 enheter bedömer att målet uppfylls helt, 280 delvis och 8 inte.",
            SwedishSentences.Assessment(new AssessmentDistribution(12, 280, 8, 0)));
        Assert.Equal(
            "8 av 40 enheter bedömer att målet uppfylls helt, 12 delvis och 14 inte. 6 enheter har inte lämnat någon bedömning.",
            SwedishSentences.Assessment(new AssessmentDistribution(8, 12, 14, 6)));
        Assert.Equal(
            "13 av 14 enheter bedömer att målet uppfylls helt och 1 delvis.",
            SwedishSentences.Assessment(new AssessmentDistribution(13, 1, 0, 0)));
        Assert.Equal(
            "Ingen av de 20 enheterna har lämnat någon bedömning.",
            SwedishSentences.Assessment(new AssessmentDistribution(0, 0, 0, 20)));
        Assert.Equal(
            "Samtliga 52 enheter bedömer att målet uppfylls helt.",
            SwedishSentences.Assessment(new AssessmentDistribution(52, 0, 0, 0)));
    }

    [Theory]
    [InlineData(0, "noll")]
    [InlineData(1, "en")]
    [InlineData(7, "sju")]
    [InlineData(8, "åtta")]
    [InlineData(11, "elva")]
    [InlineData(12, "tolv")]
    [InlineData(13, "13")]
    [InlineData(300, "300")]
    public void GivenCount_WhenWritten_ThenWordUpToTwelve(int count, string expected) =>
        Assert.Equal(expected, SwedishSentences.Count(count));

    [Theory]
    [InlineData(5, 5, "Samtliga fem enheter har lämnat godkänt underlag.")]
    [InlineData(4, 5, "Rapporten bygger på godkänt underlag från fyra av fem enheter.")]
    [InlineData(48, 52, "Rapporten bygger på godkänt underlag från 48 av 52 enheter.")]
    [InlineData(0, 3, "Ingen enhet har lämnat godkänt underlag.")]
    [InlineData(7, 13, "Rapporten bygger på godkänt underlag från 7 av 13 enheter.")]
    [InlineData(2, 2, "Båda enheterna har lämnat godkänt underlag.")]
    public void GivenReportedUnits_WhenCoverageWritten_ThenSentence(int reported, int total, string expected) =>
        Assert.Equal(expected, SwedishSentences.Coverage(reported, total));

    [Theory]
    [InlineData(Core.ReportCycles.ReportPeriod.T1, "Tertialrapport 1 2021")]
    [InlineData(Core.ReportCycles.ReportPeriod.T2, "Tertialrapport 2 2021")]
    [InlineData(Core.ReportCycles.ReportPeriod.VB, "Verksamhetsberättelse 2021")]
    public void GivenPeriod_WhenTitled_ThenAdministrationsName(Core.ReportCycles.ReportPeriod period, string expected) =>
        Assert.Equal(expected, ReportTitles.Title(period, 2021));
}
