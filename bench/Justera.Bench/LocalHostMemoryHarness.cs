using System.Diagnostics;
using System.Net;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Bench;

/// <summary>
/// The local host as its own process, the way ./run starts it: time from process start to the first
/// recorded answer (a round already waits, as after a restart), and resident memory when idle.
/// </summary>
internal static class LocalHostMemoryHarness
{
    public static async Task<int> RunAsync()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var mailDev = await MailDevServer.StartNewAsync();
        var port = FreePort.Get();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");

        // A first process creates a round of two and sends its mail; then it stops, like a host being
        // restarted. One of the two answers after the restart, so the round stays open (no sealing).
        string token;
        using (var first = Start(azurite, mailDev, baseAddress))
        {
            using var client = Client(baseAddress);
            await WaitUntilListeningAsync(client, Stopwatch.StartNew());
            await BenchHost.CreateRoundAsync(client, 2, "mem");
            var mail = await mailDev.WaitForMailAsync(m => m.Text?.Contains("/svar/", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
            token = BenchHost.LinkPattern().Match(mail.Text!).Groups[1].Value;
            await StopAsync(first);
        }

        var clock = Stopwatch.StartNew();
        using var process = Start(azurite, mailDev, baseAddress);
        try
        {
            using var client = Client(baseAddress);
            await WaitUntilListeningAsync(client, clock);
            var listening = clock.Elapsed;
            var antiforgery = await BenchHost.AntiforgeryAsync(client, token);
            using var content = new FormUrlEncodedContent([antiforgery, KeyValuePair.Create("formKey", "first"), KeyValuePair.Create("kind", "NoObjection")]);
            var answered = (await client.PostAsync($"svar/{token}", content)).StatusCode == HttpStatusCode.SeeOther;
            var firstAnswer = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(10));
            var rss = File.ReadAllLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            Console.WriteLine($"local host: listening {listening.TotalSeconds:F2} s after start; first answer recorded ({answered}) {firstAnswer.TotalSeconds:F2} s after start (target ≤ 2 s)");
            Console.WriteLine($"local host idle resident memory 10 s after that answer: {rss.Split(':')[1].Trim()} (target ≤ 150 MB)");
        }
        finally
        {
            await StopAsync(process);
        }
        return 0;
    }

    private static Process Start(AzuriteServer azurite, MailDevServer mailDev, Uri baseAddress)
    {
        var dll = Path.Combine(RepoPaths.Root, "src", "Justera.LocalHost", "bin", "Release", "net10.0", "Justera.LocalHost.dll");
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
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static HttpClient Client(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };

    private static async Task WaitUntilListeningAsync(HttpClient client, Stopwatch clock)
    {
        while (true)
        {
            try
            {
                if ((await client.GetAsync("health")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException("The local host did not answer within 60 s.");
            await Task.Delay(10);
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}
