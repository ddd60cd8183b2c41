using EssenceOfPose.Models;

namespace EssenceOfPose.Caffe;

/// <summary>
/// The import's proof: the suite's model and <see cref="CaffeExecutor"/> (Caffe's definition of the
/// same layers, with the same weights) run on one random pair; every tower blob, common_fc and the
/// loaded heads must agree to 1e-4 of the blob's scale, or nothing is imported.
/// </summary>
static class CaffeImportCheck
{
    const double Tolerance = 1e-4;

    public static IReadOnlyDictionary<string, double> Run(SiameseNet model, CaffeDeployNet deploy,
        IReadOnlyDictionary<string, CaffeLayerWeights> weights, CaffeRecognition recognition, bool withPose)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        using var executor = CaffeExecutor.Build(deploy, weights);
        using var generator = new Generator(2016);
        long[] batch = [2, 3, model.InputSize, model.InputSize];
        // Mean-subtracted pixels have about this spread.
        var first = torch.randn(batch, generator: generator) * 64.0;
        var second = torch.randn(batch, generator: generator) * 64.0;
        var siamese = recognition.Has(CaffePart.Merge);
        var inputs = new Dictionary<string, Tensor>();
        if (recognition.Has(CaffePart.PairSlice))
            inputs[CaffeArchitecture.PairInput] = torch.cat([first, second], 1);
        else
            inputs[CaffeArchitecture.TowerInput] = first;
        if (siamese && !recognition.Has(CaffePart.PairSlice))
            inputs[CaffeArchitecture.TwinInput] = second;

        var ours = model.TowerLayers.ToDictionary(l => l, l => model.Tap(first, l));
        if (siamese)
        {
            ours["common_fc"] = model.Common(first, second);
            var (pose, match) = model.forward(first, second);
            if (withPose) ours["pose_fc"] = pose;
            if (recognition.Has(CaffePart.MatchHead)) ours["ptch_fc"] = match;
        }
        var caffe = executor.Forward(inputs, ours.Keys.ToArray());
        var agreement = new Dictionary<string, double>();
        foreach (var (blob, value) in ours)
        {
            var difference = (value - caffe[blob]).abs().max().ToDouble();
            var scale = Math.Max(1, caffe[blob].abs().max().ToDouble());
            if (!(difference <= Tolerance * scale))
                throw new InvalidOperationException(
                    $"the imported {model.Architecture} does not reproduce the Caffe net at blob '{blob}': largest |difference| {difference:g4} for values up to {scale:g4}; nothing was imported");
            agreement[blob] = difference;
        }
        return agreement;
    }
}
