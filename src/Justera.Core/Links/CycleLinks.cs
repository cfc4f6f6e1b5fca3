using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Justera.Core.ReportCycles;

namespace Justera.Core.Links;

/// <summary>Whose link it is: a unit manager's (one unit's form) or a department head's (one department).</summary>
public enum LinkHolder
{
    /// <summary>An enhetschef's link to one unit's form.</summary>
    UnitManager,

    /// <summary>An avdelningschef's link to one department's units.</summary>
    DepartmentHead,
}

/// <summary>
/// What a cycle link names openly: its cycle, its holder and the unit (for a manager) or the department (for a
/// department head). It says where to look; only the stored hash of the whole token proves the link is real.
/// </summary>
public sealed record CycleLink(string CycleId, LinkHolder Holder, string Scope)
{
    public static CycleLink ForUnit(string cycleId, string unitId) => new(cycleId, LinkHolder.UnitManager, unitId);

    public static CycleLink ForDepartment(string cycleId, string department) => new(cycleId, LinkHolder.DepartmentHead, department);
}

/// <summary>A freshly minted cycle link: the raw token goes into one e-mail, only its hash is kept.</summary>
public sealed record ScopedLink(CycleLink For, string Token, string TokenHash);

/// <summary>
/// Personal links of a report cycle, by the justering round's rules (<see cref="PersonalLinks"/>): 256 random bits
/// from a cryptographic generator, only the SHA-256 of the whole token stored, every e-mail its own link. The token
/// reads "{cycle}.{m|d}.{scope}.{secret}" with the scope (a unit id or a department name) in base64url, so any id
/// or Swedish department name fits in a URL and a tampered scope changes the hash.
/// </summary>
public static class CycleLinks
{
    private const int SecretBytes = 32;
    private const int SecretChars = 43; // 32 bytes in unpadded base64url
    private const int MaxTokenLength = 400;
    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static ScopedLink Mint(CycleLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var holder = link.Holder == LinkHolder.UnitManager ? 'm' : 'd';
        var token = $"{link.CycleId}.{holder}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(link.Scope))}.{Base64Url.EncodeToString(secret)}";
        return new ScopedLink(link, token, PersonalLinks.Hash(token));
    }

    /// <summary>Reads what a token names and its hash; false for anything that cannot be a cycle token we minted.</summary>
    public static bool TryRead(string? token, out CycleLink link, out string tokenHash)
    {
        link = new CycleLink("", LinkHolder.UnitManager, "");
        tokenHash = "";
        if (token is null || token.Length > MaxTokenLength)
            return false;
        var parts = token.Split('.');
        if (parts.Length != 4 || !ReportCycleIds.IsCycleId(parts[0]) || parts[1] is not ("m" or "d"))
            return false;
        // Exactly the characters Mint writes: Base64Url.IsValid alone would let whitespace and padding through.
        if (parts[2].Length == 0 || parts[2].AsSpan().ContainsAnyExcept(Base64UrlAlphabet)
            || parts[3].Length != SecretChars || parts[3].AsSpan().ContainsAnyExcept(Base64UrlAlphabet))
            return false;
        string scope;
        try
        {
            scope = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(parts[2]));
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (scope.Length == 0 || scope.Any(char.IsControl))
            return false;
        link = new CycleLink(parts[0], parts[1] == "m" ? LinkHolder.UnitManager : LinkHolder.DepartmentHead, scope);
        tokenHash = PersonalLinks.Hash(token);
        return true;
    }
}
