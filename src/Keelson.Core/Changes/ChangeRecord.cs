using System.Text.Json.Nodes;

namespace Keelson.Core.Changes;

/// <summary>A change: who, what, where, how much it can touch, the plan, what the rules said, approvals and history.</summary>
public sealed record ChangeRecord
{
    /// <summary>The change's id.</summary>
    public required long Id { get; init; }

    /// <summary>The flow that carries it out.</summary>
    public required string Flow { get; init; }

    /// <summary>The flow's version planned.</summary>
    public int? FlowVersion { get; init; }

    /// <summary>The flow's parameters.</summary>
    public required JsonObject Params { get; init; }

    /// <summary>What the change is for.</summary>
    public required string Description { get; init; }

    /// <summary>Who asked for it.</summary>
    public required string Initiator { get; init; }

    /// <summary><c>blocked</c>, <c>awaiting-approval</c>, or once started its run's state.</summary>
    public required string State { get; init; }

    /// <summary>When held back: which rules hold it and how to satisfy them.</summary>
    public string? Reason { get; init; }

    /// <summary>The run carrying it out, once started.</summary>
    public long? Run { get; init; }

    /// <summary>Clusters, nodes and workloads it touches.</summary>
    public required ChangeScope Scope { get; init; }

    /// <summary>How much it can touch.</summary>
    public required BlastRadius BlastRadius { get; init; }

    /// <summary>The verdicts of the last evaluation.</summary>
    public required IReadOnlyList<ChangeCheck> Checks { get; init; }

    /// <summary>Approvals given (expired ones included, with their expiry).</summary>
    public IReadOnlyList<ChangeApproval> Approvals { get; init; } = [];

    /// <summary>The dry run of the flow when the change was recorded (only on a single change, not in lists).</summary>
    public JsonNode? Plan { get; init; }

    /// <summary>Its history (only on a single change, not in lists).</summary>
    public IReadOnlyList<ChangeEvent>? Events { get; init; }

    /// <summary>When it was recorded.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
