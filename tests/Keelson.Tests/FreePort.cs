using System.Net;
using System.Net.Sockets;

namespace Keelson.Tests;

internal static class FreePort
{
    /// <summary>A loopback port free right now (the caller binds it next).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
