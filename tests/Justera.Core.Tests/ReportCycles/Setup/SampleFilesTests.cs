using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;

namespace Justera.Core.Tests.ReportCycles.Setup;

/// <summary>The committed samples/report-cycle files import cleanly and hold what a reader of the Skärholmen report expects.</summary>
public class SampleFilesTests
{
    private static readonly string Folder = InRepository("samples", "report-cycle");

    private static string InRepository(params string[] parts)
    {
        // Read from the repository itself, so the test checks the files exactly as committed.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. parts]);
            if (Path.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException(string.Join('/', parts) + " was not found above " + AppContext.BaseDirectory);
    }

    private static IReadOnlyList<ReportingUnit> Units()
    {
        var result = UnitsCsv.Read(File.ReadAllBytes(Path.Combine(Folder, "enheter.csv")));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    [Fact]
    public void GivenSampleUnits_WhenImported_ThenTenUnitsInThreeDepartmentsWithOneManagerOfTwo()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, "enheter.csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // saved as Excel's "CSV UTF-8" saves it

        var units = Units();

        Assert.Equal(10, units.Count);
        Assert.Equal(
            ["Avdelningen för förskola", "Avdelningen för äldreomsorg", "Avdelningen för individ- och familjeomsorg"],
            units.Select(u => u.Department).Distinct());
        var twoUnits = Assert.Single(units.GroupBy(u => u.Manager.Email), g => g.Count() > 1);
        Assert.Equal(["FSK-01", "FSK-02"], twoUnits.Select(u => u.Id));
        Assert.All(units, u => Assert.EndsWith("@example.org", u.Manager.Email, StringComparison.Ordinal));
        Assert.All(units, u => Assert.EndsWith("@example.org", u.DepartmentHead.Email, StringComparison.Ordinal));
        Assert.Contains(units, u => u.Name == "Vuxenenheten; socialpsykiatri och beroende");
    }

    [Fact]
    public void GivenSampleStructure_WhenImportedWithTheSampleUnits_ThenTheSkarholmenGoalsAndIndicators()
    {
        var units = Units();
        var result = StructureJson.Read(File.ReadAllBytes(Path.Combine(Folder, "struktur-2021.json")), units.Select(u => u.Id).ToList());
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
        var structure = result.Value;

        Assert.Equal(2021, structure.Year);
        Assert.Equal(
            ["En modern storstad med möjligheter och valfrihet för alla", "En hållbart växande och dynamisk storstad med hög tillväxt", "En ekonomiskt hållbar och innovativ storstad för framtiden"],
            structure.DirectionGoals.Select(d => d.Title));
        Assert.Equal(
            ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2"],
            structure.DirectionGoals.SelectMany(d => d.AreaGoals).Select(a => a.Number));
        Assert.Equal("Stockholm är en trygg, säker och välskött stad att bo och vistas i", Area(structure, "1.2").Title);

        var indicators = structure.DirectionGoals.SelectMany(d => d.AreaGoals)
            .SelectMany(a => a.Indicators.Concat(a.BoardGoals.SelectMany(b => b.Indicators)))
            .ToDictionary(i => i.Name);
        var qualified = indicators["Andel legitimerade förskollärare av totalt antal anställda (årsarbetare)"];
        Assert.Equal(("%", true, 33m, 33m), (qualified.Unit, qualified.SplitBySex, qualified.AnnualTarget, qualified.CouncilAnnualTarget));
        var summerJobs = indicators["Antal ungdomar som fått feriejobb i stadens regi"];
        Assert.Equal(("st", 750m, 9000m), (summerJobs.Unit, summerJobs.AnnualTarget, summerJobs.CouncilAnnualTarget));
        Assert.True(summerJobs.Adds);

        Assert.Contains(Area(structure, "1.3").BoardGoals, b => b.Title == "Skärholmens förskolebarn når sin fulla potential i en trygg förskola med hög pedagogisk kvalitet");
        Assert.Contains(Area(structure, "1.3").BoardGoals.SelectMany(b => b.Activities), a => a.Ends == new DateOnly(2021, 4, 30));

        Assert.Equal(units.Select(u => u.Id), structure.Assignments.Select(a => a.UnitId));
        Assert.All(structure.Assignments, a => Assert.NotEmpty(a.GoalIds));
        Assert.All(structure.Assignments, a => Assert.NotEmpty(a.Budget));
        var bredang = structure.Assignments.Single(a => a.UnitId == "FSK-01");
        Assert.Equal(46.1m, bredang.Budget.Sum(b => b.Budget));
    }

    [Fact]
    public void GivenTheDocumentedExample_WhenImported_ThenNoErrors()
    {
        var page = File.ReadAllText(InRepository("docs", "report-structure.md"));
        var start = page.IndexOf("```jsonc", StringComparison.Ordinal) + "```jsonc".Length;
        var example = page[start..page.IndexOf("```", start, StringComparison.Ordinal)];

        var result = StructureJson.Read(System.Text.Encoding.UTF8.GetBytes(example), ["FSK-01"]);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
        Assert.Equal(-4.6m, result.Value.Assignments[0].Budget[1].Budget);
    }

    private static AreaGoal Area(YearStructure structure, string number) =>
        structure.DirectionGoals.SelectMany(d => d.AreaGoals).Single(a => a.Number == number);
}
