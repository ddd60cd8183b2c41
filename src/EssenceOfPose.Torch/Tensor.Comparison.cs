namespace EssenceOfPose.Torch;

// Comparisons, logic and selection (native/src/elementwise.cpp). Comparisons give bool tensors.
// The operators <, >, <=, >= compare element-wise; == and != keep reference equality, so use
// eq/ne for element-wise equality. &, |, ^ and ~ are PyTorch's bitwise operators, which on
// bool tensors are the logical ones.
public sealed partial class Tensor
{
    public Tensor eq(Tensor other) => Wrap(Native.eop_eq(Handle, other.Handle));
    public Tensor eq(double other) => Wrap(Native.eop_eq_scalar(Handle, other));
    public Tensor ne(Tensor other) => Wrap(Native.eop_ne(Handle, other.Handle));
    public Tensor ne(double other) => Wrap(Native.eop_ne_scalar(Handle, other));
    public Tensor lt(Tensor other) => Wrap(Native.eop_lt(Handle, other.Handle));
    public Tensor lt(double other) => Wrap(Native.eop_lt_scalar(Handle, other));
    public Tensor le(Tensor other) => Wrap(Native.eop_le(Handle, other.Handle));
    public Tensor le(double other) => Wrap(Native.eop_le_scalar(Handle, other));
    public Tensor gt(Tensor other) => Wrap(Native.eop_gt(Handle, other.Handle));
    public Tensor gt(double other) => Wrap(Native.eop_gt_scalar(Handle, other));
    public Tensor ge(Tensor other) => Wrap(Native.eop_ge(Handle, other.Handle));
    public Tensor ge(double other) => Wrap(Native.eop_ge_scalar(Handle, other));

    public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
    public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
    public static Tensor operator <(Tensor a, double b) => a.lt(b);
    public static Tensor operator >(Tensor a, double b) => a.gt(b);
    public static Tensor operator <=(Tensor a, double b) => a.le(b);
    public static Tensor operator >=(Tensor a, double b) => a.ge(b);
    public static Tensor operator <(double a, Tensor b) => b.gt(a);
    public static Tensor operator >(double a, Tensor b) => b.lt(a);
    public static Tensor operator <=(double a, Tensor b) => b.ge(a);
    public static Tensor operator >=(double a, Tensor b) => b.le(a);

    public Tensor isnan() => Wrap(Native.eop_isnan(Handle));
    public Tensor isinf() => Wrap(Native.eop_isinf(Handle));
    public Tensor isfinite() => Wrap(Native.eop_isfinite(Handle));

    /// <summary>Logical ops treat non-zero as true and give bool tensors.</summary>
    public Tensor logical_and(Tensor other) => Wrap(Native.eop_logical_and(Handle, other.Handle));
    public Tensor logical_or(Tensor other) => Wrap(Native.eop_logical_or(Handle, other.Handle));
    public Tensor logical_xor(Tensor other) => Wrap(Native.eop_logical_xor(Handle, other.Handle));
    public Tensor logical_not() => Wrap(Native.eop_logical_not(Handle));

    /// <summary>Bitwise ops work on integer and bool tensors only.</summary>
    public Tensor bitwise_and(Tensor other) => Wrap(Native.eop_bitwise_and(Handle, other.Handle));
    public Tensor bitwise_or(Tensor other) => Wrap(Native.eop_bitwise_or(Handle, other.Handle));
    public Tensor bitwise_xor(Tensor other) => Wrap(Native.eop_bitwise_xor(Handle, other.Handle));
    public Tensor bitwise_not() => Wrap(Native.eop_bitwise_not(Handle));

    public static Tensor operator &(Tensor a, Tensor b) => a.bitwise_and(b);
    public static Tensor operator |(Tensor a, Tensor b) => a.bitwise_or(b);
    public static Tensor operator ^(Tensor a, Tensor b) => a.bitwise_xor(b);
    public static Tensor operator ~(Tensor a) => a.bitwise_not();

    /// <summary>this where <paramref name="condition"/> holds, else <paramref name="other"/> (PyTorch's x.where(cond, y)).</summary>
    public Tensor where(Tensor condition, Tensor other) => torch.where(condition, this, other);
    public Tensor where(Tensor condition, double other) => torch.where(condition, this, other);
}
