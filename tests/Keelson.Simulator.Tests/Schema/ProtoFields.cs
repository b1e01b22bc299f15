using System.Text;

namespace Keelson.Simulator.Tests.Schema;

/// <summary>Reads the top-level fields of a protocol buffers message, enough to check the OpenAPI v2 encoding.</summary>
internal static class ProtoFields
{
    public static List<Field> Read(ReadOnlySpan<byte> message)
    {
        var fields = new List<Field>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = Varint(message, ref position);
            var number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    fields.Add(new Field(number, [], Varint(message, ref position)));
                    break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    fields.Add(new Field(number, message.Slice(position, length).ToArray(), 0));
                    position += length;
                    break;
                default:
                    throw new InvalidDataException($"unexpected wire type in field {number}");
            }
        }

        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    internal sealed record Field(int Number, byte[] Message, ulong Value)
    {
        public string Text => Encoding.UTF8.GetString(Message);
    }
}
