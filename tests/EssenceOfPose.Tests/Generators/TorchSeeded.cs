namespace EssenceOfPose.Tests.Generators;

/// <summary>
/// Tests that compare trained weights across runs in this process: alone, because a trainer seeds
/// torch's one global generator, and a test training beside them would draw from it between the
/// seed and the initialisation (workers of a real search are separate processes).
/// </summary>
[CollectionDefinition(nameof(TorchSeeded), DisableParallelization = true)]
public sealed class TorchSeeded;
