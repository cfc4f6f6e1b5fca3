using System.Text;
using CsCheck;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;

namespace Justera.Core.Tests.ReportCycles.Setup;

/// <summary>
/// Random files against the importers: a units list written the way Excel quotes comes back unit for unit, in any
/// column order and with either separator; damaged files give errors that point into the file, never an exception.
/// </summary>
public class SetupPropertiesTests
{
    private static readonly string[] Header = ["Enhets-id", "Enhet", "Avdelning", "Enhetschef", "Enhetschefens e-post", "Avdelningschef", "Avdelningschefens e-post"];

    // Names with the characters that make CSV hard: both separators, quotes, Swedish letters, inner spaces.
    private static readonly Gen<string> GenName =
        Gen.Char["abcåäöÅÄÖ ;,\"'-éü"].Array[1, 30]
            .Select(chars => new string(chars).Trim())
            .Where(s => s.Length > 0 && !s.Contains("  ", StringComparison.Ordinal))
            .Select(s => char.IsLetter(s[0]) ? s : "E" + s);

    private static readonly Gen<ReportingUnit[]> GenUnits =
        from count in Gen.Int[1, 25]
        from names in GenName.Array[count]
        from departmentCount in Gen.Int[1, 4]
        from departmentOf in Gen.Int[0, departmentCount - 1].Array[count]
        from managerOf in Gen.Int[0, count - 1].Array[count]
        select Enumerable.Range(0, count).Select(i => new ReportingUnit(
            $"E-{i}",
            names[i],
            $"Avdelning {departmentOf[i]}; \"{(char)('A' + departmentOf[i])}\"",
            new Person($"Chef {managerOf[i]}, Sätra", $"chef{managerOf[i]}@example.org"),
            new Person($"Avdelningschef {departmentOf[i]}", $"avd{departmentOf[i]}@example.org"))).ToArray();

    private static string Quote(string value, char separator) =>
        value.Contains(separator, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private static string[] Fields(ReportingUnit u) =>
        [u.Id, u.Name, u.Department, u.Manager.Name, u.Manager.Email, u.DepartmentHead.Name, u.DepartmentHead.Email];

    [Fact]
    public void GivenUnitsWrittenAsExcelWould_WhenRead_ThenTheSameUnitsInAnyColumnOrderAndSeparator()
    {
        Gen.Select(GenUnits, Gen.Int[0, 6].Array[7], Gen.Bool, Gen.Bool).Sample((units, shuffle, comma, bom) =>
        {
            var order = Enumerable.Range(0, 7).OrderBy(i => shuffle[i]).ThenBy(i => i).ToArray();
            var separator = comma ? ',' : ';';
            var lines = new[] { Header }.Concat(units.Select(Fields))
                .Select(fields => string.Join(separator, order.Select(i => Quote(fields[i], separator))));
            var bytes = Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

            var result = UnitsCsv.Read(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);

            return result.Succeeded && result.Value.SequenceEqual(units);
        });
    }

    [Fact]
    public void GivenDamagedUnitsFile_WhenRead_ThenUnitsOrErrorsThatPointIntoTheFile()
    {
        var sample = SampleBytes("enheter.csv");
        Gen.Select(GenDamage(sample.Length), Gen.Byte.Array[1, 8]).Sample((damage, junk) =>
        {
            var bytes = Damage(sample, damage, junk);
            var result = UnitsCsv.Read(bytes);
            var lines = bytes.Count(b => b == (byte)'\n') + 1;
            return result.Succeeded
                ? result.Value.Count > 0
                : result.Errors.Length > 0 && result.Errors.All(e => e.Message.Length > 0 && (e.Line is null || (e.Line >= 1 && e.Line <= lines + 1)));
        }, iter: 2000);
    }

    [Fact]
    public void GivenDamagedStructureFile_WhenRead_ThenStructureOrErrorsThatPointIntoTheFile()
    {
        var sample = SampleBytes("struktur-2021.json");
        Gen.Select(GenDamage(sample.Length), Gen.Byte.Array[1, 8]).Sample((damage, junk) =>
        {
            var bytes = Damage(sample, damage, junk);
            var result = StructureJson.Read(bytes);
            var lines = bytes.Count(b => b == (byte)'\n') + 1;
            return result.Succeeded
                ? result.Value.DirectionGoals.Length > 0
                : result.Errors.Length > 0 && result.Errors.All(e => e.Message.Length > 0 && (e.Line is null || (e.Line >= 1 && e.Line <= lines)));
        }, iter: 2000);
    }

    [Theory]
    [InlineData("\"\\uD800\"", "ogiltig \\u-kod")]
    [InlineData("\"\\uDC00x\"", "ogiltig \\u-kod")]
    [InlineData("\"a\\u0000b\"", "osynligt tecken")]
    public void GivenTitleWithBrokenOrControlEscape_WhenRead_ThenErrorNotException(string title, string expected)
    {
        var json = $"{{ \"year\": 2021, \"directionGoals\": [ {{ \"id\": \"KF1\", \"number\": \"1\", \"title\": {title} }} ] }}";

        var result = StructureJson.Read(Encoding.UTF8.GetBytes(json));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Rad 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private sealed record Mutation(int Kind, int Position, int Length);

    // Replace, insert or delete a few bytes anywhere: the slips of a hand edit, a truncated upload, a bad copy.
    private static Gen<Mutation> GenDamage(int length) =>
        from kind in Gen.Int[0, 3]
        from position in Gen.Int[0, length - 1]
        from size in Gen.Int[1, 8]
        select new Mutation(kind, position, size);

    private static byte[] Damage(byte[] sample, Mutation damage, byte[] junk) => damage.Kind switch
    {
        0 => [.. sample[..damage.Position], .. junk, .. sample[Math.Min(sample.Length, damage.Position + junk.Length)..]],
        1 => [.. sample[..damage.Position], .. junk, .. sample[damage.Position..]],
        2 => [.. sample[..damage.Position], .. sample[Math.Min(sample.Length, damage.Position + damage.Length)..]],
        _ => sample[..damage.Position],
    };

    private static byte[] SampleBytes(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "report-cycle", name);
            if (File.Exists(candidate))
                return File.ReadAllBytes(candidate);
        }
        throw new FileNotFoundException(name);
    }
}
