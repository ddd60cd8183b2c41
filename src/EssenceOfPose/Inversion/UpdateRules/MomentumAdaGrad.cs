namespace EssenceOfPose.Inversion;

/// <summary>
/// Mahendran &amp; Vedaldi's optimiser (IJCV 2016, §"Optimisation": momentum 0.9 with an
/// AdaGrad-style normaliser), exactly as their released code updates (nnpreimage, core/nnpreimage.m,
/// <c>useAdagrad</c>), element-wise with g = ∂loss/∂x:
/// <code>
///   G ← μ·G + g²
///   v ← μ·v − g / (1/η + √G)        (= −η·g / (1 + η·√G))
///   x ← x + v
/// </code>
/// μ = <see cref="Momentum"/>, η = <see cref="LearningRate"/>. Their η is the number of pixels times
/// 0.05·B²/α (B = 80, α = 6), so 1/η is tiny and the step is nearly g/√G: about one unit per
/// element per step whatever the loss scale. G decays with μ rather than growing without bound.
/// State starts at zero for every phase (each phase is a fresh call in their code).
/// </summary>
internal sealed record MomentumAdaGrad(double LearningRate, double Momentum = 0.9) : UpdateRule
{
    public override string Name => $"momentum_adagrad(lr={Objective.FormatNumber(LearningRate)},μ={Objective.FormatNumber(Momentum)})";

    internal override IUpdater Create(IReadOnlyList<Tensor> parameters)
    {
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be positive");
        if (!(Momentum >= 0 && Momentum < 1)) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "momentum must be in [0, 1)");
        return new Updater(this, parameters);
    }

    sealed class Updater : IUpdater
    {
        readonly MomentumAdaGrad rule;
        readonly IReadOnlyList<Tensor> parameters;
        readonly Tensor[] accumulated, velocity;

        public Updater(MomentumAdaGrad rule, IReadOnlyList<Tensor> parameters)
        {
            this.rule = rule;
            this.parameters = parameters;
            using var _ = torch.no_grad();
            accumulated = parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
            velocity = parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        }

        public void Step(IReadOnlyList<Tensor> gradients)
        {
            using var _ = torch.no_grad();
            var mu = rule.Momentum;
            for (var i = 0; i < parameters.Count; i++)
            {
                var g = gradients[i];
                accumulated[i].mul_(mu).add_(g.square());
                velocity[i].mul_(mu).sub_(g / (accumulated[i].sqrt() + 1 / rule.LearningRate));
                parameters[i].add_(velocity[i]);
            }
        }

        public void Dispose()
        {
            foreach (var t in accumulated.Concat(velocity)) t.Dispose();
        }
    }
}
