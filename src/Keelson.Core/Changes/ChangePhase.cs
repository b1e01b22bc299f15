namespace Keelson.Core.Changes;

/// <summary>When rules are evaluated.</summary>
internal enum ChangePhase
{
    /// <summary>Before the change's run is created: every kind of rule.</summary>
    Start,

    /// <summary>Before a wave: freezes, concurrency limits, webhooks.</summary>
    BeforeWave,

    /// <summary>After a wave succeeded: webhooks.</summary>
    AfterWave,
}
