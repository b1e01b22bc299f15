namespace Keelson.Tests.Simulator;

/// <summary>Tests sharing one running <c>keelson sim</c> (each test uses namespaces of its own).</summary>
[CollectionDefinition(Name)]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorProcess>
{
    public const string Name = "keelson sim";
}
