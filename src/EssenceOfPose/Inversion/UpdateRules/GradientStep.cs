namespace EssenceOfPose.Inversion;

/// <summary>
/// Plain gradient steps, x ← x − η·∂loss/∂x (gradient ascent on the activation, the loss being its
/// negative), as Yosinski et al. (2015; deep-visualization-toolbox, gradient_optimizer.py) take them.
/// With <see cref="DesiredProgress"/> set, their "progress" policy: η = min(max_lr, desired / ‖g‖²),
/// the step that would change the objective by <c>desired</c> to first order, capped at
/// <see cref="LearningRate"/> = max_lr; ‖g‖ is taken per image, so every image of a batch gets its
/// own η as if it ran alone. Without it, η = <see cref="LearningRate"/> (their "constant" policy).
/// </summary>
internal sealed record GradientStep(double LearningRate, double? DesiredProgress = null) : UpdateRule
{
    public override string Name => DesiredProgress is { } d
        ? $"gradient(progress={Objective.FormatNumber(d)},max_lr={Objective.FormatNumber(LearningRate)})"
        : $"gradient(lr={Objective.FormatNumber(LearningRate)})";

    internal override IUpdater Create(IReadOnlyList<Tensor> parameters)
    {
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be positive");
        if (DesiredProgress is { } d && !(d > 0)) throw new ArgumentOutOfRangeException(nameof(DesiredProgress), d, "the desired progress must be positive");
        return new Updater(this, parameters);
    }

    sealed class Updater(GradientStep rule, IReadOnlyList<Tensor> parameters) : IUpdater
    {
        public void Step(IReadOnlyList<Tensor> gradients)
        {
            using var _ = torch.no_grad();
            if (rule.DesiredProgress is not { } desired)
            {
                for (var i = 0; i < parameters.Count; i++) parameters[i].add_(gradients[i], -rule.LearningRate);
                return;
            }
            // ‖g‖² per image over every leaf; a zero gradient takes the capped rate (and moves nothing).
            Tensor? sq = null;
            foreach (var g in gradients)
            {
                var s = g.square().flatten(1).sum(1);
                sq = sq is null ? s : sq + s;
            }
            var lr = (desired / sq!).clamp_max(rule.LearningRate);
            for (var i = 0; i < parameters.Count; i++)
            {
                var shape = new long[gradients[i].dim()];
                Array.Fill(shape, 1L);
                shape[0] = -1;
                parameters[i].sub_(gradients[i] * lr.view(shape));
            }
        }

        public void Dispose() { }
    }
}
