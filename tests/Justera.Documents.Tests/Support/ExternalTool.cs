using System.Diagnostics;

namespace Justera.Documents.Tests.Support;

/// <summary>Runs a command-line tool (qpdf, pdftotext, sha256sum) so tests can check files independently of our own code.</summary>
internal static class ExternalTool
{
    // Generous: these tools take milliseconds on test files; a hang should fail the test, not the run.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static ToolResult Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        // Both streams are drained at once, so a tool that fills one pipe cannot block on it.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {Limit}.");
        }

        return new ToolResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>Runs qpdf and fails unless it succeeds without warnings.</summary>
    public static void Qpdf(params string[] arguments)
    {
        var result = Run("qpdf", arguments);
        Assert.True(result.ExitCode == 0, $"qpdf {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Error}{result.Output}");
    }
}

/// <summary>What a finished tool printed and how it exited.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error);
