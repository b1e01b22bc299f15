namespace Keelson.Simulator.Api.Protobuf;

/// <summary>
/// Reads the protobuf wire format of one message: tags, varints and length-delimited fields. Every error names
/// the message being read (<see cref="_where"/>), since a bad byte deep in an object is otherwise impossible to find.
/// </summary>
internal ref struct WireReader
{
    /// <summary>Wire type of varints (integers, booleans).</summary>
    public const int Varint = 0;

    /// <summary>Wire type of strings, bytes, messages and packed numbers.</summary>
    public const int LengthDelimited = 2;

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _where;
    private int _position;

    /// <summary>Starts reading <paramref name="data"/>.</summary>
    /// <param name="data">The message's bytes.</param>
    /// <param name="where">The message and where it sits in the object, for errors: <c>message k8s.io.api.core.v1.Container at spec.template.spec.containers[0]</c>.</param>
    public WireReader(ReadOnlySpan<byte> data, string where)
    {
        _data = data;
        _where = where;
    }

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads a field's tag.</summary>
    public (int Number, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        if (tag >> 3 is 0 or > int.MaxValue)
        {
            throw new ProtobufException($"{_where} has a field with the invalid number {tag >> 3}");
        }

        return ((int)(tag >> 3), (int)(tag & 7));
    }

    /// <summary>Reads a varint of up to ten bytes.</summary>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (AtEnd)
            {
                throw Truncated();
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new ProtobufException($"{_where} has a varint longer than ten bytes");
    }

    /// <summary>Reads a length-delimited field's bytes.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Truncated();
        }

        var bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    private readonly ProtobufException Truncated() => new($"{_where} ends in the middle of a field (unexpected EOF)");
}
