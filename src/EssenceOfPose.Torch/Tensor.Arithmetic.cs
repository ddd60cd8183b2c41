namespace EssenceOfPose.Torch;

// Arithmetic and its C# operators (native/src/arith.cpp).
public sealed partial class Tensor
{
    public Tensor add(Tensor other, double alpha = 1) => Wrap(Native.eop_add(Handle, other.Handle, alpha));
    public Tensor add(double other) => Wrap(Native.eop_add_scalar(Handle, other));
    public Tensor sub(Tensor other, double alpha = 1) => Wrap(Native.eop_sub(Handle, other.Handle, alpha));
    public Tensor sub(double other) => Wrap(Native.eop_add_scalar(Handle, -other));
    public Tensor mul(Tensor other) => Wrap(Native.eop_mul(Handle, other.Handle));
    public Tensor mul(double other) => Wrap(Native.eop_mul_scalar(Handle, other));
    public Tensor div(Tensor other) => Wrap(Native.eop_div(Handle, other.Handle));
    public Tensor div(double other) => Wrap(Native.eop_div_scalar(Handle, other));
    public Tensor neg() => Wrap(Native.eop_neg(Handle));
    public Tensor matmul(Tensor other) => Wrap(Native.eop_matmul(Handle, other.Handle));
    public Tensor mm(Tensor other) => Wrap(Native.eop_mm(Handle, other.Handle));

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, double b) => a.add(b);
    public static Tensor operator +(double a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, double b) => a.sub(b);
    public static Tensor operator -(double a, Tensor b) => Wrap(Native.eop_rsub_scalar(b.Handle, a));
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, double b) => a.mul(b);
    public static Tensor operator *(double a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, double b) => a.div(b);
    public static Tensor operator /(double a, Tensor b) => Wrap(Native.eop_rdiv_scalar(b.Handle, a));
    public static Tensor operator -(Tensor a) => a.neg();
}
