namespace EssenceOfPose.Torch;

// Deterministic factories (native/src/creation.cpp). As in PyTorch, a dtype not given is float32,
// except for integer fill values and integer ranges (int64) and bool fill values (bool);
// a device not given is the CPU. The *_like forms default to the model's dtype and device.
public static partial class torch
{
    public static Tensor zeros(params long[] size) => zeros(size, dtype: null);

    public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_zeros(size, size.Length, (int)(dtype ?? float32), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    public static Tensor ones(params long[] size) => ones(size, dtype: null);

    public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_ones(size, size.Length, (int)(dtype ?? float32), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary>A tensor whose values are whatever the allocation held.</summary>
    public static Tensor empty(params long[] size) => empty(size, dtype: null);

    public static Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_empty(size, size.Length, (int)(dtype ?? float32), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    public static Tensor full(long[] size, double fill_value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_full(size, size.Length, fill_value, (int)(dtype ?? float32), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary>An integer fill value gives int64 unless <paramref name="dtype"/> says otherwise.</summary>
    public static Tensor full(long[] size, long fill_value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_full_int64(size, size.Length, fill_value, (int)(dtype ?? int64), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary>A bool fill value gives a bool tensor unless <paramref name="dtype"/> says otherwise.</summary>
    public static Tensor full(long[] size, bool fill_value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_full_int64(size, size.Length, fill_value ? 1 : 0, (int)(dtype ?? @bool), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary>0, 1, ..., end - 1 as int64.</summary>
    public static Tensor arange(long end, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        arange(0L, end, 1L, dtype, device, requires_grad);

    /// <summary>start, start + step, ... below end (above, for a negative step), as int64.</summary>
    public static Tensor arange(long start, long end, long step = 1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_arange_int64(start, end, step, (int)(dtype ?? int64), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary>0, 1, ... below end, as float32.</summary>
    public static Tensor arange(double end, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        arange(0.0, end, 1.0, dtype, device, requires_grad);

    /// <summary>start, start + step, ... below end (above, for a negative step), as float32.</summary>
    public static Tensor arange(double start, double end, double step = 1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_arange(start, end, step, (int)(dtype ?? float32), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary><paramref name="steps"/> evenly spaced values from start to end, both included.</summary>
    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_linspace(start, end, steps, (int)(dtype ?? float32), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    /// <summary>An n × m matrix (n × n when m is null) with ones on the diagonal.</summary>
    public static Tensor eye(long n, long? m = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.eop_eye(n, m ?? -1, (int)(dtype ?? float32), (int)d.Type, d.Index, Args.Flag(requires_grad)));
    }

    public static Tensor zeros_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(Native.eop_zeros_like(input.Handle, Args.Code(dtype), Args.DeviceType(device), Args.DeviceIndex(device), Args.Flag(requires_grad)));

    public static Tensor ones_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(Native.eop_ones_like(input.Handle, Args.Code(dtype), Args.DeviceType(device), Args.DeviceIndex(device), Args.Flag(requires_grad)));

    public static Tensor empty_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(Native.eop_empty_like(input.Handle, Args.Code(dtype), Args.DeviceType(device), Args.DeviceIndex(device), Args.Flag(requires_grad)));

    public static Tensor full_like(Tensor input, double fill_value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(Native.eop_full_like(input.Handle, fill_value, Args.Code(dtype), Args.DeviceType(device), Args.DeviceIndex(device), Args.Flag(requires_grad)));
}
