using System.Text;

namespace Keelson.Simulator.Tests.Protobuf;

/// <summary>Builds protobuf bytes by hand, for bodies no real client sends (broken ones, unknown fields).</summary>
internal static class ProtoBytes
{
    public static byte[] Envelope(string apiVersion, string kind, byte[] raw) =>
        [.. "k8s\0"u8, .. Message(1, [.. Text(1, apiVersion), .. Text(2, kind)]), .. Message(2, raw)];

    public static byte[] Message(int field, byte[] value) => [.. Tag(field, 2), .. Varint((ulong)value.Length), .. value];

    public static byte[] Text(int field, string value) => Message(field, Encoding.UTF8.GetBytes(value));

    public static byte[] Number(int field, long value) => [.. Tag(field, 0), .. Varint(unchecked((ulong)value))];

    public static byte[] Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }
}
