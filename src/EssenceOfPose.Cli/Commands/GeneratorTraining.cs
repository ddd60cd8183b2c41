using EssenceOfPose.Generators;
using EssenceOfPose.Models;

namespace EssenceOfPose.Cli;

/// <summary>What `eop train ugn` and `eop train gan` do alike before training: the resume check, the network on its device, the tap, and the views cached with their codes.</summary>
internal static class GeneratorTraining
{
    /// <summary>Refuses --resume when <paramref name="outPath"/> has no saved state.</summary>
    public static void CheckResume(string outPath, bool resume)
    {
        if (resume && !File.Exists(Path.Combine(outPath + ".train", "state.json")))
            throw new ArgumentException($"--resume: nothing to resume, {outPath}.train/state.json does not exist; run without --resume to start fresh");
    }

    /// <summary>
    /// Loads the network (--model) onto <paramref name="device"/>, checks <paramref name="tap"/> and
    /// the <paramref name="alsoTaps"/> before any data loads, and caches the views of
    /// <paramref name="data"/> with their codes at the tap. The caller disposes the network and the cache.
    /// </summary>
    public static (PoseModel Net, TapName Tap, CodeCache Cache, double Seconds) Cache(string model, Device device, string tap, IEnumerable<DirectoryInfo> data,
        int? images, int seed, params string?[] alsoTaps)
    {
        var net = VerbSupport.LoadModel(model);
        try
        {
            net.Net.to(device);
            var at = net.Tap(tap);
            foreach (var t in alsoTaps) if (t is not null) net.Tap(t);
            var dirs = data.Select(d => d.FullName).ToArray();
            Console.WriteLine($"caching views of {string.Join(", ", dirs)} and their codes at {at} of {net.Source} ...");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var cache = CodeCache.Build(net, at, dirs, images, seed);
            return (net, at, cache, clock.Elapsed.TotalSeconds);
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }
}
