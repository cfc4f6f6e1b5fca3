using System.Net;
using System.Net.Sockets;

namespace Justera.Integration.Tests.Infrastructure;

/// <summary>Finds TCP ports on 127.0.0.1 that nobody listens on right now.</summary>
public static class FreePort
{
    /// <summary>Returns one free loopback port (the OS picks it when binding to port 0).</summary>
    public static int Get() => Get(1)[0];

    /// <summary>
    /// Returns <paramref name="count"/> distinct free ports. All listeners stay open until every
    /// port is chosen, because the OS may hand out a port again as soon as it is released.
    /// </summary>
    public static IReadOnlyList<int> Get(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
