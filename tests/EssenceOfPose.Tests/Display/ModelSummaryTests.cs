using EssenceOfPose.Display;
using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Display;

public sealed class ModelSummaryTests
{
    [Fact]
    public void PoseNets_table_has_the_prototxt_shapes_and_its_parameters_add_up()
    {
        using var net = new PoseNet();
        var table = ModelSummary.Layers(net);
        var rows = table.Rows.ToDictionary(r => (string)r[0]!, r => r);
        Assert.Equal(["data", "conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "conv4", "pool4", "fc5", "fc6", "common_fc", "pose_fc", "ptch_fc", "total"],
            table.Rows.Select(r => (string)r[0]!));
        // FACTS.md's table of pose-l1-torch7-deploy.prototxt at 101×101.
        Assert.Equal("20×95×95", rows["conv1"][1]);
        Assert.Equal("20×48×48", rows["pool1"][1]);
        Assert.Equal("40×24×24", rows["pool2"][1]);
        Assert.Equal("80×21×21", rows["conv3"][1]);
        Assert.Equal("80×11×11", rows["pool3"][1]);
        Assert.Equal("160×4×4", rows["conv4"][1]);
        Assert.Equal("160×2×2", rows["pool4"][1]);
        Assert.Equal("500", rows["fc5"][1]);
        Assert.Equal("512", rows["common_fc"][1]);
        Assert.Equal("2", rows["ptch_fc"][1]);
        Assert.Equal("20×3×7×7", rows["conv1"][2]);
        Assert.Equal(20L * 3 * 7 * 7 + 20, rows["conv1"][3]);
        Assert.Equal(500L * 640 + 500, rows["fc5"][3]);
        Assert.Equal(0L, rows["pool4"][3]);
        var total = (long)rows["total"][3]!;
        Assert.Equal(net.parameters().Sum(p => p.numel()), total);
        Assert.Equal(total, table.Rows.Where(r => (string)r[0]! != "total").Sum(r => (long)r[3]!));
    }
}
