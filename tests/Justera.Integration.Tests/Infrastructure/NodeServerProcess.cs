using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;

namespace Justera.Integration.Tests.Infrastructure;

/// <summary>
/// One node.js server process (Azurite or maildev) owned by the tests. It makes sure the process
/// never outlives the test run: it is killed on dispose, on <see cref="AppDomain.ProcessExit"/>,
/// and — through a preloaded watchdog script — when the test process dies without cleaning up.
/// </summary>
internal sealed class NodeServerProcess : IDisposable
{
    private const int MaxOutputLines = 300;

    // Preloaded with `node --require`. The test process keeps the write end of the server's stdin;
    // EOF on stdin therefore means either "stop gracefully" (we closed it) or "the tests are gone"
    // (the OS closes it even after SIGKILL). SIGTERM lets Azurite flush its LokiJS databases,
    // which otherwise autosave only every 5 seconds; the timer is a last resort if that hangs.
    private const string WatchdogScript = """
        'use strict';
        // Written by Justera.Integration.Tests (see NodeServerProcess.cs).
        let stopping = false;
        function stop() {
          if (stopping) return;
          stopping = true;
          setTimeout(() => process.exit(1), 10000).unref();
          process.kill(process.pid, 'SIGTERM');
        }
        process.stdin.on('end', stop);
        process.stdin.on('close', stop);
        process.stdin.on('error', stop);
        process.stdin.resume();
        """;

    private static readonly ConcurrentDictionary<NodeServerProcess, byte> Live = new();
    private static int exitHookRegistered;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private NodeServerProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The last lines the process wrote to stdout and stderr, for error messages.</summary>
    public string RecentOutput => output.IsEmpty ? "(no output)" : string.Join(Environment.NewLine, output);

    /// <summary>Starts <c>node [watchdog] script args</c>; the watchdog file is written into <paramref name="workFolder"/>.</summary>
    public static NodeServerProcess Start(string name, string binName, IEnumerable<string> arguments, string workFolder)
    {
        RegisterExitHook();
        Directory.CreateDirectory(workFolder);
        var watchdog = Path.Combine(workFolder, "parent-watchdog.cjs");
        File.WriteAllText(watchdog, WatchdogScript);

        var startInfo = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            WorkingDirectory = workFolder,
        };
        startInfo.ArgumentList.Add("--require");
        startInfo.ArgumentList.Add(watchdog);
        startInfo.ArgumentList.Add(RepoPaths.NodeBinScript(binName));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A developer's own settings for these tools would override the command line
        // (AZURITE_ACCOUNTS replaces the well-known devstoreaccount1 key, MAILDEV_* the ports).
        foreach (var key in startInfo.Environment.Keys.ToList())
        {
            if (key == "AZURITE_ACCOUNTS" || key.StartsWith("MAILDEV_", StringComparison.Ordinal))
            {
                startInfo.Environment.Remove(key);
            }
        }

        var process = new Process { StartInfo = startInfo };
        var server = new NodeServerProcess(name, process);

        // Read both pipes asynchronously from the start: a server that logs a lot would otherwise
        // block on a full pipe buffer and stop answering in the middle of a test.
        process.OutputDataReceived += (_, e) => server.Append(e.Data, "");
        process.ErrorDataReceived += (_, e) => server.Append(e.Data, "[stderr] ");
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {name}: 'node' is not on PATH ({e.Message}).", e);
        }

        Live.TryAdd(server, 0);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Waits until every port accepts TCP connections. Fails fast, with the server's output,
    /// if the process exits first (typically EADDRINUSE), and fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForPortsAsync(IReadOnlyCollection<int> ports, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var pending = new HashSet<int>(ports);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var port in pending.ToList())
            {
                if (await AcceptsConnectionsAsync(port, cancellationToken))
                {
                    pending.Remove(port);
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{Name} exited with code {process.ExitCode} while starting on port(s) {string.Join(", ", ports)}.{Environment.NewLine}{RecentOutput}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"{Name} did not listen on port(s) {string.Join(", ", pending)} within {timeout.TotalSeconds:0} s.{Environment.NewLine}{RecentOutput}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, attempt.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Asks the server to shut down cleanly (closing stdin triggers SIGTERM via the watchdog), so it
    /// can flush its data; kills it if it has not exited within <paramref name="timeout"/>.
    /// </summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The pipe is already broken, i.e. the process is on its way out anyway.
            }

            using var wait = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        Dispose();
    }

    /// <summary>Kills the process and everything it started, immediately.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        catch (Win32Exception)
        {
            // Same race, reported by the OS.
        }
    }

    public void Dispose()
    {
        Kill();
        Live.TryRemove(this, out _);
        process.Dispose();
    }

    private static void RegisterExitHook()
    {
        if (Interlocked.Exchange(ref exitHookRegistered, 1) == 0)
        {
            // Runs when the test host shuts down normally, including after failed tests and when
            // a fixture's DisposeAsync never ran; hard crashes are covered by the watchdog script.
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var server in Live.Keys)
                {
                    server.Kill();
                }
            };
        }
    }

    private void Append(string? line, string prefix)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(prefix + line);
        while (output.Count > MaxOutputLines && output.TryDequeue(out _))
        {
        }
    }
}
