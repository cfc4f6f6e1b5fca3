using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Justera.Browser.Tests;

/// <summary>axe-core over the page as it is now, limited to WCAG 2.0 and 2.1 level A and AA (the level DOS-lagen asks for).</summary>
public static class AxeCheck
{
    public static IReadOnlyList<string> Tags { get; } = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>Fails with every violation's rule id, impact, help and target selectors.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
        });

        // A run that checked nothing would "pass" too: make sure axe really looked at this page.
        Assert.True(result.Passes.Length > 0, $"axe-core checked no rule on {what} ({page.Url}).");
        if (result.Violations.Length == 0)
            return;

        var report = new StringBuilder();
        report.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
            $"axe-core found {result.Violations.Length} violation(s) of {string.Join(", ", Tags)} on {what} ({page.Url}):");
        foreach (var violation in result.Violations)
        {
            report.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
                $"- {violation.Id} [{violation.Impact}] {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    target: {node.Target}");
                report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    html:   {node.Html}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? [])
                    .Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m));
                foreach (var message in checks)
                    report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    why:    {message}");
            }
        }
        Assert.Fail(report.ToString());
    }
}
