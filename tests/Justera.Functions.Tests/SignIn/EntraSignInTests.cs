using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Justera.Functions.SignIn;
using Justera.Web.Hosting;

namespace Justera.Functions.Tests.SignIn;

public sealed class EntraSignInTests
{
    public const string Role = "Justera.Sekreterare.Exempelby";
    public const string Administration = "Exempelby stadsdelsförvaltning";
    public const string GroupId = "0f1e2d3c-0000-4000-8000-000000000001";

    /// <summary>App Service Authentication on, and one administration whose secretaries hold <see cref="Role"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> PlatformWithOneAdministration { get; } =
    [
        new(EntraSignIn.PlatformSetting, "True"),
        new("EntraSignIn:Administrations:0:Role", Role),
        new("EntraSignIn:Administrations:0:Name", Administration),
    ];

    private static readonly AdministrationMapping[] Administrations =
    [
        new() { Role = Role, Name = Administration },
        new() { Role = GroupId, Name = "Norrby stadsdelsförvaltning" },
    ];

    /// <summary>X-MS-CLIENT-PRINCIPAL as Easy Auth sends it: base64 of its JSON, for Sara Sekreterare with the given extra claims.</summary>
    public static string Principal(params (string Type, string Value)[] claims) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "name",
            role_typ = "roles",
            claims = new[] { new { typ = "name", val = "Sara Sekreterare" }, new { typ = "preferred_username", val = "sara@example.org" } }
                .Concat(claims.Select(c => new { typ = c.Type, val = c.Value })),
        })));

    [Fact]
    public void GivenAnAppRole_ThenTheSecretaryWorksForItsAdministration()
    {
        var principal = EntraSignIn.ReadPrincipal(Principal(("roles", Role)));

        var user = EntraSignIn.ToSecretary(principal!, Administrations);

        Assert.Equal(new SecretaryUser("Sara Sekreterare", "sara@example.org", "exempelby-stadsdelsforvaltning", Administration), user);
        Assert.Equal(SecretaryUser.AdministrationIdFor(Administration), user!.ToPrincipal(EntraSignIn.Scheme).FindFirstValue(SecretaryUser.AdministrationIdClaim));
    }

    [Fact]
    public void GivenAGroup_ThenTheMappedAdministration()
    {
        var user = EntraSignIn.ToSecretary(EntraSignIn.ReadPrincipal(Principal(("groups", GroupId)))!, Administrations);

        Assert.Equal("Norrby stadsdelsförvaltning", user?.AdministrationName);
    }

    [Fact]
    public void GivenNoMappedRoleOrGroup_ThenNoSecretary()
    {
        Assert.Null(EntraSignIn.ToSecretary(EntraSignIn.ReadPrincipal(Principal(("roles", "Other")))!, Administrations));
        Assert.Null(EntraSignIn.ToSecretary(EntraSignIn.ReadPrincipal(Principal(("roles", Role)))!, []));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")]
    public void GivenAnUnreadableHeader_ThenNoPrincipal(string? header) =>
        Assert.Null(EntraSignIn.ReadPrincipal(header));
}
