using System.Text.Json.Serialization;

namespace EssenceOfPose.Inversion;

/// <summary>
/// A regulariser applied to the image between optimisation steps, x ← r(x), as Yosinski et al.
/// ("Understanding Neural Networks Through Deep Visualization", ICML DL workshop 2015) apply
/// decay, blur and clipping, and as Mahendran &amp; Vedaldi project onto their box constraint.
/// Records, so a run's options serialise to JSON.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(L2Decay), "l2_decay")]
[JsonDerivedType(typeof(GaussianBlur), "blur")]
[JsonDerivedType(typeof(SmallNormClip), "norm_clip")]
[JsonDerivedType(typeof(SmallContributionClip), "contribution_clip")]
[JsonDerivedType(typeof(BoxConstraint), "box")]
[JsonDerivedType(typeof(ChannelRange), "channel_range")]
public abstract record StepRegulariser
{
    /// <summary>A short readable name with the settings, e.g. "blur(σ=0.5,every=4)".</summary>
    public abstract string Name { get; }

    /// <summary>Whether <see cref="Apply"/> reads the last gradient with respect to the image.</summary>
    internal virtual bool NeedsGradient => false;

    /// <summary>
    /// The regularised image [N,3,H,W]. <paramref name="step"/> counts from 0 within the phase;
    /// <paramref name="gradient"/> is ∂loss/∂image of the step just taken (null unless
    /// <see cref="NeedsGradient"/>). Runs without autograd.
    /// </summary>
    internal abstract Tensor Apply(Tensor image, Tensor? gradient, int step);
}
