using EdgeWasm.Benchmarks.Kernels;

namespace EdgeWasm.Benchmarks.Tests.Kernels;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 3.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 10.0, 10.0, 1000.0 }, 10.0)]
    public void Median_TakesTheMiddleOfTheSortedValues(double[] values, double expected) =>
        Assert.Equal(expected, Statistics.Median(values));

    [Fact]
    public void Median_OfNothing_IsNull() => Assert.Null(Statistics.Median([]));

    [Theory]
    [InlineData(new[] { 2.0, 8.0 }, 4.0)]
    [InlineData(new[] { 1.0, 1.0, 8.0 }, 2.0)]
    [InlineData(new[] { 0.5, 2.0 }, 1.0)]
    public void GeometricMean_IsTheNthRootOfTheProduct(double[] values, double expected) =>
        Assert.Equal(expected, Statistics.GeometricMean(values)!.Value, precision: 12);

    [Fact]
    public void GeometricMean_RejectsValuesThatAreNotPositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.GeometricMean([1.0, 0.0]));
}
