using EssenceOfPose.Models;

namespace EssenceOfPose.Inversion;

/// <summary>
/// What an objective sees at one step: the model, the image being optimised (<see cref="Image"/>,
/// before the random transforms; regularisers read it) and what the network is fed
/// (<see cref="Input"/>, after them; unit and feature objectives read it through
/// <see cref="Tap"/>). Taps and the siamese heads are cached, so several objectives on one tap
/// run the tower once per step. A context lives for one step, inside that step's dispose scope.
/// </summary>
public sealed class RenderContext
{
    readonly Dictionary<TapName, Tensor> taps = [];
    readonly Dictionary<Tensor, (Tensor Pose, Tensor MatchLogits)> heads = new(ReferenceEqualityComparer.Instance);

    public RenderContext(SiameseNet model, Tensor image, Tensor input, int step = 0)
    {
        Model = model;
        Image = image;
        Input = input;
        Step = step;
        BatchSize = image.size(0);
        if (input.size(0) != BatchSize) throw new ArgumentException($"image batch {BatchSize} but input batch {input.size(0)}");
    }

    public SiameseNet Model { get; }

    /// <summary>The parameterised image [N,3,H',W'] in Caffe space, before transforms.</summary>
    public Tensor Image { get; }

    /// <summary>The network input [N,3,H,W]: <see cref="Image"/> after the step's transforms.</summary>
    public Tensor Input { get; }

    /// <summary>The step of the whole render (phases counted on), from 0.</summary>
    public int Step { get; }

    public long BatchSize { get; }

    /// <summary>The backward slope through dead activations for this step's taps (<see cref="SiameseNet.Tap(Tensor, TapName, double)"/>); 0 is the true gradient.</summary>
    public double GradientLeak { get; init; }

    /// <summary>The blob at <paramref name="tap"/> for <see cref="Input"/>, computed once per step.</summary>
    public Tensor Tap(TapName tap)
    {
        if (!taps.TryGetValue(tap, out var t)) taps[tap] = t = Model.Tap(Input, tap, GradientLeak);
        return t;
    }

    /// <summary>
    /// <c>pose_fc</c> and <c>ptch_fc</c> for the pairs (Input[i], partner[i]), computed once per step
    /// per partner batch (by reference).
    /// </summary>
    public (Tensor Pose, Tensor MatchLogits) Heads(Tensor partner)
    {
        if (!heads.TryGetValue(partner, out var h))
        {
            if (partner.size(0) != BatchSize)
                throw new ArgumentException($"partner batch has {partner.size(0)} images; the render batch has {BatchSize}");
            heads[partner] = h = Model.forward(Input, partner);
        }
        return h;
    }
}
