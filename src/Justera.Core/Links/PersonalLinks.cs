using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Justera.Core.JusteringRounds;

namespace Justera.Core.Links;

/// <summary>
/// Personal link tokens: the round id (so a link finds its round with one point read) and 256 random bits
/// from a cryptographic generator. Only the SHA-256 of the whole token is stored; the round's state says
/// which hashes count, so a guessed or tampered token finds nothing.
/// </summary>
public static class PersonalLinks
{
    private const int SecretBytes = 32;
    private const char Separator = '.';
    private const int SecretChars = 43; // 32 bytes in unpadded base64url
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");
    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static NewLink Mint(string roundId)
    {
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var token = $"{roundId}{Separator}{Base64Url.EncodeToString(secret)}";
        return new NewLink(token, Hash(token));
    }

    public static IReadOnlyList<NewLink> Mint(string roundId, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => Mint(roundId))];

    public static string Hash(string token) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Reads a token's round id and hash; false for anything that cannot be a token we minted.</summary>
    public static bool TryRead(string? token, out string roundId, out string tokenHash)
    {
        roundId = tokenHash = "";
        if (token is null || token.Length > 200)
            return false;
        var dot = token.IndexOf(Separator, StringComparison.Ordinal);
        if (dot <= 0 || !IsRoundId(token.AsSpan(0, dot)))
            return false;
        // Exactly the characters Mint writes: Base64Url.IsValid alone would let whitespace and padding through.
        var secret = token.AsSpan(dot + 1);
        if (secret.Length != SecretChars || secret.ContainsAnyExcept(Base64UrlAlphabet))
            return false;
        roundId = token[..dot];
        tokenHash = Hash(token);
        return true;
    }

    /// <summary>Round ids are 32 lowercase hex digits (a GUID without dashes).</summary>
    public static bool IsRoundId(ReadOnlySpan<char> value) =>
        value.Length == 32 && !value.ContainsAnyExcept(LowerHex);

    public static string NewRoundId() => Guid.NewGuid().ToString("N");
}
