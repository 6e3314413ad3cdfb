using Nova.Resources;

namespace Nova.Resources.Tests;

public sealed class CpuSetTests
{
    [Fact]
    public void Create_WithDuplicates_CountsEachIdOnce()
    {
        var set = CpuSet.Create([5, 1, 5, 64, 1]);

        set.Count.Should().Be(3);
        set.Should().Equal(1, 5, 64);
        set.Min.Should().Be(1);
        set.Max.Should().Be(64);
    }

    [Fact]
    public void Range_AcrossWords_HoldsEveryId()
    {
        var set = CpuSet.Range(60, 130);

        set.Count.Should().Be(71);
        set.Contains(59).Should().BeFalse();
        set.Contains(60).Should().BeTrue();
        set.Contains(130).Should().BeTrue();
        set.Contains(131).Should().BeFalse();
        set.Should().Equal(Enumerable.Range(60, 71));
    }

    [Fact]
    public void SetOperations_MatchLinq()
    {
        var a = CpuSet.Range(0, 100);
        var b = CpuSet.Create([50, 150, 200]);

        a.Union(b).Should().Equal(Enumerable.Range(0, 101).Concat([150, 200]));
        a.Intersect(b).Should().Equal(50);
        a.Except(b).Should().Equal(Enumerable.Range(0, 101).Where(i => i != 50));
        a.Overlaps(b).Should().BeTrue();
        CpuSet.Create([50]).IsSubsetOf(a).Should().BeTrue();
        b.IsSubsetOf(a).Should().BeFalse();
    }

    [Fact]
    public void Equality_IgnoresHowTheSetWasBuilt()
    {
        var a = CpuSet.Range(0, 200).Except(CpuSet.Range(100, 200));
        var b = CpuSet.Range(0, 99);

        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        CpuSet.Create([]).Should().BeSameAs(CpuSet.Empty);
    }

    [Fact]
    public void Create_IdAboveBound_Throws()
    {
        var act = () => CpuSet.Create([CpuSet.MaxCpuId + 1]);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
