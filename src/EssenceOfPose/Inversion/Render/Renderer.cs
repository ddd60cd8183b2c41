using System.Diagnostics;
using EssenceOfPose.Models;

namespace EssenceOfPose.Inversion;

/// <summary>
/// The one render loop (Lucid's <c>render_vis</c>, the lower level under <see cref="Inverter"/> and
/// <see cref="NeuronImages"/>). Per phase: make the phase's image from the previous one (its
/// <see cref="RenderPhase.Entry"/>, at its size) and parameterise it; then every step,
/// inside its own dispose scope: (canvas shift) → image → transform → objective per term → gradient of the
/// summed loss with respect to the leaves → optimiser step → (shift back) → step-wise regularisers → snapshot.
/// Only the leaves, the optimiser state and what is kept (history numbers, snapshots) outlive a
/// step, so memory does not grow with the number of steps. The model's weights receive no
/// gradient (torch.autograd.grad asks only for the leaves).
/// </summary>
public static class Renderer
{
    /// <summary>Runs <paramref name="plan"/>; the result's tensors join the caller's current dispose scope.</summary>
    public static RenderResult Run(SiameseNet model, RenderPlan plan, Generator generator, IProgress<RenderProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(generator);
        if (plan.Phases.Count == 0) throw new ArgumentException("a render plan needs at least one phase");
        if (plan.Phases.Any(p => p.Steps < 0)) throw new ArgumentException("a phase cannot have negative steps");
        var start = plan.Start;
        if (start.dim() != 4 || start.size(1) != 3 || start.size(2) != start.size(3))
            throw new ArgumentException($"the start image must be a square batch [N,3,S,S]; got [{string.Join(", ", start.shape)}]");
        var inputSize = plan.InputSize ?? start.size(2) - plan.Phases[0].Transform.Margin;
        if (inputSize < 1) throw new ArgumentException($"the start image ({start.size(2)} px) is smaller than the first phase's margin ({plan.Phases[0].Transform.Margin} px)");
        if (plan.Phases.Any(p => p.Size < 1)) throw new ArgumentException("a phase's image is at least one pixel");

        var terms = plan.Objective.Terms;
        var names = UniqueNames(terms.Select(t => t.Name));
        var history = terms.Select(_ => new List<double[]>()).ToArray();
        var wanted = new HashSet<int>(plan.SnapshotSteps);
        var total = plan.TotalSteps;
        var clock = Stopwatch.StartNew();

        using var run = torch.NewDisposeScope();
        var snapshots = new List<Snapshot>();
        var phaseImages = new List<Tensor>();
        var current = start.detach();
        if (wanted.Contains(0)) snapshots.Add(new Snapshot(0, Fit(current, inputSize).clone()));
        var step = 0;
        for (var k = 0; k < plan.Phases.Count; k++)
        {
            var phase = plan.Phases[k];
            var size = phase.Size ?? inputSize + phase.Transform.Margin;
            Tensor first;
            using (torch.no_grad()) first = (phase.Entry ?? PhaseEntry.Fit).Enter(current, size);
            using var image = plan.Parameterisation.Create(first);
            using var updater = phase.Rule.Create(image.Parameters);
            var needImageGradient = phase.StepRegularisers.Any(r => r.NeedsGradient);
            for (var t = 0; t < phase.Steps; t++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var values = Step(model, plan, image, updater, phase, generator, phase.Size is null ? inputSize : null, step, t, needImageGradient);
                for (var i = 0; i < values.Length; i++) history[i].Add(values[i]);
                step++;
                if (wanted.Contains(step)) snapshots.Add(new Snapshot(step, scope.MoveToOuter(Fit(image.Image().detach(), inputSize).clone())));
                progress?.Report(new RenderProgress(step, total, k, values.Sum(v => v.Average()),
                    names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => values[p.i].Average()), clock.Elapsed));
            }
            using (torch.no_grad()) current = image.Image().detach().clone();
            phaseImages.Add(current);
        }
        var final = Fit(current, inputSize).clone();
        clock.Stop();

