using System.Text.Json.Serialization;

namespace EssenceOfPose.Inversion;

/// <summary>
/// A random transform of the image before it enters the network (Lucid's <c>optvis.transform</c>):
/// an image must keep exciting the objective when shifted, scaled or rotated a little, which
/// suppresses the high-frequency patterns an unconstrained optimum is made of. Every image of
/// the batch draws its own parameters from the run's <see cref="Generator"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Jitter), "jitter")]
[JsonDerivedType(typeof(RandomScale), "scale")]
[JsonDerivedType(typeof(RandomRotate), "rotate")]
[JsonDerivedType(typeof(TransformChain), "chain")]
[JsonDerivedType(typeof(Roll), "roll")]
[JsonDerivedType(typeof(Resize), "resize")]
public abstract record Transform
{
    /// <summary>No transform: the network sees the image as it is.</summary>
    public static Transform None { get; } = new TransformChain([]);

    public abstract string Name { get; }

    /// <summary>How many pixels the transform removes from each side length (the image must be that much larger than the network input).</summary>
    public abstract int Margin { get; }

    /// <summary>The transformed batch; [N,3,H,W] → [N,3,H − Margin,W − Margin].</summary>
    internal abstract Tensor Apply(Tensor images, Generator generator);

    /// <summary>Chains two transforms: <c>a.Then(b)</c> applies a, then b.</summary>
    public Transform Then(Transform next) => new TransformChain([.. Parts(this), .. Parts(next)]);

    static IEnumerable<Transform> Parts(Transform t) => t is TransformChain c ? c.Steps : [t];
}
