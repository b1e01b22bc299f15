using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Tests.Resources;

public class IntOrStringTests
{
    [Theory]
    // maxSurge rounds up: 25% of 10 replicas may be 3 extra pods, 1% of 1 replica still one.
    [InlineData("25%", 10, 3)]
    [InlineData("10%", 5, 1)]
    [InlineData("1%", 1, 1)]
    [InlineData("50%", 3, 2)]
    [InlineData("33%", 100, 33)]
    [InlineData("100%", 7, 7)]
    [InlineData("150%", 4, 6)]
    [InlineData("0%", 10, 0)]
    [InlineData("+20%", 10, 2)]
    [InlineData("-10%", 15, -1)]
    public void ScaledValue_RoundingUp_TakesTheCeilingAsMaxSurgeDoes(string percent, int total, int expected)
    {
        Assert.Equal(expected, IntOrString.FromString(percent).ScaledValue(total, roundUp: true));
    }

    [Theory]
    // maxUnavailable rounds down: 25% of 10 replicas lets 2 go, 10% of 5 lets none go.
    [InlineData("25%", 10, 2)]
    [InlineData("10%", 5, 0)]
    [InlineData("1%", 1, 0)]
    [InlineData("50%", 3, 1)]
    [InlineData("33%", 100, 33)]
    [InlineData("100%", 7, 7)]
    [InlineData("-10%", 15, -2)]
    public void ScaledValue_RoundingDown_TakesTheFloorAsMaxUnavailableDoes(string percent, int total, int expected)
    {
        Assert.Equal(expected, IntOrString.FromString(percent).ScaledValue(total, roundUp: false));
    }

    [Fact]
    public void ScaledValue_WithAnInteger_IgnoresTheTotal()
    {
        Assert.Equal(5, IntOrString.FromInt(5).ScaledValue(100, roundUp: true));
        Assert.Equal(0, ((IntOrString)0).ScaledValue(100, roundUp: false));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("25")]
    [InlineData("25.5%")]
    [InlineData(" 25%")]
    [InlineData("25 %")]
    [InlineData("%")]
    [InlineData("x%")]
    public void ScaledValue_WithABadPercentage_QuotesItAndShowsTheExpectedForm(string value)
    {
        var error = Assert.Throws<FormatException>(() => IntOrString.FromString(value).ScaledValue(10, roundUp: true));

        Assert.Equal($"\"{value}\" is neither an integer nor a percentage like \"25%\"", error.Message);
    }

    [Fact]
    public void Json_KeepsNumbersAsNumbersAndStringsAsStrings()
    {
        var json = """{"port":8080,"named":"http","surge":"25%"}""";

        var read = KubernetesJson.Deserialize<Dictionary<string, IntOrString>>(json);

        Assert.True(read["port"].IsInt);
        Assert.Equal(8080, read["port"].IntValue);
        Assert.False(read["named"].IsInt);
        Assert.Equal("http", read["named"].StringValue);
        Assert.Equal(json, KubernetesJson.Serialize(read));
    }

    [Fact]
    public void Json_WithAFraction_IsRejectedWithItsPath()
    {
        var error = Assert.Throws<System.Text.Json.JsonException>(() => KubernetesJson.Deserialize<Dictionary<string, IntOrString>>("""{"port":80.5}"""));

        Assert.Equal("$.port", error.Path);
    }

    [Fact]
    public void Equality_DistinguishesTheIntegerFromItsText()
    {
        Assert.Equal(IntOrString.FromInt(80), (IntOrString)80);
        Assert.NotEqual(IntOrString.FromInt(80), IntOrString.FromString("80"));
        Assert.Equal("80", IntOrString.FromInt(80).ToString());
    }
}
