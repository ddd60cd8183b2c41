using System.Text.Json;

namespace EssenceOfPose.Cli.Tests;

/// <summary>`eop bench` on the suite's side (the PyTorch peer needs Debian's python3-torch, which CI does not install).</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void The_raw_ops_are_measured_and_written_without_the_peer()
    {
        var json = Path.Combine(Directory.CreateTempSubdirectory("eop-bench-").FullName, "bench.json");
        var (code, output, err) = InProcessEop.Run("bench", "--workload", "torch", "--repeats", "1", "--threads", "1", "--no-peer", "--json", json);
        Assert.True(code == 0, err);
        Assert.Contains("against PyTorch (not run)", output);
        var rows = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["matmul 1024² f32", "conv2d 64×64×32×32, 128×3×3", "conv2d, channels-last", "add, 1-element tensors"], rows.Select(r => r.GetProperty("name").GetString()));
        Assert.All(rows, r => Assert.True(r.GetProperty("suite").GetDouble() > 0));
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("ratio").ValueKind));
    }

    [Fact]
    public void Interleaving_needs_the_peer()
    {
        var (code, _, err) = InProcessEop.Run("bench", "--workload", "torch", "--repeats", "1", "--no-peer", "--interleave");
        Assert.NotEqual(0, code);
        Assert.Contains("--interleave", err);
    }
}
