using System.Security.Claims;

namespace Justera.Web.Hosting;

/// <summary>The signed-in secretary and the administration whose rounds they may see.</summary>
public sealed record SecretaryUser(string Name, string Email, string AdministrationId, string AdministrationName)
{
    public const string AdministrationIdClaim = "justera:administration";
    public const string AdministrationNameClaim = "justera:administration-name";

    public static SecretaryUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
            return null;
        var name = principal.FindFirstValue(ClaimTypes.Name);
        var email = principal.FindFirstValue(ClaimTypes.Email);
        var administrationId = principal.FindFirstValue(AdministrationIdClaim);
        var administrationName = principal.FindFirstValue(AdministrationNameClaim);
        return name is null || email is null || administrationId is null || administrationName is null
            ? null
            : new SecretaryUser(name, email, administrationId, administrationName);
    }

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, Name),
        new Claim(ClaimTypes.Email, Email),
        new Claim(AdministrationIdClaim, AdministrationId),
        new Claim(AdministrationNameClaim, AdministrationName),
    ], scheme));

    /// <summary>A stable id for an administration's name: lowercase letters and digits, Swedish letters folded.</summary>
    public static string AdministrationIdFor(string name)
    {
        var folded = name.Trim().ToLowerInvariant().Replace('å', 'a').Replace('ä', 'a').Replace('ö', 'o').Replace('é', 'e');
        var id = new string([.. folded.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        while (id.Contains("--", StringComparison.Ordinal))
            id = id.Replace("--", "-", StringComparison.Ordinal);
        return id.Length == 0 ? "okand" : id;
    }
}
