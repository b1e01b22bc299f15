using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Tests.Schema;

public class QuantityFormTests
{
    [Theory]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("100m", "100m")]
    [InlineData("2000m", "2")]
    [InlineData("1000", "1k")]
    [InlineData("1200", "1200")]
    [InlineData("0", "0")]
    [InlineData("0m", "0")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("0.5Gi", "512Mi")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("1.1Gi", "1181116006400m")]
    [InlineData("0.5Ki", "512")]
    [InlineData("1Ki", "1Ki")]
    [InlineData("128974848", "128974848")]
    [InlineData("129e6", "129e6")]
    [InlineData("1e3", "1e3")]
    [InlineData("12e2", "1200")]
    [InlineData("-1.5", "-1500m")]
    [InlineData("0.0000000001", "1n")]
    [InlineData("123Mi", "123Mi")]
    public void Canonicalize_Quantity_WritesItAsKubeApiserverStoresIt(string input, string expected)
    {
        Assert.Equal(expected, QuantityForm.Canonicalize(input));
    }
}
