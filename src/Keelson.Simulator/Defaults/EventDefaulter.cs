using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// Events have no defaults, but Go writes their struct and time fields even when empty: a core/v1 Event shows
/// <c>involvedObject</c>, <c>source</c>, null timestamps and empty <c>reportingComponent</c>/<c>reportingInstance</c>;
/// an events.k8s.io/v1 Event shows <c>regarding</c>, <c>deprecatedSource</c> and null timestamps.
/// </summary>
internal sealed class EventDefaulter(bool eventsApi) : IKindDefaulter
{
    /// <summary>The defaulter of core/v1 Events.</summary>
    public static EventDefaulter Core { get; } = new(eventsApi: false);

    /// <summary>The defaulter of events.k8s.io/v1 Events.</summary>
    public static EventDefaulter EventsApi { get; } = new(eventsApi: true);

    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        if (eventsApi)
        {
            obj.GetOrAddObject("regarding");
            obj.GetOrAddObject("deprecatedSource");
            FieldDefaults.DefaultNullTime(obj, "eventTime");
            FieldDefaults.DefaultNullTime(obj, "deprecatedFirstTimestamp");
            FieldDefaults.DefaultNullTime(obj, "deprecatedLastTimestamp");
            return;
        }

        obj.GetOrAddObject("involvedObject");
        obj.GetOrAddObject("source");
        FieldDefaults.DefaultNullTime(obj, "firstTimestamp");
        FieldDefaults.DefaultNullTime(obj, "lastTimestamp");
        FieldDefaults.DefaultNullTime(obj, "eventTime");
        obj.DefaultPointer("reportingComponent", "");
        obj.DefaultPointer("reportingInstance", "");
    }
}
