namespace EssenceOfPose.Inversion;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015), the optimiser of Lucid's <c>render_vis</c> (lr 0.05 there), through
/// TorchSharp's <see cref="Adam"/>. It normalises each element's step, so images of a batch do
/// not interact.
/// </summary>
internal sealed record AdamStep(double LearningRate = 0.05, double Beta1 = 0.9, double Beta2 = 0.999, double Epsilon = 1e-8) : UpdateRule
{
    public override string Name => $"adam(lr={Objective.FormatNumber(LearningRate)})";

    internal override IUpdater Create(IReadOnlyList<Tensor> parameters) =>
        new Updater(torch.optim.Adam(parameters.Select(p => p as Parameter
            ?? throw new ArgumentException("Adam steps Parameters; every parameterisation makes its leaves Parameters")), LearningRate, Beta1, Beta2, Epsilon), parameters);

    sealed class Updater(Adam adam, IReadOnlyList<Tensor> parameters) : IUpdater
    {
        public void Step(IReadOnlyList<Tensor> gradients)
        {
            for (var i = 0; i < parameters.Count; i++) parameters[i].grad = gradients[i];
            adam.step();
            // No gradient kept between steps (PyTorch's zero_grad(set_to_none=True)).
            foreach (var p in parameters) p.grad = null;
        }

        public void Dispose() => adam.Dispose();
    }
}
