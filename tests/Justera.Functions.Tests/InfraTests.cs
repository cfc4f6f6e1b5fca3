using System.Diagnostics;
using System.Reflection;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Functions.Tests;

/// <summary>infra/ builds and lints cleanly with the Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64).</summary>
public sealed class InfraTests
{
    private static string Bicep =>
        typeof(InfraTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    public static TheoryData<string> BicepFiles() =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.Root, "infra"), "*.bicep").Select(Path.GetFileName).OfType<string>()];

    private static async Task<(int ExitCode, string Output)> RunBicepAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Bicep) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(RepoPaths.Root, "infra") };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Build_HasNoErrorAndNoWarning(string file)
    {
        var (exitCode, output) = await RunBicepAsync("build", file, "--stdout");

        Assert.Equal(0, exitCode);
        Assert.DoesNotMatch(@"\) : (Warning|Error) ", output);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Lint_HasNoErrorAndNoWarning(string file)
    {
        var (exitCode, output) = await RunBicepAsync("lint", file);

        Assert.Equal(0, exitCode);
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public async Task TheFlexConsumptionApp_RunsDotnetIsolated10_WithIdentityOnlyStorage()
    {
        var (exitCode, template) = await RunBicepAsync("build", "main.bicep", "--stdout");
        Assert.Equal(0, exitCode);

        Assert.Contains("\"FlexConsumption\"", template, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"dotnet-isolated\"", template, StringComparison.Ordinal);
        Assert.Contains("\"version\": \"10.0\"", template, StringComparison.Ordinal);
        Assert.Contains("\"AzureWebJobsStorage__credential\": \"managedidentity\"", template, StringComparison.Ordinal);
        Assert.Contains("\"allowSharedKeyAccess\": false", template, StringComparison.Ordinal);
        Assert.Contains("\"DisableLocalAuth\": true", template, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", template, StringComparison.Ordinal);
        Assert.DoesNotContain("listKeys", template, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureYaml_DeploysTheFunctionsProject()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "azure.yaml"));

        Assert.Contains("project: ./functions/", yaml, StringComparison.Ordinal);
        Assert.Contains("host: function", yaml, StringComparison.Ordinal);
    }
}
