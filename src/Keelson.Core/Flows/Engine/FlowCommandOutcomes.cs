namespace Keelson.Core.Flows.Engine;

/// <summary>The outcomes stored in <c>flow_commands.outcome</c>.</summary>
internal static class FlowCommandOutcomes
{
    public const string Applied = "applied";
    public const string Refused = "refused";
}
