using System.Text.Json;
using System.Text.RegularExpressions;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Functions.Tests;

/// <summary>host.json and local.settings.sample.json say what the Functions host needs, where it looks for it.</summary>
public sealed partial class HostJsonTests
{
    private static JsonElement HostJson() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.Combine(RepoPaths.Root, "functions"), "host.json"))).RootElement;

    private static Dictionary<string, string> SampleSettings() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.Combine(RepoPaths.Root, "functions"), "local.settings.sample.json"))).RootElement
            .GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");

    [Fact]
    public void DurableTask_IsATopLevelExtension_WithTheHubNameFromAnAppSetting()
    {
        var durable = HostJson().GetProperty("extensions").GetProperty("durableTask");

        Assert.Equal("%JusteraTaskHub%", durable.GetProperty("hubName").GetString());
        Assert.False(HostJson().GetProperty("logging").TryGetProperty("extensions", out _), "extensions nested under logging are silently ignored (TRAPS.md)");
    }

    [Fact]
    public void QueuePolling_KeepsReminderLatencyWithinAFewSeconds()
    {
        var interval = TimeSpan.Parse(
            HostJson().GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider").GetProperty("maxQueuePollingInterval").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);

        Assert.InRange(interval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Http_HasNoRoutePrefix_SoEveryAddressIsTheLocalHostsOwn()
    {
        Assert.Equal("", HostJson().GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void HostJson_IsCopiedNextToTheBuiltApp()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "host.json")));
    }

    [Fact]
    public void SampleSettings_NameEveryAppSettingHostJsonReads()
    {
        var settings = SampleSettings();

        foreach (Match setting in AppSettingReference().Matches(File.ReadAllText(Path.Combine(Path.Combine(RepoPaths.Root, "functions"), "host.json"))))
            Assert.Contains(setting.Groups[1].Value, settings.Keys);
    }

    [Theory]
    [InlineData("Storage", typeof(Justera.Storage.StorageOptions))]
    [InlineData("Smtp", typeof(Justera.Mail.SmtpOptions))]
    [InlineData("Sealing", typeof(Justera.Application.SignedProtocols.SealingOptions))]
    [InlineData("Justera", typeof(Justera.Application.JusteraOptions))]
    public void SampleSettings_NameEverySettingOfEachOptionsTheAppReads(string section, Type options)
    {
        // The local host's own loops are not part of the Functions app: Durable Functions replaces them.
        string[] localHostOnly = ["Justera__BackgroundLoops", "Justera__DispatchInterval", "Justera__TimerInterval"];
        var settings = SampleSettings();

        var missing = options.GetProperties()
            .Where(p => p.CanWrite)
            .Select(p => $"{section}__{p.Name}")
            .Except(localHostOnly)
            .Where(key => !settings.ContainsKey(key))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void SampleSettings_HoldPlaceholdersOnly()
    {
        foreach (var (key, value) in SampleSettings())
        {
            Assert.DoesNotContain("AccountKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(".windows.net", value, StringComparison.OrdinalIgnoreCase);
            if (key.Contains("Password", StringComparison.OrdinalIgnoreCase) || key.Contains("ClientId", StringComparison.OrdinalIgnoreCase))
                Assert.Equal("", value);
            if (value.Contains('@', StringComparison.Ordinal))
                Assert.EndsWith("@example.org", value, StringComparison.Ordinal);
        }
        Assert.Equal("UseDevelopmentStorage=true", SampleSettings()["AzureWebJobsStorage"]);
    }

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex AppSettingReference();
}
