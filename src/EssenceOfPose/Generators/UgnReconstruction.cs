using System.Diagnostics;
using EssenceOfPose.Experiments;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Generators;

/// <summary>
/// Image files reconstructed by a generator from their codes: the reconstructions [N,3,101,101]
/// in the network's input space, the time each took, and the same scores as an optimisation
/// inversion — the feature error ‖Φ(x̂) − Φ₀‖/‖Φ₀‖ after re-encoding, PSNR, SSIM, and with partners
/// the pose agreement of (x̂, B) with (A, B). The tensors belong to the dispose scope current at
/// <see cref="UgnReconstruction.Run"/>.
/// </summary>
public sealed record UgnReconstructionResult(string Tap, Tensor Reconstructions, IReadOnlyList<double> FeatureErrors,
    IReadOnlyList<double> Seconds, ReconstructionScores Scores);

/// <summary>Runs a trained <see cref="UpConvGenerator"/> on image files (the experiment behind <c>eop reconstruct</c>; it writes nothing).</summary>
public static class UgnReconstruction
{
    /// <summary>
    /// Refuses a generator trained on another network's codes (by the PoseNet checkpoint's sha256,
    /// or a network that declares the same codes at the tap: <see cref="CodeLineage"/>) or whose
    /// code shape is not the tap's, naming the generator file and the field.
    /// </summary>
    public static TapName Check(PoseModel model, UpConvGenerator generator, UgnInfo info, string generatorPath)
    {
        var tap = model.Tap(info.Tap);
        if (!CodeLineage.SharesCodes(model, info.PoseNetSha256, tap))
            throw new CheckpointException(generatorPath, $"__metadata__ field 'posenet_sha256' is '{info.PoseNetSha256}', but the PoseNet given ({(model.Source.Length > 0 ? model.Source : "in memory")}) is another network and does not give its codes at {tap}; use the network the generator was trained on (--model)");
        var shape = UpConvGenerator.CodeShapeAt(model, tap);
        if (!shape.SequenceEqual(generator.CodeShape))
            throw new CheckpointException(generatorPath, $"__metadata__ field 'code_shape' is [{string.Join(", ", generator.CodeShape)}], but {tap} of {model.Info.Architecture} gives [{string.Join(", ", shape)}]");
        return tap;
    }

    /// <summary>Reconstructs every image of <paramref name="targets"/> from its code at the generator's tap (one image at a time, timed).</summary>
    public static UgnReconstructionResult Run(PoseModel model, UpConvGenerator generator, UgnInfo info, string generatorPath, InputImages targets, InputImages? partners)
    {
        if (partners is not null && partners.Count != targets.Count)
            throw new ArgumentException($"--partner: {partners.Count} given for {targets.Count} --image; give one partner per image, in the same order");
        var tap = Check(model, generator, info, generatorPath);
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        model.Net.eval();
        generator.eval();
        var originals = targets.Batch.to(model.Device);
        var codes = model.Net.Tap(originals, tap);
        var seconds = new double[targets.Count];
        var images = new Tensor[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            images[i] = generator.call(codes.narrow(0, i, 1));
            seconds[i] = clock.Elapsed.TotalSeconds;
        }
        var reconstructions = torch.cat(images, 0);
        var errors = Objectives.NormalisedError(model.Net.Tap(reconstructions, tap), codes).to(ScalarType.Float64).cpu().ToArray<double>();
        var scores = ReconstructionScores.Measure(model, model.Batch(originals), reconstructions, partners?.Batch.to(model.Device));
        return new UgnReconstructionResult(tap.ToString(), scope.MoveToOuter(reconstructions.cpu()), errors, seconds, scores);
    }
}
