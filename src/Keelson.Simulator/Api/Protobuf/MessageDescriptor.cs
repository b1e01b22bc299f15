using System.Collections.Frozen;

namespace Keelson.Simulator.Api.Protobuf;

/// <summary>One protobuf message of the table: its full name and its fields by number.</summary>
internal sealed class MessageDescriptor
{
    private readonly FrozenDictionary<int, FieldDescriptor> _fields;

    /// <summary>Creates a message.</summary>
    /// <param name="package">The protobuf package, e.g. <c>k8s.io.api.apps.v1</c>.</param>
    /// <param name="name">The message name, e.g. <c>DeploymentSpec</c>.</param>
    /// <param name="apiVersion">For a kind (a top-level object), its <c>apiVersion</c>; otherwise null.</param>
    /// <param name="fields">The declared fields.</param>
    public MessageDescriptor(string package, string name, string? apiVersion, IEnumerable<FieldDescriptor> fields)
    {
        FullName = $"{package}.{name}";
        Name = name;
        ApiVersion = apiVersion;
        _fields = fields.ToFrozenDictionary(f => f.Number);
    }

    /// <summary>The full protobuf name, e.g. <c>k8s.io.api.apps.v1.DeploymentSpec</c>, as error messages name it.</summary>
    public string FullName { get; }

    /// <summary>The short name, e.g. <c>DeploymentSpec</c>.</summary>
    public string Name { get; }

    /// <summary>The <c>apiVersion</c> of a kind; null for messages that are only parts of objects.</summary>
    public string? ApiVersion { get; }

    /// <summary>The declared fields.</summary>
    public IEnumerable<FieldDescriptor> Fields => _fields.Values;

    /// <summary>The field with protobuf number <paramref name="number"/>, or null when the table does not declare it.</summary>
    public FieldDescriptor? Find(int number) => _fields.GetValueOrDefault(number);

    /// <inheritdoc />
    public override string ToString() => FullName;
}
