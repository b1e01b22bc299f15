using System.Text.Json.Serialization;

namespace Keelson.Core.Fleet;

/// <summary>How far the fleet view can be trusted for one cluster.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClusterStatus>))]
public enum ClusterStatus
{
    /// <summary>The first lists are still loading; no error so far.</summary>
    Syncing,

    /// <summary>Every watch is open and the API answers: the view is current.</summary>
    Ready,

    /// <summary>A list or watch is failing, or the API does not answer: the view may be out of date (see the reason).</summary>
    Stale,
}
