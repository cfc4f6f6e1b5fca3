using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Justera.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justera.Functions.SignIn;

/// <summary>
/// Secretaries' sign-in in Azure: App Service Authentication ("Easy Auth") signs them in with Entra ID in
/// front of the app and passes who they are in the X-MS-CLIENT-PRINCIPAL header. This maps that principal
/// to the claims the secretary policy needs; which administration they work for comes from their app roles
/// or groups through the EntraSignIn:Administrations setting. Personal links stay anonymous.
/// </summary>
public static class EntraSignIn
{
    public const string Scheme = "Entra";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string LoginPath = "/.auth/login/aad";

    /// <summary>The platform sets this when App Service Authentication is on; only then does it strip a forged principal header.</summary>
    public const string PlatformSetting = "WEBSITE_AUTH_ENABLED";

    public static IServiceCollection AddEntraSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddScheme<EntraSignInOptions, EntraSignInHandler>(Scheme, o =>
        {
            configuration.GetSection("EntraSignIn").Bind(o);
            o.PlatformSignInEnabled = string.Equals(configuration[PlatformSetting], "true", StringComparison.OrdinalIgnoreCase);
        });
        // Everything the shared "Justera" scheme does goes to Entra here: no development headers, no sign-in form.
        services.PostConfigure<PolicySchemeOptions>("Justera", o => o.ForwardDefaultSelector = _ => Scheme);
        return services;
    }

    /// <summary>Reads Easy Auth's principal (base64 JSON), or null when it is missing or unreadable.</summary>
    public static ClientPrincipal? ReadPrincipal(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        try
        {
            return JsonSerializer.Deserialize<ClientPrincipal>(Convert.FromBase64String(header));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The secretary that principal is, or null when no role or group of theirs names an administration.</summary>
    public static SecretaryUser? ToSecretary(ClientPrincipal principal, IReadOnlyList<AdministrationMapping> administrations)
    {
        var claims = principal.Claims ?? [];
        string? First(params string?[] types) =>
            claims.FirstOrDefault(c => types.Contains(c.Type, StringComparer.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(c.Value))?.Value;
        var email = First("preferred_username", "email", ClaimTypes.Email, ClaimTypes.Upn);
        var name = First(principal.NameType, "name", ClaimTypes.Name) ?? email;
        var memberships = claims
            .Where(c => c.Type is not null && (c.Type == principal.RoleType || c.Type is "roles" or "groups" or ClaimTypes.Role))
            .Select(c => c.Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var administration = administrations.FirstOrDefault(a => !string.IsNullOrWhiteSpace(a.Name) && a.Role is not null && memberships.Contains(a.Role));
        return email is null || name is null || administration is null
            ? null
            : new SecretaryUser(name, email, SecretaryUser.AdministrationIdFor(administration.Name), administration.Name.Trim());
    }
}

/// <summary>Easy Auth's client principal as the platform serialises it.</summary>
public sealed record ClientPrincipal(
    [property: JsonPropertyName("auth_typ")] string? AuthenticationType,
    [property: JsonPropertyName("name_typ")] string? NameType,
    [property: JsonPropertyName("role_typ")] string? RoleType,
    [property: JsonPropertyName("claims")] IReadOnlyList<ClientPrincipalClaim>? Claims);

public sealed record ClientPrincipalClaim(
    [property: JsonPropertyName("typ")] string? Type,
    [property: JsonPropertyName("val")] string? Value);

/// <summary>An app role value (or a group's object id) and the administration whose secretaries hold it.</summary>
public sealed class AdministrationMapping
{
    public string? Role { get; set; }

    public string Name { get; set; } = "";
}

public sealed class EntraSignInOptions : AuthenticationSchemeOptions
{
    /// <summary>Bound from EntraSignIn:Administrations:N:Role and :Name.</summary>
    public IList<AdministrationMapping> Administrations { get; } = [];

    /// <summary>True when App Service Authentication is on (WEBSITE_AUTH_ENABLED); without it the header could be forged, so it is ignored.</summary>
    public bool PlatformSignInEnabled { get; set; }
}

public sealed class EntraSignInHandler(IOptionsMonitor<EntraSignInOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<EntraSignInOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Options.PlatformSignInEnabled)
            return Task.FromResult(AuthenticateResult.NoResult());
        var principal = EntraSignIn.ReadPrincipal(Request.Headers[EntraSignIn.PrincipalHeader]);
        if (principal is null)
            return Task.FromResult(AuthenticateResult.NoResult());
        var user = EntraSignIn.ToSecretary(principal, [.. Options.Administrations]);
        if (user is null)
        {
            // Signed in, but in no administration Justera knows: authenticated without the claim, so the policy forbids.
            var identity = new ClaimsIdentity([], EntraSignIn.Scheme);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), EntraSignIn.Scheme)));
        }
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(user.ToPrincipal(EntraSignIn.Scheme), EntraSignIn.Scheme)));
    }

    /// <summary>The API answers 401; a page sends the browser to Entra sign-in and back to where it was.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Request.Path.StartsWithSegments("/api"))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
        var back = Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect($"{EntraSignIn.LoginPath}?post_login_redirect_uri={Uri.EscapeDataString(back)}");
        return Task.CompletedTask;
    }
}
