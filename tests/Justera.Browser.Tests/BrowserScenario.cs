using System.Globalization;
using System.Text.RegularExpressions;
using Justera.Integration.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Justera.Browser.Tests;

/// <summary>An invented justerare; the tag in the address keeps each test's mail apart.</summary>
public sealed record Person(string Name, string Organisation, string Email);

/// <summary>
/// One test's world in the browser: a secretary of an administration of the test's own, who works through the
/// pages, and justerare who reach the app only through the links in the e-mails maildev received, each in a
/// browser context of their own (no secretary cookies).
/// </summary>
public sealed partial class BrowserScenario : IAsyncDisposable
{
    public const string SecretaryName = "Sara Sekreterare";
    public const string ProtocolFileName = "fg-protokoll-exempel.pdf";

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
    private readonly List<IBrowserContext> contexts = [];

    public BrowserScenario(BrowserFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
        Tag = Guid.NewGuid().ToString("N")[..8];
        Administration = $"Exempelby stadsdelsförvaltning {Tag}";
        SecretaryEmail = $"sara.sekreterare.{Tag}@example.org";

        // Dates relative to the app's clock (the test host's fake clock), as a secretary would pick them on that day.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.Host.Clock.GetUtcNow(), Stockholm).DateTime);
        MeetingDate = today.AddDays(-5);
        DeadlineDate = today.AddDays(7);
    }

    public BrowserFixture Fixture { get; }

    public string Tag { get; }

    public string Administration { get; }

    public string SecretaryEmail { get; }

    public DateOnly MeetingDate { get; }

    /// <summary>The last day for comments; the form gets 16:00 that day.</summary>
    public DateOnly DeadlineDate { get; }

    /// <summary>The datetime-local value of the deadline.</summary>
    public string DeadlineInput => DeadlineDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T16:00";

    /// <summary>The meeting date as a person reads it in headings and mails, e.g. "3 december 2026".</summary>
    public string MeetingDateText => MeetingDate.ToString("d MMMM yyyy", Swedish);

    /// <summary>The deadline as the pages write it, e.g. "15 december 2026 kl. 16.00" (after the weekday).</summary>
    public string DeadlineText => DeadlineDate.ToString("d MMMM yyyy", Swedish) + " kl. 16.00";

    public static string SamplePdf => Path.Combine(RepoPaths.Root, "samples", ProtocolFileName);

    public Person Justerare(string name, string organisation)
    {
        var local = name.ToLowerInvariant().Replace(' ', '.').Replace('å', 'a').Replace('ä', 'a').Replace('ö', 'o');
        return new Person(name, organisation, $"{local}.{Tag}@example.org");
    }

    public IReadOnlyList<Person> TwoJusterare() =>
        [Justerare("Karin Exempelsson", "arbetsgivaren"), Justerare("Anna Björk", "Kommunal")];

