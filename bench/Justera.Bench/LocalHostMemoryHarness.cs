using System.Diagnostics;
using System.Globalization;
using System.Net;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Bench;

/// <summary>
/// The local host as its own process, the way ./run starts it: time from process start to the first
/// recorded answer (a round already waits, as after a restart), and resident memory when idle; medians
/// over several restarts, since one start on a shared machine varies by a few hundred milliseconds.
/// </summary>
internal static class LocalHostMemoryHarness
{
    public static async Task<int> RunAsync(int restarts)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var mailDev = await MailDevServer.StartNewAsync();
        var port = FreePort.Get();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");

        // A first process creates a round of two and sends its mail; then it stops, like a host being
        // restarted. The same one of the two answers after each restart, so the round stays open (no sealing).
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

        var listening = new List<double>();
        var firstAnswers = new List<double>();
        var resident = new List<double>();
        for (var restart = 1; restart <= restarts; restart++)
        {
            var clock = Stopwatch.StartNew();
            using var process = Start(azurite, mailDev, baseAddress);
            try
            {
                using var client = Client(baseAddress);
                await WaitUntilListeningAsync(client, clock);
                listening.Add(clock.Elapsed.TotalSeconds);
                var antiforgery = await BenchHost.AntiforgeryAsync(client, token);
                // A new form key each time: a repeated key would be taken for a double submit of the same form.
                using var content = new FormUrlEncodedContent([antiforgery, KeyValuePair.Create("formKey", $"restart-{restart}"), KeyValuePair.Create("kind", "NoObjection")]);
                if ((await client.PostAsync($"svar/{token}", content)).StatusCode != HttpStatusCode.SeeOther)
                    throw new InvalidOperationException($"The answer after restart {restart} was not recorded.");
                firstAnswers.Add(clock.Elapsed.TotalSeconds);
                await Task.Delay(TimeSpan.FromSeconds(10));
                resident.Add(ResidentMegabytes(process));
                Console.WriteLine($"  restart {restart}: listening {listening[^1]:F2} s, first answer {firstAnswers[^1]:F2} s, idle resident {resident[^1]:F1} MB");
                if (restart == restarts)
                {
                    // The resident set still grows for a while after start (recovery's first passes, tier-1 compilation).
                    await Task.Delay(TimeSpan.FromSeconds(50));
                    Console.WriteLine($"  restart {restart}, a minute after the answer: idle resident {ResidentMegabytes(process):F1} MB");
                }
            }
            finally
            {
                await StopAsync(process);
            }
        }
        Console.WriteLine($"local host, medians of {restarts} restarts: listening {BenchStatistics.Median(listening):F2} s after start; first answer recorded {BenchStatistics.Median(firstAnswers):F2} s after start (target ≤ 2 s)");
        Console.WriteLine($"idle resident memory 10 s after that answer: {BenchStatistics.Median(resident):F1} MB (target ≤ 150 MB; min {resident.Min():F1}, max {resident.Max():F1})");
        return 0;
    }

    private static double ResidentMegabytes(Process process)
    {
        var line = File.ReadAllLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
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
                // As ./run starts it (see the comment there): a young generation of 4 MB, not one sized to the L3 cache.
                ["DOTNET_GCgen0size"] = "0x400000",
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

    /// <summary>
    /// Stops the host as Ctrl+C in ./run does (SIGTERM), so it hands its task hub partition back and the next start
    /// owns it at once, as after a restart; killed only if it has not stopped within 15 s.
    /// </summary>
    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
