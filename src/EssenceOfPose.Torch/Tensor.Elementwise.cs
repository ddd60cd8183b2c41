namespace EssenceOfPose.Torch;

// Element-wise math (native/src/elementwise.cpp); add/sub/mul/div/neg are in Tensor.Arithmetic.cs.
public sealed partial class Tensor
{
    public Tensor abs() => Wrap(Native.eop_abs(Handle));
    public Tensor sqrt() => Wrap(Native.eop_sqrt(Handle));
    public Tensor rsqrt() => Wrap(Native.eop_rsqrt(Handle));
    public Tensor exp() => Wrap(Native.eop_exp(Handle));
    public Tensor log() => Wrap(Native.eop_log(Handle));
    public Tensor log1p() => Wrap(Native.eop_log1p(Handle));
    public Tensor expm1() => Wrap(Native.eop_expm1(Handle));
    public Tensor square() => Wrap(Native.eop_square(Handle));
    public Tensor sin() => Wrap(Native.eop_sin(Handle));
    public Tensor cos() => Wrap(Native.eop_cos(Handle));
    public Tensor tan() => Wrap(Native.eop_tan(Handle));
    public Tensor atan() => Wrap(Native.eop_atan(Handle));
    public Tensor tanh() => Wrap(Native.eop_tanh(Handle));
    public Tensor sigmoid() => Wrap(Native.eop_sigmoid(Handle));
    public Tensor sign() => Wrap(Native.eop_sign(Handle));
    public Tensor floor() => Wrap(Native.eop_floor(Handle));
    public Tensor ceil() => Wrap(Native.eop_ceil(Handle));
    public Tensor trunc() => Wrap(Native.eop_trunc(Handle));
    public Tensor frac() => Wrap(Native.eop_frac(Handle));
    public Tensor reciprocal() => Wrap(Native.eop_reciprocal(Handle));

    /// <summary>Rounds half to even; with decimals, to that many decimal places (negative: tens, hundreds...).</summary>
    public Tensor round(long decimals = 0) => Wrap(Native.eop_round(Handle, decimals));

    /// <summary>The angle of (other, this), as atan(this / other) in the right quadrant.</summary>
    public Tensor atan2(Tensor other) => Wrap(Native.eop_atan2(Handle, other.Handle));

    public Tensor pow(Tensor exponent) => Wrap(Native.eop_pow(Handle, exponent.Handle));
    public Tensor pow(double exponent) => Wrap(Native.eop_pow_scalar(Handle, exponent));

    /// <summary>C's fmod: the remainder has the sign of the dividend.</summary>
    public Tensor fmod(Tensor other) => Wrap(Native.eop_fmod(Handle, other.Handle));
    public Tensor fmod(double other) => Wrap(Native.eop_fmod_scalar(Handle, other));

    /// <summary>Python's %: the remainder has the sign of the divisor.</summary>
    public Tensor remainder(Tensor other) => Wrap(Native.eop_remainder(Handle, other.Handle));
    public Tensor remainder(double other) => Wrap(Native.eop_remainder_scalar(Handle, other));

    /// <summary>Element-wise maximum; NaN wins.</summary>
    public Tensor maximum(Tensor other) => Wrap(Native.eop_maximum(Handle, other.Handle));

    /// <summary>Element-wise minimum; NaN wins.</summary>
    public Tensor minimum(Tensor other) => Wrap(Native.eop_minimum(Handle, other.Handle));

    /// <summary>this + value * tensor1 * tensor2.</summary>
    public Tensor addcmul(Tensor tensor1, Tensor tensor2, double value = 1) =>
        Wrap(Native.eop_addcmul(Handle, tensor1.Handle, tensor2.Handle, value));

    /// <summary>this + value * tensor1 / tensor2.</summary>
    public Tensor addcdiv(Tensor tensor1, Tensor tensor2, double value = 1) =>
        Wrap(Native.eop_addcdiv(Handle, tensor1.Handle, tensor2.Handle, value));

    /// <summary>this + weight * (end - this).</summary>
    public Tensor lerp(Tensor end, double weight) => Wrap(Native.eop_lerp(Handle, end.Handle, weight));
    public Tensor lerp(Tensor end, Tensor weight) => Wrap(Native.eop_lerp_tensor(Handle, end.Handle, weight.Handle));

    /// <summary>Limits values to [min, max]; a null bound is open, but one must be given.</summary>
    public Tensor clamp(double? min = null, double? max = null) =>
        Wrap(Native.eop_clamp(Handle, Args.Flag(min.HasValue), min ?? 0, Args.Flag(max.HasValue), max ?? 0));

    /// <summary>Limits values element-wise to [min, max] (broadcast); a null bound is open.</summary>
    public Tensor clamp(Tensor? min, Tensor? max = null) =>
        Wrap(Native.eop_clamp_tensor(Handle, Args.HandleOrZero(min), Args.HandleOrZero(max)));

    public Tensor clamp_min(double min) => Wrap(Native.eop_clamp_min(Handle, min));
    public Tensor clamp_min(Tensor min) => Wrap(Native.eop_clamp_min_tensor(Handle, min.Handle));
    public Tensor clamp_max(double max) => Wrap(Native.eop_clamp_max(Handle, max));
    public Tensor clamp_max(Tensor max) => Wrap(Native.eop_clamp_max_tensor(Handle, max.Handle));

    /// <summary>Replaces NaN by <paramref name="nan"/> and ±inf by the given values (by the dtype's extremes when null).</summary>
    public Tensor nan_to_num(double nan = 0, double? posinf = null, double? neginf = null) =>
        Wrap(Native.eop_nan_to_num(Handle, nan, Args.Flag(posinf.HasValue), posinf ?? 0, Args.Flag(neginf.HasValue), neginf ?? 0));
}
