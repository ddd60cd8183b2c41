using EssenceOfPose.Models;

namespace EssenceOfPose.Attribution;

/// <summary>
/// Image-specific saliency of Simonyan, Vedaldi and Zisserman, "Deep Inside Convolutional
/// Networks: Visualising Image Classification Models and Saliency Maps" (ICLR workshop 2014,
/// sec. 3.1): M_ij = max_c |∂S/∂I_ijc|, the magnitude of the score's gradient at the input image,
/// maximised over the colour channels. Captum's <c>Saliency</c> stops at |∂S/∂I| per channel;
/// the max is the paper's. For a siamese network S is a score of the pair
/// (<see cref="SaliencyTarget"/>), and one backward pass gives the maps of both images.
/// </summary>
/// <remarks>
/// A batch is explained in one pass: the gradient of Σₙ Sₙ with respect to image n is ∂Sₙ/∂Iₙ,
/// since no layer of these networks mixes the items of a batch. The model runs in whatever mode
/// it is in; PoseNet has no dropout or batch norm, so the mode does not matter for it.
/// </remarks>
public static class Saliency
{
    /// <summary>
    /// Saliency maps of both images of N pairs, <paramref name="first"/> and <paramref name="second"/>
    /// [N,3,H,W] in the model's input space, for the score <paramref name="target"/>.
    /// </summary>
    public static AttributionResult ForPair(SiameseNet model, Tensor first, Tensor second, SaliencyTarget target)
    {
        var (maps, scores) = Of(x =>
        {
            var (pose, logits) = model.forward(x[0], x[1]);
            return target.Score(pose, logits);
        }, [first, second]);
        return new AttributionResult($"saliency of {target.Name}", maps, scores);
    }

    /// <summary>
    /// The saliency map [N,H,W] of a batch <paramref name="input"/> [N,C,H,W] for a score that
    /// returns one value per item ([N]) or one value for the whole batch (a scalar).
    /// </summary>
    public static Tensor SaliencyOf(Func<Tensor, Tensor> score, Tensor input) => Of(x => score(x[0]), [input]).Maps[0];

    /// <summary>The core: maps of every input from one backward pass of Σ score, and the score per item.</summary>
    internal static (Tensor[] Maps, double[] Scores) Of(Func<Tensor[], Tensor> score, Tensor[] inputs)
    {
        foreach (var x in inputs)
            if (x.dim() != 4) throw new ArgumentException($"saliency needs image batches [N,C,H,W]; got [{string.Join(", ", x.shape)}]");
        using var scope = torch.NewDisposeScope();
        using var enabled = torch.enable_grad();
        var leaves = inputs.Select(x => x.detach().requires_grad_()).ToArray();
        var s = score(leaves);
        var n = inputs[0].size(0);
        if (s.dim() > 1 || (s.dim() == 1 && s.size(0) != n))
            throw new ArgumentException($"a saliency score is one value per item ([{n}]) or a scalar; got [{string.Join(", ", s.shape)}]");
        var grads = torch.autograd.grad([s.sum()], leaves);
        var maps = grads.Select(g => scope.MoveToOuter(g!.abs().amax(1))).ToArray();
        var scores = s.detach().to(ScalarType.Float64).reshape(-1).ToArray<double>();
        return (maps, scores);
    }
}
