using EssenceOfPose.Torch;
using static EssenceOfPose.Torch.Tests.Expect;

namespace EssenceOfPose.Torch.Tests;

// The only test class that draws from the global generator: tests of other classes run in
// parallel with these, so they must pass their own Generator to samplers.
public class GeneratorTests
{
    [Fact]
    public void Same_seed_gives_same_numbers_whatever_the_global_generator_does()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(42);
        var a = torch.rand([5], g1).ToArray<float>();
        var a2 = torch.randn([3], g1).ToArray<float>();
        torch.manual_seed(7);
        torch.rand(100); // draws from the global generator only
        using var g2 = new Generator(42);
        Assert.Equal(a, torch.rand([5], g2).ToArray<float>());
        Assert.Equal(a2, torch.randn([3], g2).ToArray<float>());
        using var g3 = new Generator(43);
        Assert.NotEqual(a, torch.rand([5], g3).ToArray<float>());
        Assert.NotEqual(a, torch.rand([5], g1).ToArray<float>()); // the state moved on
    }

    [Fact]
    public void Manual_seed_rewinds_and_reports_its_seed()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator();
        Assert.Equal(Generator.DefaultSeed, g.initial_seed());
        Assert.Same(g, g.manual_seed(123));
        Assert.Equal(123UL, g.initial_seed());
        var first = torch.randint(0, 1000, [8], g).ToArray<long>();
        g.manual_seed(123);
        Assert.Equal(first, torch.randint(0, 1000, [8], g).ToArray<long>());
        Assert.Equal(Device.CPU, g.device);
        var s = g.seed();
        Assert.Equal(s, g.initial_seed());
    }

    [Fact]
    public void State_round_trips()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(5);
        torch.rand([3], g);
        var state = g.get_state();
        Assert.Equal(ScalarType.UInt8, state.dtype);
        var a = torch.randn([4], g).ToArray<float>();
        Assert.Same(g, g.set_state(state));
        Assert.Equal(a, torch.randn([4], g).ToArray<float>());
        Expect.Throws("RNG state must be a torch.ByteTensor", () => g.set_state(torch.zeros(3)));
        Assert.Equal(4, torch.randn([4], g).numel());
    }

    [Fact]
    public void Global_seed_and_state_go_through_the_default_generator()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(2024);
        Assert.Equal(2024UL, torch.initial_seed());
        var a = torch.rand(6).ToArray<float>();
        torch.manual_seed(2024);
        Assert.Equal(a, torch.rand(6).ToArray<float>());
        var state = torch.get_rng_state();
        var b = torch.randn(4).ToArray<float>();
        torch.set_rng_state(state);
        Assert.Equal(b, torch.randn(4).ToArray<float>());
        torch.default_generator.Dispose(); // the default generator outlives a Dispose
        Assert.Equal(Device.CPU, torch.default_generator.device);
    }

    [Fact]
    public void Samplers_respect_their_ranges_and_dtypes()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(11);
        var u = torch.rand([1000], g, dtype: torch.float64);
        Assert.Equal(ScalarType.Float64, u.dtype);
        Assert.All(u.ToArray<double>(), v => Assert.InRange(v, 0.0, 0.999999999999));
        var r = torch.randint(-3, 3, [2, 500], g);
        Assert.Equal(ScalarType.Int64, r.dtype);
        Assert.Equal(new long[] { 2, 500 }, r.shape);
        var values = r.ToArray<long>();
        Assert.All(values, v => Assert.InRange(v, -3L, 2L));
        Assert.Equal(new long[] { -3, -2, -1, 0, 1, 2 }, values.Distinct().Order().ToArray());
        Assert.All(torch.randint(4, [100], g).ToArray<long>(), v => Assert.InRange(v, 0L, 3L));
        var p = torch.randperm(10, g);
        Assert.Equal(ScalarType.Int64, p.dtype);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), p.ToArray<long>().Order());
    }

    [Fact]
    public void Normal_has_the_asked_mean_and_spread()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(3);
        var x = torch.normal(2.0, 3.0, [20000], g, dtype: torch.float64).ToArray<double>();
        var mean = x.Average();
        var sd = Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Sum() / (x.Length - 1));
        // Standard error of the mean is 3/sqrt(20000) = 0.021; of the sd about 0.015.
        Assert.InRange(mean, 1.9, 2.1);
        Assert.InRange(sd, 2.9, 3.1);
        // A zero standard deviation gives the means themselves.
        Close([1, -2, 5], torch.normal(D(1, -2, 5), D(0, 0, 0), g));
        var z = torch.randn([20000], g, dtype: torch.float64).ToArray<double>();
        Assert.InRange(z.Average(), -0.05, 0.05);
    }

    [Fact]
    public void In_place_samplers_and_bernoulli_fill_the_tensor()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(9);
        var t = torch.empty([500], dtype: torch.float64);
        Assert.Same(t, t.uniform_(2, 3, g));
        Assert.All(t.ToArray<double>(), v => Assert.InRange(v, 2.0, 3.0));
        t.normal_(10, 0, g);
        Assert.All(t.ToArray<double>(), v => Assert.Equal(10.0, v));
        Close([0, 1, 1, 0], torch.bernoulli(D(0, 1, 1, 0), g));
        var half = torch.zeros(1000).bernoulli_(0.5, g).ToArray<float>();
        Assert.All(half, v => Assert.True(v == 0 || v == 1));
        Assert.InRange(half.Sum(), 400f, 600f);
        Expect.Throws("p_in >= 0 && p_in <= 1", () => D(0.5, 1.5).bernoulli(g));
    }

    [Fact]
    public void Like_samplers_follow_the_model()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(1);
        var m = torch.zeros([2, 3], dtype: torch.float64);
        var r = torch.rand_like(m, generator: g);
        Assert.Equal(new long[] { 2, 3 }, r.shape);
        Assert.Equal(ScalarType.Float64, r.dtype);
        var n = torch.randn_like(m, dtype: torch.float32, requires_grad: true);
        Assert.Equal(ScalarType.Float32, n.dtype);
        Assert.True(n.requires_grad);
        var i = torch.randint_like(torch.zeros([4], dtype: torch.int64), 5, 6, generator: g);
        Longs([5, 5, 5, 5], i);
        using var g2 = new Generator(1);
        Assert.Equal(r.ToArray<double>(), torch.rand_like(m, generator: g2).ToArray<double>());
    }

    [Fact]
    public void Disposed_or_unavailable_generators_fail_cleanly()
    {
        var g = new Generator(1);
        g.Dispose();
        Assert.Throws<ObjectDisposedException>(() => torch.rand([1], g));
        g.Dispose();
        if (!torch.cuda.is_available())
            Expect.Throws("no usable CUDA device", () => new Generator(1, Device.CUDA()));
        Expect.Throws("negative dimension", () => torch.randperm(-1));
    }
}
