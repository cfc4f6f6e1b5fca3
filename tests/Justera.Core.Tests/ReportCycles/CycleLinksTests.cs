using Justera.Core.Links;

namespace Justera.Core.Tests.ReportCycles;

public class CycleLinksTests
{
    [Fact]
    public void GivenAUnitLink_WhenMintedAndReadBack_ThenTheTokenNamesItsCycleHolderAndUnitAndHashesToTheStoredHash()
    {
        var link = CycleLinks.Mint(CycleLink.ForUnit("t1-2026", "u-norr"));

        Assert.True(CycleLinks.TryRead(link.Token, out var read, out var hash));
        Assert.Equal(CycleLink.ForUnit("t1-2026", "u-norr"), read);
        Assert.Equal(link.TokenHash, hash);
        Assert.Equal(PersonalLinks.Hash(link.Token), hash);
        Assert.StartsWith("t1-2026.m.", link.Token, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenADepartmentWithSwedishLettersAndSpaces_WhenMinted_ThenTheTokenIsUrlSafeAndReadsBack()
    {
        var link = CycleLinks.Mint(CycleLink.ForDepartment("vb-2025", "Äldreomsorg och stöd"));

        Assert.Matches("^[a-z0-9.-][A-Za-z0-9._-]+$", link.Token);
        Assert.True(CycleLinks.TryRead(link.Token, out var read, out _));
        Assert.Equal(CycleLink.ForDepartment("vb-2025", "Äldreomsorg och stöd"), read);
    }

    [Fact]
    public void GivenAThousandLinksForOneUnit_WhenMinted_ThenEveryTokenAndHashDiffers()
    {
        var links = Enumerable.Range(0, 1000).Select(_ => CycleLinks.Mint(CycleLink.ForUnit("t2-2026", "u-stod"))).ToList();

        Assert.Equal(1000, links.Select(l => l.Token).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1000, links.Select(l => l.TokenHash).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void GivenATokenWhoseUnitWasSwapped_WhenRead_ThenItNamesTheOtherUnitButItsHashIsNotTheMintedOne()
    {
        var link = CycleLinks.Mint(CycleLink.ForUnit("t1-2026", "u-norr"));
        var parts = link.Token.Split('.');
        var forged = string.Join('.', parts[0], parts[1], System.Buffers.Text.Base64Url.EncodeToString("u-stod"u8), parts[3]);

        Assert.True(CycleLinks.TryRead(forged, out var read, out var hash));
        Assert.Equal("u-stod", read.Scope);
        Assert.NotEqual(link.TokenHash, hash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t1-2026.m.dS1ub3Jy")]
    [InlineData("t3-2026.m.dS1ub3Jy.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("t1-2026.x.dS1ub3Jy.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("t1-2026.m..AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("t1-2026.m.dS1ub3Jy.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("t1-2026.m.dS1ub3Jy.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("t1-2026.m.dS1ub3Jy.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.x")]
    [InlineData("t1-2026.m./w.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("t1-2026.m.AQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void GivenSomethingThatIsNotAMintedCycleToken_WhenRead_ThenRefused(string? token)
    {
        Assert.False(CycleLinks.TryRead(token, out _, out _));
    }
}
