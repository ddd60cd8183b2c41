namespace EssenceOfPose.Torch;

// Sampling factories and the global generator (native/src/random.cpp). Each sampler takes an
// optional Generator; without one it draws from the default generator of its device.
public static partial class torch
{
    static readonly Lazy<Generator> defaultCpuGenerator = new(() => Generator.Default(Device.CPU));

    /// <summary>The CPU's default generator, whose state torch.manual_seed sets (disposing it does nothing).</summary>
    public static Generator default_generator => defaultCpuGenerator.Value;

    /// <summary>The seed the default CPU generator was last seeded with.</summary>
    public static ulong initial_seed() => default_generator.initial_seed();

    /// <summary>Seeds the default CPU generator non-deterministically and returns the seed.</summary>
    public static ulong seed() => default_generator.seed();

    public static Tensor get_rng_state() => default_generator.get_state();

    public static void set_rng_state(Tensor new_state) => default_generator.set_state(new_state);

    /// <summary>Uniform samples from [0, 1).</summary>
    public static Tensor rand(params long[] size) => rand(size, generator: null);

    public static Tensor rand(long[] size, Generator? generator = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_rand(size, size.Length, Args.HandleOrZero(generator), (int)(dtype ?? float32), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary>Samples of the standard normal distribution.</summary>
    public static Tensor randn(params long[] size) => randn(size, generator: null);

    public static Tensor randn(long[] size, Generator? generator = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_randn(size, size.Length, Args.HandleOrZero(generator), (int)(dtype ?? float32), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary>Uniform integers in [low, high), int64 unless <paramref name="dtype"/> says otherwise.</summary>
    public static Tensor randint(long low, long high, long[] size, Generator? generator = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_randint(low, high, size, size.Length, Args.HandleOrZero(generator), (int)(dtype ?? int64), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary>Uniform integers in [0, high).</summary>
    public static Tensor randint(long high, long[] size, Generator? generator = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        randint(0, high, size, generator, dtype, device, requires_grad);

    /// <summary>Samples of N(mean, std²).</summary>
    public static Tensor normal(double mean, double std, long[] size, Generator? generator = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_normal(mean, std, size, size.Length, Args.HandleOrZero(generator), (int)(dtype ?? float32), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary>One sample per element, of N(mean[i], std[i]²); mean and std broadcast together.</summary>
    public static Tensor normal(Tensor mean, Tensor std, Generator? generator = null) =>
        Tensor.Wrap(Native.eop_normal_tensor(mean.Handle, std.Handle, Args.HandleOrZero(generator)));

    /// <summary>A random permutation of 0 .. n - 1, int64 unless <paramref name="dtype"/> says otherwise.</summary>
    public static Tensor randperm(long n, Generator? generator = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_randperm(n, Args.HandleOrZero(generator), (int)(dtype ?? int64), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary>1 with probability input[i], else 0, in input's dtype.</summary>
    public static Tensor bernoulli(Tensor input, Generator? generator = null) => input.bernoulli(generator);

    public static Tensor rand_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        Tensor.Wrap(Native.eop_rand_like(input.Handle, Args.HandleOrZero(generator), Args.Code(dtype), Args.DeviceType(device), Args.DeviceIndex(device), Args.Flag(requires_grad)));

    public static Tensor randn_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        Tensor.Wrap(Native.eop_randn_like(input.Handle, Args.HandleOrZero(generator), Args.Code(dtype), Args.DeviceType(device), Args.DeviceIndex(device), Args.Flag(requires_grad)));

    /// <summary>Uniform integers in [low, high) with input's shape (and dtype, unless given).</summary>
    public static Tensor randint_like(Tensor input, long low, long high, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        Tensor.Wrap(Native.eop_randint_like(input.Handle, low, high, Args.HandleOrZero(generator), Args.Code(dtype), Args.DeviceType(device), Args.DeviceIndex(device), Args.Flag(requires_grad)));
}
