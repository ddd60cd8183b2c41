using EssenceOfPose.Data.SyntheticCity;
using EssenceOfPose.Training;

namespace EssenceOfPose.Tests.Training;

/// <summary>A small synthetic city rendered once per test class: 4×4 blocks, 24 targets, 64-pixel views.</summary>
public sealed class TinyCity : IDisposable
{
    public TinyCity()
    {
        Root = Directory.CreateTempSubdirectory("eop-tinycity-").FullName;
        SyntheticCityGenerator.Generate(new SyntheticCityOptions { Targets = 24, ImageSize = 64, BlocksX = 4, BlocksY = 4, Seed = 5 }, Root);
    }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>PoseNet training sized for <see cref="TinyCity"/>: a few seconds a run on one thread.</summary>
public static class TinyTraining
{
    public static PoseNetTrainingOptions Options => PoseNetTrainingOptions.Quick with
    {
        Epochs = 3,
        BatchSize = 8,
        Solver = PoseSolver.Adam,
        BaseLr = 1e-3,
        CheckpointEvery = 2,
        SplitCellMetres = 60,
        SplitMinDistanceMetres = 20,
        TestFraction = 0.3,
        Threads = 1,
    };

    /// <summary>The city split as <see cref="Options"/> splits it.</summary>
    public static PoseNetData Data(TinyCity city) => PoseNetData.Load(city.Root, SplitSpec.From(Options));
}

/// <summary>Cancels a training run when it reports <paramref name="step"/>: the "kill" of the resume tests.</summary>
public sealed class StopAtStep(CancellationTokenSource cts, int step) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        if (value.Step == step) cts.Cancel();
    }
}
