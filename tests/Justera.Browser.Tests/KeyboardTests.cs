using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Justera.Browser.Tests;

/// <summary>The reply page with the keyboard alone (WCAG 2.4.1 Bypass Blocks, 2.4.7 Focus Visible).</summary>
[Collection(BrowserWorld.Name)]
public sealed class KeyboardTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task First_tab_on_the_reply_page_focuses_the_skip_link_which_leads_to_the_content()
    {
        await using var scenario = new BrowserScenario(fixture);
        var secretary = await scenario.SignInAsSecretaryAsync();
        var justerare = scenario.TwoJusterare();
        await scenario.CreateAndStartRoundAsync(secretary, justerare);
        var reply = await scenario.OpenPersonalLinkAsync(justerare[1]);

        var skip = reply.GetByRole(AriaRole.Link, new() { Name = "Hoppa till innehållet", Exact = true });
        await Expect(skip).Not.ToBeInViewportAsync();

        await reply.Keyboard.PressAsync("Tab");
        await Expect(skip).ToBeFocusedAsync();
        // Hidden until focused, then shown where a sighted keyboard user sees it.
        await Expect(skip).ToBeInViewportAsync();

        await reply.Keyboard.PressAsync("Enter");
        await Expect(reply.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        // The next Tab continues inside the content, not back in the header.
        await reply.Keyboard.PressAsync("Tab");
        await Expect(reply.GetByRole(AriaRole.Link, new() { Name = "Öppna protokollet, version 1 (PDF)" })).ToBeFocusedAsync();
    }
}
