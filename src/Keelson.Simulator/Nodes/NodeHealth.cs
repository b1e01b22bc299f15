namespace Keelson.Simulator.Nodes;

/// <summary>What the node lifecycle controller knows of one node, kept from node and lease events.</summary>
internal sealed class NodeHealth
{
    public NodeHealth(string name, DateTimeOffset seen)
    {
        Name = name;
        ProbedAt = seen;
    }

    /// <summary>The node's name.</summary>
    public string Name { get; }

    /// <summary>The node's uid.</summary>
    public string Uid { get; set; } = "";

    /// <summary>Its zone (nodes without one share the zone "").</summary>
    public string Zone { get; set; } = "";

    /// <summary>When the controller last saw the kubelet alive: a lease renewal or a new status heartbeat.</summary>
    public DateTimeOffset ProbedAt { get; set; }

    /// <summary>The Ready condition's lastHeartbeatTime last seen, to notice new heartbeats.</summary>
    public string? Heartbeat { get; set; }

    /// <summary>The Ready condition's status: True, False or Unknown.</summary>
    public string? Ready { get; set; }

    /// <summary>Whether the last monitoring pass found it silent and its reconcile has not yet marked it Unknown.</summary>
    public bool Stale { get; set; }

    /// <summary>The Ready status the last pass acted on, to notice a node going not-ready.</summary>
    public string? ObservedReady { get; set; }

    /// <summary>The other conditions' statuses by type.</summary>
    public Dictionary<string, string> Conditions { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the node is cordoned.</summary>
    public bool Unschedulable { get; set; }

    /// <summary>When it joined its zone's queue for a NoExecute taint, if it waits.</summary>
    public DateTimeOffset? WaitingForTaint { get; set; }

    /// <summary>Whether the zone's rate limit let it have its NoExecute taint.</summary>
    public bool MayTaint { get; set; }
}