    /// <summary>A new browser context: another person's browser, with no cookies.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Fixture.NewContextAsync();
        lock (contexts)
            contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>The secretary opens Justera, is sent to the sign-in form, fills it in and lands on the rounds list.</summary>
    public async Task<IPage> SignInAsSecretaryAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(SignInUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Logga in (utvecklingsläge)");
        await page.GetByLabel("Ditt namn", new() { Exact = true }).FillAsync(SecretaryName);
        await page.GetByLabel("Din e-postadress", new() { Exact = true }).FillAsync(SecretaryEmail);
        await page.GetByLabel("Förvaltning", new() { Exact = true }).FillAsync(Administration);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Justeringsrundor");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Sekreterare" }))
            .ToContainTextAsync($"Inloggad som {SecretaryName}, {Administration}");
        return page;
    }

    /// <summary>From the rounds list: "Ny justeringsrunda", the form filled in as a person would, then "Skapa och skicka".</summary>
    public async Task CreateAndStartRoundAsync(IPage secretary, IReadOnlyList<Person> justerare)
    {
        ArgumentNullException.ThrowIfNull(secretary);
        ArgumentNullException.ThrowIfNull(justerare);
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Ny justeringsrunda" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ny justeringsrunda");

        await secretary.GetByLabel("Protokollet (PDF)", new() { Exact = true }).SetInputFilesAsync(SamplePdf);
        await secretary.GetByLabel("Mötesdatum", new() { Exact = true }).FillAsync(MeetingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await secretary.GetByLabel("Sista dag för synpunkter", new() { Exact = true }).FillAsync(DeadlineInput);
        for (var i = 0; i < justerare.Count; i++)
        {
            await secretary.GetByLabel($"Namn, rad {i + 1}", new() { Exact = true }).FillAsync(justerare[i].Name);
            await secretary.GetByLabel($"Organisation, rad {i + 1}", new() { Exact = true }).FillAsync(justerare[i].Organisation);
            await secretary.GetByLabel($"E-postadress, rad {i + 1}", new() { Exact = true }).FillAsync(justerare[i].Email);
        }

        await secretary.GetByRole(AriaRole.Button, new() { Name = "Skapa och skicka till justerarna" }).ClickAsync();
        await Expect(secretary).ToHaveURLAsync(RoundPageUrl());
        await Expect(secretary.GetByRole(AriaRole.Status))
            .ToContainTextAsync("Rundan är skapad. Justerarna får e-post med var sin personlig länk.");
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToContainTextAsync($"Justering: förvaltningsgruppens möte");
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(MeetingDateText);
    }

    /// <summary>The request e-mail to <paramref name="person"/> as maildev received it.</summary>
    public Task<ReceivedMail> RequestMailAsync(Person person) =>
        Fixture.MailDev.WaitForMailAsync(
            m => IsTo(m, person.Email) && !m.Subject.Contains(':', StringComparison.Ordinal) && PersonalLink().IsMatch(m.Text ?? ""),
            BrowserFixture.MailTimeout);

    public Task<ReceivedMail> ReceiptMailAsync(Person person) =>
        Fixture.MailDev.WaitForMailAsync(m => IsTo(m, person.Email) && m.Subject.StartsWith("Bekräftelse: ", StringComparison.Ordinal),
            BrowserFixture.MailTimeout);

    /// <summary>The one personal link in a mail's plain text; it must point at the app.</summary>
    public string LinkIn(ReceivedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var links = PersonalLink().Matches(mail.Text ?? "").Select(m => m.Value).Distinct().ToList();
        Assert.True(links.Count == 1, $"Expected one personal link in \"{mail.Subject}\", found {links.Count}:\n{mail.Text}");
        Assert.StartsWith(Fixture.Host.BaseAddress.AbsoluteUri + "svar/", links[0], StringComparison.Ordinal);
        return links[0];
    }

    /// <summary>The justerare's side: the request e-mail's link opened in a browser context of their own.</summary>
    public async Task<IPage> OpenPersonalLinkAsync(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var link = LinkIn(await RequestMailAsync(person));
        var page = await NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Justering av protokoll");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"Du svarar som {person.Name} för {person.Organisation}");
        return page;
    }

    /// <summary>Picks an answer by the label a person reads and clicks "Skicka svar".</summary>
    public static async Task AnswerAsync(IPage reply, string answer)
    {
        ArgumentNullException.ThrowIfNull(reply);
        await reply.GetByRole(AriaRole.Radio, new() { Name = answer, Exact = true }).CheckAsync();
        await reply.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        List<IBrowserContext> all;
        lock (contexts)
        {
            all = [.. contexts];
            contexts.Clear();
        }
        foreach (var context in all)
            await context.CloseAsync();
    }

    private static bool IsTo(ReceivedMail mail, string address) =>
        mail.To.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"https?://[^\s/]+/svar/[^\s""<>]+")]
    private static partial Regex PersonalLink();

    [GeneratedRegex(@"/logga-in(\?|$)")]
    private static partial Regex SignInUrl();

    // The confirmation is shown once without a flag in the address (a reload must not repeat it).
    [GeneratedRegex(@"/rundor/[0-9a-f]+$")]
    private static partial Regex RoundPageUrl();
}
