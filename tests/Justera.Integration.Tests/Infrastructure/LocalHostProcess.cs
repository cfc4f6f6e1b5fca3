using System.Collections.Concurrent;
using System.Diagnostics;

namespace Justera.Integration.Tests.Infrastructure;

/// <summary>
/// The local host as its own operating-system process (the built Justera.LocalHost.dll), so that a test can kill it
/// for real — no graceful shutdown, no flushing — and start it again on the same storage.
/// </summary>
internal sealed class LocalHostProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private LocalHostProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string RecentOutput => string.Join(Environment.NewLine, output.TakeLast(400));

    /// <summary>Starts the host on <paramref name="port"/> with these settings (environment variables, Section__Key) and waits for /health.</summary>
    public static async Task<LocalHostProcess> StartAsync(int port, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
            info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new LocalHostProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The local host exited with code {process.ExitCode}:\n{host.RecentOutput}");
            try
            {
                using var health = await http.GetAsync(new Uri("health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                    return host;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > until)
            {
                host.Kill();
                throw new TimeoutException($"The local host did not answer /health within {timeout.TotalSeconds} s:\n{host.RecentOutput}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything or give its leases back.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        output.Enqueue(line);
        while (output.Count > 2000)
            output.TryDequeue(out _);
    }

    /// <summary>The host built beside this test assembly's configuration (Release under ./test).</summary>
    private static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var dll = Path.Combine(RepoPaths.Root, "src", "Justera.LocalHost", "bin", configuration, "net10.0", "Justera.LocalHost.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first: the local host is not built.", dll);
        }
    }
}
