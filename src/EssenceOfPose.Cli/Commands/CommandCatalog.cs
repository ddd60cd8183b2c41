using System.CommandLine;

namespace EssenceOfPose.Cli;

/// <summary>Every verb group of `eop`, in the order `eop --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DatasetCommands.Create();
        yield return TrainCommand.Create();
        yield return EvalCommand.Create();
        yield return ImportCommand.Create();
        yield return InvertCommand.Create();
        yield return UgnCommands.Reconstruct();
        yield return CompareCommand.Create();
        yield return SearchCommand.Create();
        yield return NeuronCommand.Create();
        yield return SaliencyCommand.Create();
        yield return DreamCommand.Create();
        yield return FiguresCommand.Create();
        yield return NotebooksCommand.Create();
        yield return SmokeCommand.Create();
        yield return BenchCommand.Create();
    }
}
