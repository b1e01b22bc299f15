namespace Keelson.Simulator.Defaults;

/// <summary>The write an object is being defaulted for; some defaults (status, admission) apply only on create.</summary>
public enum DefaultingOperation
{
    /// <summary>A create (POST, or an apply that creates).</summary>
    Create,

    /// <summary>An update (PUT or any patch of an existing object).</summary>
    Update,
}
