namespace EssenceOfPose.Inversion;

/// <summary>
/// A gradient step of fixed length in units of the mean absolute gradient,
/// x ← x − η·g / mean|g| (google/deepdream's <c>make_step</c>: <c>src.data[:] += step_size /
/// np.abs(g).mean() * g</c>, ascending because the loss is the negated objective). The mean is
/// taken per image over every leaf, so the images of a batch do not scale each other's steps; it
/// is held at 10⁻²⁰ or more, so a gradient that is zero everywhere (a dead tap) leaves the image as
/// it is instead of dividing by zero.
/// </summary>
internal sealed record NormalisedStep(double StepSize) : UpdateRule
{
    public override string Name => $"normalised(step={Objective.FormatNumber(StepSize)})";

    internal override IUpdater Create(IReadOnlyList<Tensor> parameters)
    {
        if (!(StepSize >= 0) || double.IsInfinity(StepSize)) throw new ArgumentOutOfRangeException(nameof(StepSize), StepSize, "a step size is finite and 0 or more");
        return new Updater(this, parameters);
    }

    sealed class Updater(NormalisedStep rule, IReadOnlyList<Tensor> parameters) : IUpdater
    {
        public void Step(IReadOnlyList<Tensor> gradients)
        {
            using var _ = torch.no_grad();
            var scale = MeanMagnitude(gradients).clamp_min(1e-20);
            for (var i = 0; i < parameters.Count; i++)
            {
                var shape = new long[gradients[i].dim()];
                Array.Fill(shape, 1L);
                shape[0] = -1;
                // g · η / scale in this order, as the original computes it.
                parameters[i].sub_(gradients[i] * rule.StepSize / scale.view(shape));
            }
        }

        /// <summary>mean |g| per image [N]: over the one leaf's elements, or over all leaves' together.</summary>
        static Tensor MeanMagnitude(IReadOnlyList<Tensor> gradients)
        {
            if (gradients.Count == 1)
            {
                var g = gradients[0];
                return g.abs().mean([.. Enumerable.Range(1, (int)g.dim() - 1).Select(d => (long)d)]);
            }
            var sum = gradients.Select(g => g.abs().flatten(1).sum(1)).Aggregate((a, b) => a + b);
            return sum / gradients.Sum(g => g[0].numel());
        }

        public void Dispose() { }
    }
}
