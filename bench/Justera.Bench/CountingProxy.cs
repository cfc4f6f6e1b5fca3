using System.Net;
using System.Net.Sockets;
using System.Text;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Bench;

/// <summary>
/// A TCP proxy in front of Azurite's three endpoints that counts HTTP requests, whoever sends them: our storage
/// clients and the Durable Task backend's alike. A request is counted by its request line's " HTTP/1.1" ending.
/// </summary>
internal sealed class CountingProxy : IAsyncDisposable
{
    private static readonly byte[] RequestLineEnd = Encoding.ASCII.GetBytes(" HTTP/1.1\r\n");
    private readonly List<TcpListener> listeners = [];
    private readonly CancellationTokenSource stop = new();
    private long count;

    public long Count => Interlocked.Read(ref count);

    /// <summary>Starts a listener per Azurite endpoint; returns the connection string that goes through them.</summary>
    public string Start(AzuriteServer azurite)
    {
        var ports = new[] { azurite.BlobPort, azurite.QueuePort, azurite.TablePort }.Select(Listen).ToArray();
        return $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports[0]}/{AzuriteServer.AccountName};QueueEndpoint=http://127.0.0.1:{ports[1]}/{AzuriteServer.AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{ports[2]}/{AzuriteServer.AccountName};";
    }

    private int Listen(int target)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        listeners.Add(listener);
        _ = AcceptAsync(listener, target);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener, int target)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = RelayAsync(client, target);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client, int target)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, target, stop.Token);
                await Task.WhenAny(CopyAsync(client.GetStream(), server.GetStream(), counting: true), CopyAsync(server.GetStream(), client.GetStream(), counting: false));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to, bool counting)
    {
        var buffer = new byte[64 * 1024];
        var matched = 0;
        while (true)
        {
            var read = await from.ReadAsync(buffer, stop.Token);
            if (read == 0)
                return;
            if (counting)
            {
                // A small state machine over the stream, so a request line split across reads still counts once.
                for (var i = 0; i < read; i++)
                {
                    matched = buffer[i] == RequestLineEnd[matched] ? matched + 1 : buffer[i] == RequestLineEnd[0] ? 1 : 0;
                    if (matched == RequestLineEnd.Length)
                    {
                        Interlocked.Increment(ref count);
                        matched = 0;
                    }
                }
            }
            await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        foreach (var listener in listeners)
            listener.Stop();
        stop.Dispose();
    }
}
