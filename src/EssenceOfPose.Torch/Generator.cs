namespace EssenceOfPose.Torch;

/// <summary>
/// A random number generator with its own state (PyTorch's torch.Generator): samplers given it
/// draw from it instead of the global generator, so a seed reproduces the same numbers whatever
/// else draws random numbers meanwhile.
/// </summary>
public sealed class Generator : IDisposable
{
    /// <summary>The seed a generator starts with when none is given (libtorch's default_rng_seed_val).</summary>
    public const ulong DefaultSeed = 67280421310721;

    IntPtr handle;
    readonly bool shared;

    /// <summary>A generator for <paramref name="device"/> (CPU when null), seeded with <see cref="DefaultSeed"/>.</summary>
    public Generator(Device? device = null) : this(DefaultSeed, device) { }

    /// <summary>A generator for <paramref name="device"/> (CPU when null) seeded with <paramref name="seed"/>.</summary>
    public Generator(ulong seed, Device? device = null)
    {
        var d = device ?? Device.CPU;
        handle = Native.Check(Native.eop_generator_new((int)d.Type, d.Index, seed));
    }

    Generator(IntPtr handle, bool shared)
    {
        this.handle = handle;
        this.shared = shared;
    }

    /// <summary>The default generator of a device: its state is the global one that torch.manual_seed sets.</summary>
    internal static Generator Default(Device device) =>
        new(Native.Check(Native.eop_generator_default((int)device.Type, device.Index)), shared: true);

    internal IntPtr Handle
    {
        get
        {
            var h = handle;
            return h != IntPtr.Zero ? h : throw new ObjectDisposedException(nameof(Generator));
        }
    }

    public Device device
    {
        get
        {
            Native.Check(Native.eop_generator_device(Handle, out var type, out var index));
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>Reseeds the generator; returns it, as PyTorch does.</summary>
    public Generator manual_seed(ulong seed)
    {
        Native.Check(Native.eop_generator_manual_seed(Handle, seed));
        return this;
    }

    /// <summary>The seed the generator was last seeded with.</summary>
    public ulong initial_seed()
    {
        Native.Check(Native.eop_generator_initial_seed(Handle, out var seed));
        return seed;
    }

    /// <summary>Reseeds from a non-deterministic source and returns the seed chosen.</summary>
    public ulong seed()
    {
        Native.Check(Native.eop_generator_seed(Handle, out var seed));
        return seed;
    }

    /// <summary>The full state as a uint8 CPU tensor, for <see cref="set_state"/>.</summary>
    public Tensor get_state() => Tensor.Wrap(Native.eop_generator_get_state(Handle));

    /// <summary>Restores a state taken by <see cref="get_state"/>; returns the generator.</summary>
    public Generator set_state(Tensor new_state)
    {
        Native.Check(Native.eop_generator_set_state(Handle, new_state.Handle));
        return this;
    }

    public override string ToString() => handle == IntPtr.Zero ? "Generator(disposed)" : $"Generator(device={device}{(shared ? ", default" : "")})";

    /// <summary>Frees the generator; the default generator of a device stays usable.</summary>
    public void Dispose()
    {
        if (shared) return;
        Free();
        GC.SuppressFinalize(this);
    }

    ~Generator() => Free();

    void Free()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero) Native.eop_generator_free(h);
    }
}
