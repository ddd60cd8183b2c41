using System.Text.Json.Serialization;

namespace EssenceOfPose.Inversion;

/// <summary>
/// How the optimised image is represented (Lucid's <c>optvis.param</c>): learnable leaf tensors
/// and a differentiable map from them to an image [N,3,H,W] in Caffe space. The record holds the
/// settings; <see cref="Create"/> makes the leaves for one run.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(PixelParameterisation), "pixels")]
[JsonDerivedType(typeof(FourierParameterisation), "fourier")]
public abstract record ImageParameterisation
{
    public abstract string Name { get; }

    /// <summary>Leaves that represent <paramref name="initial"/> exactly (up to rounding); they live until disposed.</summary>
    internal abstract IParameterisedImage Create(Tensor initial);
}

/// <summary>The leaves of one run and the image they make.</summary>
internal interface IParameterisedImage : IDisposable
{
    /// <summary>The learnable leaves (requires_grad); every one has the batch as its first dimension.</summary>
    IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The image [N,3,H,W], differentiable with respect to <see cref="Parameters"/>.</summary>
    Tensor Image();

    /// <summary>Sets the leaves, in place and without autograd, so that <see cref="Image"/> returns <paramref name="image"/>.</summary>
    void SetImage(Tensor image);
}
