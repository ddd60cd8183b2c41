using EssenceOfPose.Models;

namespace EssenceOfPose.Display;

/// <summary>
/// The layer table of a siamese network, read from the model itself: each tower layer (Caffe's
/// names, which are also the tap names), the shape of its blob for one input patch, and its
/// parameters; then the siamese head, which sees a pair. Shapes come from running a zero patch,
/// so the table cannot drift from the code.
/// </summary>
public static class ModelSummary
{
    public static MetricTable Layers(SiameseNet model)
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        long Count(string layer) => parameters.Where(p => p.Key.StartsWith(layer + ".", StringComparison.Ordinal)).Sum(p => p.Value.numel());
        string Shape(string layer) => string.Join("×", parameters.TryGetValue(layer + ".weight", out var w) ? w.shape : []);

        var table = new MetricTable("layer", "blob shape", "weight shape", "parameters")
        {
            Title = $"{model.Architecture}: one tower on a 3×{model.InputSize}×{model.InputSize} patch, then the siamese head on a pair",
        };
        var device = model.parameters().First().device;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var x = torch.zeros([1, 3, model.InputSize, model.InputSize], device: device);
            table.AddRow("data", $"3×{model.InputSize}×{model.InputSize}", "", 0L);
            foreach (var layer in model.TowerLayers)
                table.AddRow(layer, string.Join("×", model.Tap(x, layer).shape.Skip(1)), Shape(layer), Count(layer));
            var common = model.Common(x, x);
            table.AddRow("common_fc", string.Join("×", common.shape.Skip(1)), Shape("common_fc"), Count("common_fc"));
            var (pose, logits) = model.forward(x, x);
            table.AddRow("pose_fc", string.Join("×", pose.shape.Skip(1)), Shape("pose_fc"), Count("pose_fc"));
            table.AddRow("ptch_fc", string.Join("×", logits.shape.Skip(1)), Shape("ptch_fc"), Count("ptch_fc"));
        }
        table.AddRow("total", "", "", parameters.Values.Sum(p => p.numel()));
        return table;
    }
}
