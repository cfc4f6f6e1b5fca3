using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Justera.Functions.SignIn;
using Justera.Functions.Tests.SignIn;

namespace Justera.Functions.Tests.Http;

/// <summary>The catch-all HTTP function hands every request to the shared pipeline, and what a person reads comes back unchanged.</summary>
public sealed partial class WebFunctionTests
{
    [Fact]
    public async Task Health_IsAnsweredByTheSharedEndpoint_WithTheSecurityHeaders()
    {
        await using var host = await WorkerHttpHost.StartAsync("Production");

        using var response = await host.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(1, host.Invocations);
    }

    [Fact]
    public async Task AccessibilityStatement_IsTheSwedishPage()
    {
        await using var host = await WorkerHttpHost.StartAsync("Production");

        using var response = await host.CreateClient().GetAsync(new Uri("/tillganglighet", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tillgänglighetsredogörelse", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_GetsTheSwedishNotFoundPage()
    {
        await using var host = await WorkerHttpHost.StartAsync("Production");

        using var response = await host.CreateClient().GetAsync(new Uri("/finns/inte", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Sidan finns inte", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithoutSignIn_Is401()
    {
        await using var host = await WorkerHttpHost.StartAsync("Production");

        using var response = await host.CreateClient().GetAsync(new Uri("/api/rundor", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SecretaryPage_WithoutSignIn_SendsTheBrowserToEntraSignInAndBack()
    {
        await using var host = await WorkerHttpHost.StartAsync("Production");

        using var response = await host.CreateClient().GetAsync(new Uri("/rundor/ny", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Frundor%2Fny", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task EntraSecretary_WhenStorageIsDown_Gets503ProblemWithRetryAfter()
    {
        await using var host = await WorkerHttpHost.StartAsync("Production", EntraSignInTests.PlatformWithOneAdministration);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/rundor", UriKind.Relative));
        request.Headers.Add(EntraSignIn.PrincipalHeader, EntraSignInTests.Principal(("roles", EntraSignInTests.Role)));

        using var response = await host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("30", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Tjänsten är tillfälligt otillgänglig", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task EntraUser_InNoKnownAdministration_IsForbidden()
    {
        await using var host = await WorkerHttpHost.StartAsync("Production", EntraSignInTests.PlatformWithOneAdministration);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/rundor", UriKind.Relative));
        request.Headers.Add(EntraSignIn.PrincipalHeader, EntraSignInTests.Principal(("roles", "Something.Else")));

        using var response = await host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PrincipalHeader_WithoutAppServiceAuthentication_IsIgnored()
    {
        await using var host = await WorkerHttpHost.StartAsync("Production");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/rundor", UriKind.Relative));
        request.Headers.Add(EntraSignIn.PrincipalHeader, EntraSignInTests.Principal(("roles", EntraSignInTests.Role)));

        using var response = await host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task VerificationPage_IssuesASecureAntiforgeryCookie_AndItsFormIsAcceptedBack()
    {
        await using var host = await WorkerHttpHost.StartAsync("Production");
        var client = host.CreateClient();

        using var page = await client.GetAsync(new Uri("/verifiera", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("justera-af=", StringComparison.Ordinal));
        var field = HiddenField().Match(html);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>", html, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(field.Success, "the verification form carries an anti-forgery field");

        using var forged = await client.PostAsync(new Uri("/verifiera", UriKind.Relative), new FormUrlEncodedContent([new("dokument", "x")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Formuläret har gått ut", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var genuine = new HttpRequestMessage(HttpMethod.Post, new Uri("/verifiera", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new(field.Groups["name"].Value, WebUtility.HtmlDecode(field.Groups["value"].Value))]),
        };
        genuine.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var answered = await client.SendAsync(genuine);
        Assert.DoesNotContain("Formuläret har gått ut", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedPersonalLink_GetsThePageThatRevealsNothing()
    {
        await using var host = await WorkerHttpHost.StartAsync("Production");

        using var response = await host.CreateClient().PostAsync(new Uri("/svar/inte-en-token", UriKind.Relative), new StringContent("", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Länken fungerar inte", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_ServesTheDevelopmentSignIn()
    {
        await using var host = await WorkerHttpHost.StartAsync("Development");

        using var response = await host.CreateClient().GetAsync(new Uri("/logga-in", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Logga in (utvecklingsläge)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_HasNoDevelopmentSignIn()
    {
        await using var host = await WorkerHttpHost.StartAsync("Production");

        using var response = await host.CreateClient().GetAsync(new Uri("/logga-in", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]+)">""")]
    private static partial Regex HiddenField();
}
