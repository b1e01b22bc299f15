namespace Keelson.Simulator.Registry;

/// <summary>Hands out service cluster IPs from 10.96.0.0/12 and node ports from 30000–32767, never twice.</summary>
internal sealed class ServiceAddressAllocator
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _ips = ["10.96.0.1"];
    private readonly HashSet<int> _ports = [];
    private int _nextIp = 10;
    private int _nextPort = 30000;

    public string AllocateClusterIp()
    {
        lock (_lock)
        {
            while (true)
            {
                var n = _nextIp++;
                var ip = $"10.{96 + ((n >> 16) & 15)}.{(n >> 8) & 255}.{n & 255}";
                if ((n & 255) != 0 && _ips.Add(ip))
                {
                    return ip;
                }
            }
        }
    }

    public void Reserve(string ip)
    {
        lock (_lock)
        {
            _ips.Add(ip);
        }
    }

    public int AllocateNodePort()
    {
        lock (_lock)
        {
            for (var tries = 0; tries < 2768; tries++)
            {
                var port = _nextPort;
                _nextPort = _nextPort == 32767 ? 30000 : _nextPort + 1;
                if (_ports.Add(port))
                {
                    return port;
                }
            }

            throw new Api.ApiException(500, "InternalError", "the node port range 30000-32767 is exhausted");
        }
    }
}
