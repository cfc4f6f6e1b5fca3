using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Justera.Core.JusteringRounds;
using Justera.Core.Links;
using Justera.Core.Tests.JusteringRounds;

namespace Justera.Core.Tests.Links;

public class PersonalLinksTests
{
    private const string RoundId = ExampleRound.Id;

    [Fact]
    public void GivenARound_WhenAThousandLinksAreMinted_ThenEveryTokenAndEveryHashIsUnique()
    {
        var links = PersonalLinks.Mint(RoundId, 1000);

        Assert.Equal(1000, links.Count);
        Assert.Equal(1000, links.Select(l => l.Token).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1000, links.Select(l => l.TokenHash).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void GivenAMintedToken_WhenItsSecretIsDecoded_ThenItCarriesAtLeast128RandomBits()
    {
        var links = PersonalLinks.Mint(RoundId, 200);

        var secrets = links.Select(l => Base64Url.DecodeFromChars(Secret(l.Token))).ToList();

        Assert.All(secrets, s => Assert.True(s.Length * 8 >= 128, $"{s.Length * 8} bits"));
        // Each bit position varies across 200 tokens; a counter or a timestamp would leave most bits fixed.
        for (var bit = 0; bit < 128; bit++)
        {
            var ones = secrets.Count(s => (s[bit / 8] & (1 << (bit % 8))) != 0);
            Assert.InRange(ones, 40, 160);
        }
    }

    [Fact]
    public void GivenAMintedToken_WhenHashed_ThenTheHashIsTheSha256OfTheTokenAndRevealsNoPartOfIt()
    {
        var link = PersonalLinks.Mint(RoundId);

        Assert.NotEqual(link.Token, link.TokenHash);
        Assert.DoesNotContain(Secret(link.Token), link.TokenHash, StringComparison.Ordinal);
        Assert.DoesNotContain(RoundId, link.TokenHash, StringComparison.Ordinal);
        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(link.Token))), link.TokenHash);
        Assert.Equal(link.TokenHash, PersonalLinks.Hash(link.Token));
    }

    [Fact]
    public void GivenAMintedToken_WhenRead_ThenItsRoundIdAndHashComeBack()
    {
        var link = PersonalLinks.Mint(RoundId);

        Assert.True(PersonalLinks.TryRead(link.Token, out var roundId, out var hash));
        Assert.Equal(RoundId, roundId);
        Assert.Equal(link.TokenHash, hash);
    }

    [Fact]
    public void GivenAMintedToken_WhenOneCharacterOfItsSecretIsChanged_ThenItReadsToAnotherHashThatNoRoundKnows()
    {
        var link = PersonalLinks.Mint(RoundId);
        var dot = link.Token.IndexOf('.', StringComparison.Ordinal);
        var chars = link.Token.ToCharArray();
        chars[dot + 10] = chars[dot + 10] == 'A' ? 'B' : 'A';
        var tampered = new string(chars);

        Assert.True(PersonalLinks.TryRead(tampered, out var roundId, out var hash));
        Assert.Equal(RoundId, roundId);
        Assert.NotEqual(link.TokenHash, hash);

        Scenario.Given(
                ExampleRound.Created(),
                new RoundStarted(ExampleRound.StartedAt),
                new LinksIssued([new IssuedLink(ExampleRound.Anna.Id, 1, link.TokenHash)], LinkPurpose.Request, ExampleRound.StartedAt))
            .When(new RecordAnswer(hash, ReplyKind.NoObjection, null, null, "form-1", ExampleRound.AnsweredAt))
            .ThenRefuses(RefusalReason.UnknownLink);
    }

    [Fact]
    public void GivenAMintedToken_WhenAnyOneCharacterOfTheRoundIdIsChanged_ThenItReadsToAnotherRoundOrNotAtAll()
    {
        var link = PersonalLinks.Mint(RoundId);
        var chars = link.Token.ToCharArray();
        chars[0] = chars[0] == 'a' ? 'b' : 'a';

        var read = PersonalLinks.TryRead(new string(chars), out var roundId, out var hash);

        Assert.True(read);
        Assert.NotEqual(RoundId, roundId);
        Assert.NotEqual(link.TokenHash, hash);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(43)]
    public void GivenAMintedToken_WhenTruncated_ThenRefused(int removed)
    {
        var token = PersonalLinks.Mint(RoundId).Token;

        Assert.False(PersonalLinks.TryRead(token[..^removed], out _, out _));
    }

    [Fact]
    public void GivenAMintedToken_WhenCutAtTheDot_ThenRefused()
    {
        Assert.False(PersonalLinks.TryRead(RoundId + ".", out _, out _));
        Assert.False(PersonalLinks.TryRead(RoundId, out _, out _));
    }

    [Theory]
    [InlineData('+')]
    [InlineData('/')]
    [InlineData('=')]
    [InlineData('!')]
    [InlineData('%')]
    [InlineData(' ')]
    [InlineData('\n')]
    [InlineData('é')]
    public void GivenAMintedToken_WhenACharacterOutsideBase64UrlIsPutIn_ThenRefused(char foreign)
    {
        var token = PersonalLinks.Mint(RoundId).Token;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var chars = token.ToCharArray();
        chars[dot + 5] = foreign;

        Assert.False(PersonalLinks.TryRead(new string(chars), out _, out _));
    }

    [Theory]
    [InlineData(' ')]
    [InlineData('\t')]
    [InlineData('\n')]
    [InlineData('=')]
    public void GivenAMintedToken_WhenACharacterOutsideBase64UrlIsInsertedIntoTheSecret_ThenRefused(char foreign)
    {
        var token = PersonalLinks.Mint(RoundId).Token;
        var dot = token.IndexOf('.', StringComparison.Ordinal);

        Assert.False(PersonalLinks.TryRead(token.Insert(dot + 5, foreign.ToString()), out _, out _));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\r\n")]
    [InlineData("=")]
    public void GivenAMintedToken_WhenSomethingOutsideBase64UrlIsAppended_ThenRefused(string appended)
    {
        var token = PersonalLinks.Mint(RoundId).Token;

        Assert.False(PersonalLinks.TryRead(token + appended, out _, out _));
    }

    [Theory]
    [InlineData("5B1D0C3E9A7F4E2D8C6B4A2F1E0D9C8B")]
    [InlineData("5b1d0c3e-9a7f-4e2d-8c6b-4a2f1e0d9c8b")]
    [InlineData("5b1d0c3e9a7f4e2d8c6b4a2f1e0d9c8")]
    [InlineData("5b1d0c3e9a7f4e2d8c6b4a2f1e0d9c8b0")]
    [InlineData("5b1d0c3e9a7f4e2d8c6b4a2f1e0d9c8g")]
    [InlineData("")]
    public void GivenATokenWithAMalformedRoundId_WhenRead_ThenRefused(string roundId)
    {
        var secret = Secret(PersonalLinks.Mint(RoundId).Token);

        Assert.False(PersonalLinks.TryRead($"{roundId}.{secret}", out _, out _));
    }

    [Fact]
    public void GivenATokenLongerThan200Characters_WhenRead_ThenRefused()
    {
        var token = PersonalLinks.Mint(RoundId).Token;

        Assert.False(PersonalLinks.TryRead(token + new string('A', 200 - token.Length + 1), out _, out _));
        Assert.False(PersonalLinks.TryRead(token + new string(' ', 200 - token.Length + 1), out _, out _));
        Assert.False(PersonalLinks.TryRead(new string('a', 100_000), out _, out _));
    }

    [Fact]
    public void GivenNoToken_WhenRead_ThenRefusedWithEmptyOutputs()
    {
        Assert.False(PersonalLinks.TryRead(null, out var roundId, out var hash));
        Assert.Equal("", roundId);
        Assert.Equal("", hash);
    }

    [Fact]
    public void GivenAMintedToken_WhenASecondSecretIsAppended_ThenRefused()
    {
        var token = PersonalLinks.Mint(RoundId).Token;

        Assert.False(PersonalLinks.TryRead(token + "." + Secret(token), out _, out _));
    }

    [Fact]
    public void GivenNewRoundIds_WhenChecked_ThenTheyAreThirtyTwoLowercaseHexDigitsAndUnique()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => PersonalLinks.NewRoundId()).ToList();

        Assert.All(ids, id => Assert.True(PersonalLinks.IsRoundId(id), id));
        Assert.Equal(100, ids.Distinct(StringComparer.Ordinal).Count());
    }

    private static string Secret(string token) => token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..];
}