        run.MoveToOuter(final);
        foreach (var s in snapshots) run.MoveToOuter(s.Images);
        foreach (var p in phaseImages) run.MoveToOuter(p);
        return new RenderResult(final, snapshots, names, history.Select(h => h.ToArray()).ToArray(), clock.Elapsed) { PhaseImages = phaseImages };
    }

    /// <summary>
    /// One optimisation step; returns every term's loss per image, as evaluated before the update.
    /// The transforms must give <paramref name="inputSize"/> where it is known (a phase of its own
    /// <see cref="RenderPhase.Size"/> feeds the network what its transforms give).
    /// </summary>
    static double[][] Step(SiameseNet model, RenderPlan plan, IParameterisedImage image, IUpdater updater, RenderPhase phase, Generator generator,
        long? inputSize, int step, int phaseStep, bool needImageGradient)
    {
        var shift = phase.CanvasShift?.Draw(generator);
        if (shift is not null) Move(image, shift);
        var x = image.Image();
        var input = phase.Transform.Apply(x, generator);
        if (inputSize is not null && (input.size(2) != inputSize || input.size(3) != inputSize))
            throw new InvalidOperationException($"the transforms gave a {input.size(2)}×{input.size(3)} input; the network input is {inputSize}×{inputSize}");
        var context = new RenderContext(model, x, input, step) { GradientLeak = plan.GradientLeak };
        var losses = plan.Objective.EvaluateTerms(context);
        var sum = losses[0];
        for (var i = 1; i < losses.Length; i++) sum = sum + losses[i];

        var leaves = image.Parameters;
        var imageIsLeaf = leaves.Count == 1 && ReferenceEquals(leaves[0], x);
        var inputs = needImageGradient && !imageIsLeaf ? [.. leaves, x] : leaves.ToArray();
        var gradients = torch.autograd.grad([sum.sum()], inputs);
        var values = losses.Select(l => l.detach().to(ScalarType.Float64).ToArray<double>()).ToArray();

        updater.Step(gradients.Take(leaves.Count).Select(g => g!).ToArray());
        if (shift is not null) Move(image, [-shift[0], -shift[1]]);
        if (phase.StepRegularisers.Count > 0)
        {
            using var _ = torch.no_grad();
            var imageGradient = needImageGradient ? gradients[imageIsLeaf ? 0 : leaves.Count] : null;
            var y = image.Image().detach();
            foreach (var r in phase.StepRegularisers) y = r.Apply(y, imageGradient, phaseStep);
            image.SetImage(y);
        }
        return values;
    }

    /// <summary>Rolls the image itself by <paramref name="shift"/> (rows, columns), without autograd.</summary>
    static void Move(IParameterisedImage image, long[] shift)
    {
        using var _ = torch.no_grad();
        image.SetImage(image.Image().detach().roll(shift, Roll.Axes));
    }

    /// <summary>
    /// The centre <paramref name="size"/>² of a batch, or the batch zero-padded to it (Mahendran &amp;
    /// Vedaldi place an initial image at offset ⌊(J − 1)/2⌋ of the larger jittered canvas).
    /// </summary>
    internal static Tensor Fit(Tensor images, long size)
    {
        var have = images.size(2);
        if (have == size) return images;
        if (have > size)
        {
            var o = (have - size) / 2;
            return images.narrow(2, o, size).narrow(3, o, size);
        }
        var before = (size - have) / 2;
        var after = size - have - before;
        return F.pad(images, [before, after, before, after]);
    }

    /// <summary>Term names, with "#2", "#3" … appended where two different terms print alike.</summary>
    internal static string[] UniqueNames(IEnumerable<string> names)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<string>();
        foreach (var n in names)
        {
            var count = seen.GetValueOrDefault(n) + 1;
            seen[n] = count;
            unique.Add(count == 1 ? n : $"{n}#{count}");
        }
        return unique.ToArray();
    }
}
