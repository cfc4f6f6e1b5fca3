using System.Globalization;
using System.Text;

namespace Justera.Core.ReportCycles.Compilation;

/// <summary>The report's names for periods and assessments.</summary>
public static class ReportTitles
{
    /// <summary>"Tertialrapport 1 2021", "Tertialrapport 2 2021" or "Verksamhetsberättelse 2021".</summary>
    public static string Title(ReportPeriod period, int year) => period switch
    {
        ReportPeriod.T1 => string.Create(CultureInfo.InvariantCulture, $"Tertialrapport 1 {year}"),
        ReportPeriod.T2 => string.Create(CultureInfo.InvariantCulture, $"Tertialrapport 2 {year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Verksamhetsberättelse {year}"),
    };

    /// <summary>"Uppfylls helt", "Uppfylls delvis", "Uppfylls inte", or "Ingen bedömning".</summary>
    public static string Fulfilment(GoalFulfilment? fulfilment) => fulfilment switch
    {
        GoalFulfilment.Fully => "Uppfylls helt",
        GoalFulfilment.Partly => "Uppfylls delvis",
        GoalFulfilment.NotMet => "Uppfylls inte",
        _ => "Ingen bedömning",
    };

    /// <summary>"Enligt plan", "Delvis enligt plan", "Inte enligt plan".</summary>
    public static string Progress(ActivityProgress progress) => progress switch
    {
        ActivityProgress.OnPlan => "Enligt plan",
        ActivityProgress.PartlyOnPlan => "Delvis enligt plan",
        _ => "Inte enligt plan",
    };
}

/// <summary>
/// The report's sentences about counts of units. Swedish prose writes small counts as words ("tre av fem enheter")
/// and larger ones as digits; the cut is at twelve, the last number with a word of its own ("tolv", then "13"). Where
/// one count in a passage needs digits, all of them get digits ("8 av 40 enheter … 12 delvis och 14 inte"), as
/// Svenska skrivregler advise for numbers that are compared. "Enhet" is a common-gender noun, so one is "en".
/// </summary>
public static class SwedishSentences
{
    private static readonly string[] Words =
        ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"];

    /// <summary>A count as the report writes it: a word up to twelve ("en", "tolv"), digits above ("13").</summary>
    public static string Count(int count) =>
        count >= 0 && count < Words.Length ? Words[count] : count.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The sentence under a goal, e.g. "Tre av fem enheter bedömer att målet uppfylls helt, en delvis och en inte.",
    /// "Samtliga fyra enheter bedömer att målet uppfylls helt.", with a second sentence for units that gave no assessment.
    /// </summary>
    public static string Assessment(AssessmentDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var total = distribution.Total;
        // Every count in the passage is at most the total, so the total alone decides between words and digits.
        var digits = total > Words.Length - 1;
        string Count(int count) => digits ? count.ToString(CultureInfo.InvariantCulture) : SwedishSentences.Count(count);
        if (total == 0)
            return "Ingen enhet rapporterar på målet.";
        if (distribution.Assessed == 0)
        {
            return total switch
            {
                1 => "Den enda enheten har inte lämnat någon bedömning.",
                2 => "Ingen av de två enheterna har lämnat någon bedömning.",
                _ => $"Ingen av de {Count(total)} enheterna har lämnat någon bedömning.",
            };
        }

        var parts = new List<(int Count, string Word)>(3);
        if (distribution.Fully > 0) parts.Add((distribution.Fully, "helt"));
        if (distribution.Partly > 0) parts.Add((distribution.Partly, "delvis"));
        if (distribution.NotMet > 0) parts.Add((distribution.NotMet, "inte"));

        var sentence = new StringBuilder();
        var (first, firstWord) = parts[0];
        if (first == total)
        {
            // Everyone agrees: "av fem" would read as if some were left out.
            sentence.Append(total switch
            {
                1 => "Den enda enheten bedömer",
                2 => "Båda enheterna bedömer",
                _ => $"Samtliga {Count(total)} enheter bedömer",
            });
        }
        else
        {
            sentence.Append(Capitalised(Count(first))).Append(" av ").Append(Count(total)).Append(" enheter bedömer");
        }

        sentence.Append(" att målet uppfylls ").Append(firstWord);
        for (var i = 1; i < parts.Count; i++)
        {
            sentence.Append(i == parts.Count - 1 ? " och " : ", ").Append(Count(parts[i].Count)).Append(' ').Append(parts[i].Word);
        }

        sentence.Append('.');
        if (distribution.Missing > 0)
        {
            sentence.Append(' ').Append(Capitalised(Count(distribution.Missing)))
                .Append(distribution.Missing == 1 ? " enhet har" : " enheter har")
                .Append(" inte lämnat någon bedömning.");
        }

        return sentence.ToString();
    }

    /// <summary>"Rapporten bygger på underlag från 48 av 52 enheter." or "Samtliga 52 enheter har lämnat godkänt underlag."</summary>
    public static string Coverage(int reported, int total)
    {
        var digits = total > Words.Length - 1;
        string Count(int count) => digits ? count.ToString(CultureInfo.InvariantCulture) : SwedishSentences.Count(count);
        if (total == 0)
            return "Inga enheter ingår i rapporteringen.";
        if (reported == total)
        {
            return total switch
            {
                1 => "Den enda enheten har lämnat godkänt underlag.",
                2 => "Båda enheterna har lämnat godkänt underlag.",
                _ => $"Samtliga {Count(total)} enheter har lämnat godkänt underlag.",
            };
        }

        if (reported == 0)
            return "Ingen enhet har lämnat godkänt underlag.";
        return $"Rapporten bygger på godkänt underlag från {Count(reported)} av {Count(total)} enheter.";
    }

    private static string Capitalised(string word) =>
        word.Length == 0 || !char.IsLower(word[0]) ? word : char.ToUpper(word[0], CultureInfo.GetCultureInfo("sv-SE")) + word[1..];
}
