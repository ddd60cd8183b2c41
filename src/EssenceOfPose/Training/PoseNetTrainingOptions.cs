using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Models;

namespace EssenceOfPose.Training;

/// <summary>How the weights start: He et al. (the default for training here) or the prototxts' gaussian fillers.</summary>
public enum WeightInit { He, Caffe }

/// <summary>
/// Which optimiser trains PoseNet: the original's SGD, or Adam (weight decay added to the
/// gradient, as torch.optim.Adam) or AdamW (decay decoupled from the adaptive step) as options.
/// </summary>
public enum PoseSolver { Sgd, Adam, AdamW }

/// <summary>
/// How <c>eop train posenet</c> trains. Defaults are the original solver (FACTS.md): SGD with
/// momentum 0.9, base lr 0.001 stepped down by 0.5, weight decay 0.0005 on weights only (biases:
/// lr ×2, no decay, as the prototxts' param blocks), gradient clipping 10; the L1 pose loss with
/// weight 10 on matching pairs plus the softmax matching loss. The original used batch 256 on a
/// GPU; <see cref="Quick"/> and <see cref="Full"/> size the run for 2 CPU cores.
/// </summary>
public sealed record PoseNetTrainingOptions
{
    public string Architecture { get; init; } = PoseNet.Name;
    public PoseLabelKind LabelKind { get; init; } = PoseLabelKind.Dof6;
    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 64;
    public PoseSolver Solver { get; init; } = PoseSolver.Sgd;
    /// <summary>He by default: the prototxts' fillers (std 0.01) barely train in CPU-sized runs (see <see cref="SiameseNet.HeInit"/>).</summary>
    public WeightInit Init { get; init; } = WeightInit.He;
    public double BaseLr { get; init; } = 0.001;
    public double Momentum { get; init; } = 0.9;
    /// <summary>Iterations between learning-rate steps (Caffe's stepsize).</summary>
    public int StepSize { get; init; } = 4000;
    public double Gamma { get; init; } = 0.5;
    public double WeightDecay { get; init; } = 0.0005;
    public double ClipNorm { get; init; } = 10;
    public double PoseLossWeight { get; init; } = 10;
    public double PositiveFraction { get; init; } = 0.5;
    /// <summary>
    /// Draw fresh non-matching pairs for every epoch after the first (seeded by the seed and the
    /// epoch, so a resumed run draws the same). The original sampled its negatives from millions of
    /// targets; a city of a thousand has a few thousand negatives, and drawing them once lets the
    /// network learn those pairs rather than what tells views apart.
    /// </summary>
    public bool ResampleNegatives { get; init; } = true;
    /// <summary>Mirror pairs (labels mirrored) and jitter each image's exposure and colour (<see cref="PairAugmentation"/>).</summary>
    public bool Augment { get; init; }
    /// <summary>Start from the weights of this checkpoint (same architecture and pose labels) instead of a fresh initialisation: fine-tuning.</summary>
    public string? InitFrom { get; init; }
    /// <summary>
    /// Keep the tower frozen through this tap (after its activation; needs <see cref="InitFrom"/>) and
    /// train only the layers above it, on codes computed once (<see cref="FrozenCodes"/>). The
    /// network then gives the starting checkpoint's codes up to the tap, bit for bit, so the
    /// generators trained on them still invert it (<see cref="Models.CodeLineage"/>); the channel
    /// mean and label statistics are the starting checkpoint's. With <see cref="Augment"/> the
    /// mirror and the photometric jitter come from four cached variants of each view.
    /// </summary>
    public string? FreezeThrough { get; init; }
    public int Seed { get; init; } = 1;
    /// <summary>Steps between resumable checkpoints (atomic; <c>--resume</c> continues from the last).</summary>
    public int CheckpointEvery { get; init; } = 500;
    public double TestFraction { get; init; } = 0.2;
    public double SplitMinDistanceMetres { get; init; } = 100;
    /// <summary>Grid cell of the geographic split; cells are assigned whole to train or test.</summary>
    public double SplitCellMetres { get; init; } = 250;
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>cpu, cuda or cuda:N (a CUDA build of TorchSharp; see environment.md).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Minutes on 2 CPU cores: a smoke test of the whole pipeline.</summary>
    public static PoseNetTrainingOptions Quick => new() { Epochs = 2, BatchSize = 16, CheckpointEvery = 50 };

    /// <summary>The run behind the shipped weights (about an hour on 2 CPU cores for 1,000 targets).</summary>
    public static PoseNetTrainingOptions Full => new();
}
