using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;

namespace Justera.Core.Tests.ReportCycles.Setup;

public class UnitsImportTests
{
    private static readonly Person Asa = new("Åsa Lind", "asa.lind@example.org");
    private static readonly Person Maria = new("Maria Berg", "maria.berg@example.org");
    private static readonly ReportingUnit Solen = new("FSK-01", "Förskolan Solen", "Avdelningen för förskola", Asa, Maria);
    private static readonly ReportingUnit Manen = new("FSK-02", "Förskolan Månen", "Avdelningen för förskola", Asa, Maria);
    private static readonly ReportingUnit Stjarnan = new("FSK-03", "Förskolan Stjärnan", "Avdelningen för förskola", Asa, Maria);

    [Fact]
    public void GivenStoredUnits_WhenTheSameFileIsImportedAgain_ThenNothingChanges()
    {
        var comparison = UnitsImport.Compare([Solen, Manen], [Manen, Solen]);

        Assert.True(comparison.IsNoChange);
        Assert.Equal([Manen, Solen], comparison.Unchanged.AsEnumerable());
        Assert.Equal("Filen ändrar ingenting: alla 2 enheter är oförändrade.", comparison.Summary);
    }

    [Fact]
    public void GivenStoredUnits_WhenFileAddsChangesAndDrops_ThenEachSortedWithTheChangedFields()
    {
        var newManager = Manen with { Name = "Förskolan Fullmånen", Manager = new Person("Omar Said", "omar.said@example.org") };

        var comparison = UnitsImport.Compare([Solen, Manen, Stjarnan], [Solen, newManager, new ReportingUnit("ALD-01", "Hemtjänsten", "Avdelningen för äldreomsorg", Asa, Maria)]);

        Assert.Equal(["ALD-01"], comparison.Added.Select(u => u.Id));
        var change = Assert.Single(comparison.Changed);
        Assert.Equal(Manen, change.Before);
        Assert.Equal(newManager, change.After);
        Assert.Equal([UnitField.Name, UnitField.ManagerName, UnitField.ManagerEmail], change.Fields.AsEnumerable());
        Assert.Equal([Solen], comparison.Unchanged.AsEnumerable());
        Assert.Equal([Stjarnan], comparison.Removed.AsEnumerable());
        Assert.Equal("1 ny enhet, 1 ändrad, 1 oförändrad, 1 finns inte längre i filen.", comparison.Summary);
    }

    [Fact]
    public void GivenIdInOtherCase_WhenCompared_ThenSameUnitNotANewOne()
    {
        var comparison = UnitsImport.Compare([Solen], [Solen with { Id = "fsk-01" }]);

        Assert.Empty(comparison.Added);
        Assert.Empty(comparison.Removed);
        Assert.Single(comparison.Unchanged);
    }

    [Fact]
    public void GivenEmailInOtherCase_WhenCompared_ThenUnchanged()
    {
        var comparison = UnitsImport.Compare([Solen], [Solen with { Manager = Asa with { Email = "Asa.Lind@Example.org" } }]);

        Assert.True(comparison.IsNoChange);
    }

    [Fact]
    public void GivenNewDepartmentAndHead_WhenCompared_ThenThoseFieldsNamed()
    {
        var moved = Solen with { Department = "Avdelningen för IFO", DepartmentHead = new Person("Karin Ek", "karin.ek@example.org") };

        var change = Assert.Single(UnitsImport.Compare([Solen], [moved]).Changed);

        Assert.Equal([UnitField.Department, UnitField.DepartmentHeadName, UnitField.DepartmentHeadEmail], change.Fields.AsEnumerable());
        Assert.Equal(["Avdelning", "Avdelningschef", "Avdelningschefens e-post"], change.Fields.Select(UnitsImport.Label));
    }

    [Fact]
    public void GivenNothingStored_WhenCompared_ThenAllAdded()
    {
        var comparison = UnitsImport.Compare([], [Solen, Manen]);

        Assert.Equal([Solen, Manen], comparison.Added.AsEnumerable());
        Assert.Equal("2 nya enheter, 0 ändrade, 0 oförändrade, 0 finns inte längre i filen.", comparison.Summary);
    }
}
