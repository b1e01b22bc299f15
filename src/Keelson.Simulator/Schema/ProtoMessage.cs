using System.Buffers;
using System.Text;

namespace Keelson.Simulator.Schema;

/// <summary>Writes one protocol buffers message: varint, boolean and length-delimited fields (proto3 wire format).</summary>
internal sealed class ProtoMessage
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>Appends a string field; empty strings are left out, as proto3 does.</summary>
    public ProtoMessage String(int field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Bytes(field, Encoding.UTF8.GetBytes(value));
        }

        return this;
    }

    /// <summary>Appends a boolean field; false is left out.</summary>
    public ProtoMessage Bool(int field, bool value)
    {
        if (value)
        {
            Tag(field, 0);
            _buffer.Write([(byte)1]);
        }

        return this;
    }

    /// <summary>Appends an embedded message, even when it is empty (a set oneof member must be written).</summary>
    public ProtoMessage Message(int field, ProtoMessage message)
    {
        Bytes(field, message.ToArray());
        return this;
    }

    /// <summary>The encoded message.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void Bytes(int field, byte[] bytes)
    {
        Tag(field, 2);
        Varint((ulong)bytes.Length);
        _buffer.Write(bytes);
    }

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.Write([(byte)(value | 0x80)]);
            value >>= 7;
        }

        _buffer.Write([(byte)value]);
    }
}
