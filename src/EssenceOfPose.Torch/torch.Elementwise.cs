namespace EssenceOfPose.Torch;

// torch.* forms of the element-wise Tensor methods (Tensor.Elementwise.cs, Tensor.Comparison.cs).
public static partial class torch
{
    public static Tensor abs(Tensor input) => input.abs();
    public static Tensor sqrt(Tensor input) => input.sqrt();
    public static Tensor rsqrt(Tensor input) => input.rsqrt();
    public static Tensor exp(Tensor input) => input.exp();
    public static Tensor log(Tensor input) => input.log();
    public static Tensor log1p(Tensor input) => input.log1p();
    public static Tensor expm1(Tensor input) => input.expm1();
    public static Tensor square(Tensor input) => input.square();
    public static Tensor sin(Tensor input) => input.sin();
    public static Tensor cos(Tensor input) => input.cos();
    public static Tensor tan(Tensor input) => input.tan();
    public static Tensor atan(Tensor input) => input.atan();
    public static Tensor tanh(Tensor input) => input.tanh();
    public static Tensor sigmoid(Tensor input) => input.sigmoid();
    public static Tensor sign(Tensor input) => input.sign();
    public static Tensor floor(Tensor input) => input.floor();
    public static Tensor ceil(Tensor input) => input.ceil();
    public static Tensor trunc(Tensor input) => input.trunc();
    public static Tensor frac(Tensor input) => input.frac();
    public static Tensor reciprocal(Tensor input) => input.reciprocal();
    public static Tensor isnan(Tensor input) => input.isnan();
    public static Tensor isinf(Tensor input) => input.isinf();
    public static Tensor isfinite(Tensor input) => input.isfinite();
    public static Tensor logical_not(Tensor input) => input.logical_not();
    public static Tensor bitwise_not(Tensor input) => input.bitwise_not();
    public static Tensor round(Tensor input, long decimals = 0) => input.round(decimals);

    public static Tensor pow(Tensor input, Tensor exponent) => input.pow(exponent);
    public static Tensor pow(Tensor input, double exponent) => input.pow(exponent);

    /// <summary>self raised to each exponent.</summary>
    public static Tensor pow(double self, Tensor exponent) => Tensor.Wrap(Native.eop_pow_scalar_base(self, exponent.Handle));

    public static Tensor atan2(Tensor input, Tensor other) => input.atan2(other);
    public static Tensor maximum(Tensor input, Tensor other) => input.maximum(other);
    public static Tensor minimum(Tensor input, Tensor other) => input.minimum(other);
    public static Tensor logical_and(Tensor input, Tensor other) => input.logical_and(other);
    public static Tensor logical_or(Tensor input, Tensor other) => input.logical_or(other);
    public static Tensor logical_xor(Tensor input, Tensor other) => input.logical_xor(other);
    public static Tensor bitwise_and(Tensor input, Tensor other) => input.bitwise_and(other);
    public static Tensor bitwise_or(Tensor input, Tensor other) => input.bitwise_or(other);
    public static Tensor bitwise_xor(Tensor input, Tensor other) => input.bitwise_xor(other);
    public static Tensor fmod(Tensor input, Tensor other) => input.fmod(other);
    public static Tensor fmod(Tensor input, double other) => input.fmod(other);
    public static Tensor remainder(Tensor input, Tensor other) => input.remainder(other);
    public static Tensor remainder(Tensor input, double other) => input.remainder(other);
    public static Tensor eq(Tensor input, Tensor other) => input.eq(other);
    public static Tensor eq(Tensor input, double other) => input.eq(other);
    public static Tensor ne(Tensor input, Tensor other) => input.ne(other);
    public static Tensor ne(Tensor input, double other) => input.ne(other);
    public static Tensor lt(Tensor input, Tensor other) => input.lt(other);
    public static Tensor lt(Tensor input, double other) => input.lt(other);
    public static Tensor le(Tensor input, Tensor other) => input.le(other);
    public static Tensor le(Tensor input, double other) => input.le(other);
    public static Tensor gt(Tensor input, Tensor other) => input.gt(other);
    public static Tensor gt(Tensor input, double other) => input.gt(other);
    public static Tensor ge(Tensor input, Tensor other) => input.ge(other);
    public static Tensor ge(Tensor input, double other) => input.ge(other);

    public static Tensor addcmul(Tensor input, Tensor tensor1, Tensor tensor2, double value = 1) => input.addcmul(tensor1, tensor2, value);
    public static Tensor addcdiv(Tensor input, Tensor tensor1, Tensor tensor2, double value = 1) => input.addcdiv(tensor1, tensor2, value);
    public static Tensor lerp(Tensor input, Tensor end, double weight) => input.lerp(end, weight);
    public static Tensor lerp(Tensor input, Tensor end, Tensor weight) => input.lerp(end, weight);
    public static Tensor clamp(Tensor input, double? min = null, double? max = null) => input.clamp(min, max);
    public static Tensor clamp(Tensor input, Tensor? min, Tensor? max = null) => input.clamp(min, max);
    public static Tensor clamp_min(Tensor input, double min) => input.clamp_min(min);
    public static Tensor clamp_max(Tensor input, double max) => input.clamp_max(max);
    public static Tensor nan_to_num(Tensor input, double nan = 0, double? posinf = null, double? neginf = null) => input.nan_to_num(nan, posinf, neginf);

    /// <summary>input where <paramref name="condition"/> holds, else other; all three broadcast together.</summary>
    public static Tensor where(Tensor condition, Tensor input, Tensor other) =>
        Tensor.Wrap(Native.eop_where(condition.Handle, input.Handle, other.Handle));

    public static Tensor where(Tensor condition, Tensor input, double other) =>
        Tensor.Wrap(Native.eop_where_scalar_other(condition.Handle, input.Handle, other));

    public static Tensor where(Tensor condition, double input, Tensor other) =>
        Tensor.Wrap(Native.eop_where_scalar_self(condition.Handle, input, other.Handle));

    public static Tensor where(Tensor condition, double input, double other) =>
        Tensor.Wrap(Native.eop_where_scalars(condition.Handle, input, other));
}
