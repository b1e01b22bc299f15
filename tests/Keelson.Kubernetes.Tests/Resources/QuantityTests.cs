using System.Globalization;
using System.Text.Json;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Tests.Resources;

public class QuantityTests
{
    public static TheoryData<string, string, string, string, string> Cases { get; } = TestDataTable.FiveColumns("quantity/cases.txt");

    public static TheoryData<string, string> Invalid { get; } = TestDataTable.TwoColumns("quantity/invalid.txt");

    public static TheoryData<string, string, string> Comparisons { get; } = TestDataTable.ThreeColumns("quantity/compare.txt");

    public static TheoryData<string, string, string, string> Sums { get; } = TestDataTable.FourColumns("quantity/arithmetic.txt");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_WritesCanonicalTextThatParsesBackUnchanged(string input, string canonical, string format, string value, string milliValue)
    {
        var quantity = Quantity.Parse(input);

        Assert.Equal(canonical, quantity.ToString());
        Assert.Equal(format, quantity.Format.ToString());
        Assert.Equal(long.Parse(value, CultureInfo.InvariantCulture), quantity.Value());
        Assert.Equal(long.Parse(milliValue, CultureInfo.InvariantCulture), quantity.MilliValue());
        var reparsed = Quantity.Parse(canonical);
        Assert.Equal(quantity, reparsed);
        Assert.Equal(canonical, reparsed.ToString());
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_WithInvalidText_SaysWhatIsWrongAndShowsValidExamples(string input, string fragment)
    {
        var error = Assert.Throws<FormatException>(() => Quantity.Parse(input));

        Assert.StartsWith($"\"{input}\" is not a valid quantity: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Contains("\"500m\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"2Gi\"", error.Message, StringComparison.Ordinal);
        Assert.False(Quantity.TryParse(input, out _));
    }

    [Fact]
    public void TryParse_WithNull_ReturnsFalse()
    {
        Assert.False(Quantity.TryParse(null, out var quantity));
        Assert.True(quantity.IsZero);
    }

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void Compare_OrdersByValueAcrossFormats(string left, string relation, string right)
    {
        var (a, b) = (Quantity.Parse(left), Quantity.Parse(right));
        var expected = relation switch { "<" => -1, "==" => 0, ">" => 1, _ => throw new InvalidDataException(relation) };

        Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
        Assert.Equal(-expected, Math.Sign(b.CompareTo(a)));
        Assert.Equal(expected == 0, a == b);
        Assert.Equal(expected != 0, a != b);
        Assert.Equal(expected < 0, a < b);
        Assert.Equal(expected <= 0, a <= b);
        Assert.Equal(expected > 0, a > b);
        Assert.Equal(expected >= 0, a >= b);
        if (expected == 0)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    [Theory]
    [MemberData(nameof(Sums))]
    public void AddAndSubtract_AreExactAndKeepTheLeftFormat(string left, string op, string right, string expected)
    {
        var (a, b) = (Quantity.Parse(left), Quantity.Parse(right));

        var result = op == "+" ? a + b : a - b;

        Assert.Equal(expected, result.ToString());
        Assert.Equal(result, op == "+" ? a.Add(b) : a.Subtract(b));
    }

    [Fact]
    public void Add_WithExponentsTooFarApart_ThrowsRatherThanExpandingThem()
    {
        var error = Assert.Throws<OverflowException>(() => Quantity.Parse("1e2147483647") + Quantity.Parse("1"));

        Assert.Contains("100,000 digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negate_FlipsTheSignAndKeepsTheFormat()
    {
        Assert.Equal("-1536Mi", (-Quantity.Parse("1.5Gi")).ToString());
        Assert.Equal("9010m", Quantity.Parse("-9.01").Negate().ToString());
        Assert.Equal("0", (-Quantity.Zero).ToString());
    }

    [Fact]
    public void Default_IsZeroInDecimalSI()
    {
        var zero = default(Quantity);

        Assert.True(zero.IsZero);
        Assert.Equal("0", zero.ToString());
        Assert.Equal(QuantityFormat.DecimalSI, zero.Format);
        Assert.Equal(Quantity.Parse("0"), zero);
        Assert.Equal(Quantity.Zero, zero);
    }

    [Fact]
    public void Equals_TreatsEqualValuesAsOneDictionaryKey()
    {
        var counts = new Dictionary<Quantity, int> { [Quantity.Parse("1")] = 1 };

        counts[Quantity.Parse("1000m")] += 1;
        counts[Quantity.Parse("1e0")] += 1;

        Assert.Equal(3, Assert.Single(counts).Value);
        Assert.True(Quantity.Parse("1Ki").Equals((object)Quantity.Parse("1024")));
    }

    [Fact]
    public void FromMilliValue_MakesDecimalMillis()
    {
        Assert.Equal("1441m", Quantity.FromMilliValue(1441).ToString());
        Assert.Equal("2", Quantity.FromMilliValue(2000).ToString());
        Assert.Equal(250, Quantity.FromMilliValue(250).MilliValue());
        Assert.Equal(QuantityFormat.DecimalSI, Quantity.FromMilliValue(250).Format);
    }

    [Fact]
    public void FromBytes_MakesBinaryBytes()
    {
        Assert.Equal("1Gi", Quantity.FromBytes(1073741824).ToString());
        Assert.Equal("1536Mi", Quantity.FromBytes(1610612736).ToString());
        // As apimachinery: below 1024 a binary value is written in decimal SI, from 1024 on without a suffix if none fits.
        Assert.Equal("1k", Quantity.FromBytes(1000).ToString());
        Assert.Equal("2000", Quantity.FromBytes(2000).ToString());
        Assert.Equal(QuantityFormat.BinarySI, Quantity.FromBytes(1).Format);
        Assert.Equal(Quantity.Parse("64Mi"), Quantity.FromBytes(64 * 1024 * 1024));
    }

    [Fact]
    public void FromDecimal_IsExactAndRoundsBelowNanoAwayFromZero()
    {
        Assert.Equal("1500m", Quantity.FromDecimal(1.5m).ToString());
        Assert.Equal("1536Mi", Quantity.FromDecimal(1610612736m, QuantityFormat.BinarySI).ToString());
        Assert.Equal("1500m", Quantity.FromDecimal(1.5m, QuantityFormat.BinarySI).ToString());
        Assert.Equal("1500e-3", Quantity.FromDecimal(1.5m, QuantityFormat.DecimalExponent).ToString());
        Assert.Equal("1n", Quantity.FromDecimal(0.0000000001m).ToString());
        Assert.Equal("-2n", Quantity.FromDecimal(-0.0000000011m).ToString());
        Assert.Equal("79228162514264337593543950335", Quantity.FromDecimal(decimal.MaxValue).ToString());
        Assert.True(Quantity.FromDecimal(0m).IsZero);
    }

    [Fact]
    public void ToString_PastEi_WritesTheExactDecimalInsteadOfDroppingTheMagnitude()
    {
        // 2^70: apimachinery TestBinarySIPastEiArithmeticRoundTrip.
        var quantity = Quantity.FromDecimal(1180591620717411303424m, QuantityFormat.BinarySI);

        Assert.Equal("1180591620717411303424", quantity.ToString());
        Assert.Equal("10e69", Quantity.FromDecimal(1e28m, QuantityFormat.BinarySI).Add(Quantity.Parse("1e70")).Subtract(Quantity.Parse("1e28")).ToString());
    }

    [Theory]
    [InlineData("1.5Gi", "1610612736")]
    [InlineData("100m", "0.1")]
    [InlineData("1n", "0.000000001")]
    [InlineData("-9.5000000001Gi", "-10200547328.107374183")]
    [InlineData("1e28", "10000000000000000000000000000")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("0", "0")]
    public void ToDecimal_ReturnsTheExactValue(string input, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Quantity.Parse(input).ToDecimal());
    }

    [Theory]
    [InlineData("79228162514264337593543950336")]
    [InlineData("1e29")]
    [InlineData("1e2147483647")]
    [InlineData("-100000000000000000000000000000")]
    public void ToDecimal_BeyondDecimalRange_ThrowsOverflowNamingTheQuantity(string input)
    {
        var error = Assert.Throws<OverflowException>(() => Quantity.Parse(input).ToDecimal());

        Assert.Contains(Quantity.Parse(input).ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_ReadsStringsAndNumbersAndWritesCanonicalStrings()
    {
        var json = """{"cpu":"500m","memory":1.5,"storage":" 1Gi ","exponent":1e3,"negative":-2,"unset":null}""";

        var read = KubernetesJson.Deserialize<Dictionary<string, Quantity>>(json);

        Assert.Equal(
            """{"cpu":"500m","memory":"1500m","storage":"1Gi","exponent":"1e3","negative":"-2","unset":"0"}""",
            KubernetesJson.Serialize(read));
    }

    [Fact]
    public void Json_NullableQuantity_KeepsNull()
    {
        var read = KubernetesJson.Deserialize<Dictionary<string, Quantity?>>("""{"limit":null,"request":"64Mi"}""");

        Assert.Null(read["limit"]);
        Assert.Equal(Quantity.Parse("64Mi"), read["request"]);
    }

    [Fact]
    public void Json_WithInvalidQuantity_NamesTheTextAndWhereItIs()
    {
        var json = """{"requests":{"cpu":"250m","memory":"1.5 Gi"}}""";

        var error = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Dictionary<string, Dictionary<string, Quantity>>>(json));

        Assert.Contains("\"1.5 Gi\" is not a valid quantity", error.Message, StringComparison.Ordinal);
        Assert.Equal("$.requests.memory", error.Path);
    }

    [Fact]
    public void Json_WithWrongTokenType_SaysWhatIsExpected()
    {
        var error = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Dictionary<string, Quantity>>("""{"cpu":true}"""));

        Assert.Contains("a quantity must be a string", error.Message, StringComparison.Ordinal);
    }
}
