using System.Diagnostics;
using System.Net;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Bench;

/// <summary>The local host as its own process: time from start to the first recorded answer, and resident memory when idle.</summary>
internal static class LocalHostMemoryHarness
{
    public static async Task<int> RunAsync()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var mailDev = await MailDevServer.StartNewAsync();
        var dll = Path.Combine(RepoPaths.Root, "src", "Justera.LocalHost", "bin", "Release", "net10.0", "Justera.LocalHost.dll");
        var port = FreePort.Get();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseAddress.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Storage__ConnectionString"] = azurite.ConnectionString,
                ["Smtp__Port"] = mailDev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Justera__PublicBaseUrl"] = baseAddress.ToString(),
            },
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
            while (true)
            {
                try
                {
                    if ((await client.GetAsync("health")).IsSuccessStatusCode)
                        break;
                }
                catch (HttpRequestException)
                {
                }
                if (clock.Elapsed > TimeSpan.FromSeconds(60))
                    throw new TimeoutException("The local host did not answer within 60 s.");
                await Task.Delay(20);
            }
            var listening = clock.Elapsed;
            var roundId = await BenchHost.CreateRoundAsync(client, 1, "mem");
            var mail = await mailDev.WaitForMailAsync(m => m.Text?.Contains("/svar/", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
            var token = System.Text.RegularExpressions.Regex.Match(mail.Text!, @"/svar/([0-9a-f]{32}\.[A-Za-z0-9_-]{43})").Groups[1].Value;
            var antiforgery = await BenchHost.AntiforgeryAsync(client, token);
            using var content = new FormUrlEncodedContent([antiforgery, KeyValuePair.Create("formKey", "first"), KeyValuePair.Create("kind", "NoObjection")]);
            var answered = (await client.PostAsync($"svar/{token}", content)).StatusCode == HttpStatusCode.SeeOther;
            var firstAnswer = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(10));
            process.Refresh();
            var rss = File.ReadAllLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            Console.WriteLine($"local host: listening after {listening.TotalSeconds:F2} s; first answer recorded ({answered}, round {roundId}) after {firstAnswer.TotalSeconds:F2} s (target ≤ 2 s counts from start to first answer)");
            Console.WriteLine($"local host idle resident memory after 10 s: {rss.Split(':')[1].Trim()} (target ≤ 150 MB)");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return 0;
    }
}
