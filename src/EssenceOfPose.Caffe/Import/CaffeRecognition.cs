using System.Collections;
using System.Globalization;

namespace EssenceOfPose.Caffe;

/// <summary>
/// A deploy net found to be one of the suite's architectures: which parts it has (a tower alone, or
/// the siamese net, with or without the pair slice and each head), and the layers it has besides,
/// which the suite's model does not compute and which cannot change what it computes.
/// </summary>
sealed record CaffeRecognition(
    CaffeArchitecture Architecture,
    IReadOnlySet<CaffePart> Parts,
    IReadOnlyList<CaffeSkippedLayer> Ignored)
{
    public bool Has(CaffePart part) => Parts.Contains(part);

    /// <summary>
    /// The architecture the net is, or one error listing how it differs from the closest one: layers
    /// missing, of another type, with other settings, reading or writing other blobs, out of order, and
    /// extra layers that write blobs the model computes.
    /// </summary>
    public static CaffeRecognition Recognise(CaffeDeployNet deploy)
    {
        var results = CaffeArchitecture.All.Select(a => Compare(a, deploy.Net)).ToList();
        if (results.FirstOrDefault(r => r.Differences.Count == 0) is { Match: { } match })
            return match;
        var closest = results.OrderBy(r => r.Differences.Count).First();
        throw new CaffeFormatException(
            $"{deploy.Net.Source}: not a net the suite can import: it is neither {string.Join(" nor ", CaffeArchitecture.All.Select(a => a.Name))}. "
            + $"Closest is {closest.Architecture.Name}, from which it differs in {closest.Differences.Count} way(s):"
            + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", closest.Differences));
    }

    sealed record Result(CaffeArchitecture Architecture, CaffeRecognition? Match, IReadOnlyList<string> Differences);

    static Result Compare(CaffeArchitecture arch, CaffeNet net)
    {
        var index = net.Layers.Select((l, i) => (l.Name, i)).ToDictionary(x => x.Name, x => x.i);
        bool Present(CaffePart part) => arch.Part(part).Any(e => index.ContainsKey(e.Name));
        var parts = new HashSet<CaffePart> { CaffePart.Tower };
        if (new[] { CaffePart.Twin, CaffePart.Merge, CaffePart.PairSlice, CaffePart.PoseHead, CaffePart.MatchHead }.Any(Present))
        {
            // Anything beyond the tower makes it the siamese net, which needs both towers and the merge.
            parts.UnionWith([CaffePart.Twin, CaffePart.Merge]);
            parts.UnionWith(new[] { CaffePart.PairSlice, CaffePart.PoseHead, CaffePart.MatchHead }.Where(Present));
        }
        var expected = arch.Layers.Where(e => parts.Contains(e.Part)).ToList();
        var differences = new List<string>();

        foreach (var e in expected)
        {
            if (!index.TryGetValue(e.Name, out var i))
            {
                differences.Add($"no layer '{e.Name}' ({e.Type}, {string.Join(", ", e.Bottoms)} → {string.Join(", ", e.Tops)})");
                continue;
            }
            var actual = net.Layers[i];
            if (actual.Type != e.Type)
            {
                differences.Add($"{actual.Name} is {actual.Type}, expected {e.Type}");
                continue;
            }
            if (!actual.Bottoms.SequenceEqual(e.Bottoms))
                differences.Add($"{actual.Name} reads {Blobs(actual.Bottoms, net, i)}, expected {string.Join(", ", e.Bottoms)}");
            if (!actual.Tops.SequenceEqual(e.Tops))
                differences.Add($"{actual.Name} writes {string.Join(", ", actual.Tops)}, expected {string.Join(", ", e.Tops)}");
            differences.AddRange(Settings(Comparable(actual.Parameters!, e), e.Parameters).Select(d => $"{actual.Name}: {d}"));
        }
        differences.AddRange(OrderProblems(expected.Where(e => index.ContainsKey(e.Name)).ToList(), index));

        var expectedNames = expected.Select(e => e.Name).ToHashSet();
        var modelBlobs = expected.SelectMany(e => e.Bottoms.Concat(e.Tops)).ToHashSet();
        var ignored = new List<CaffeSkippedLayer>();
        foreach (var extra in net.Layers.Where(l => !expectedNames.Contains(l.Name)))
        {
            var overwritten = extra.Tops.Where(modelBlobs.Contains).ToList();
            if (extra.Type == "Dropout" && extra.IsInPlace)
                ignored.Add(new(extra.Name, extra.Type, "the identity at test time"));
            else if (overwritten.Count == 0)
                ignored.Add(new(extra.Name, extra.Type, $"not part of {arch.Name}; nothing it computes feeds the model"));
            else
                differences.Add($"extra layer '{extra.Name}' ({extra.Type}) writes {string.Join(", ", overwritten)}, which {arch.Name} computes without it");
        }
        var match = differences.Count == 0 ? new CaffeRecognition(arch, parts, ignored) : null;
        return new Result(arch, match, differences);
    }

    /// <summary>Blob names, each with the layer that last wrote it before layer <paramref name="before"/> (none for an input).</summary>
    static string Blobs(IReadOnlyList<string> blobs, CaffeNet net, int before) => string.Join(", ", blobs.Select(b =>
    {
        var writer = net.Layers.Take(before).LastOrDefault(l => l.Tops.Contains(b));
        return writer is null ? b : $"{b} (from {writer.Name}, {writer.Type})";
    }));

    /// <summary>
    /// Caffe runs layers in file order, so in-place activations must sit between their producer and
    /// its readers: within a part the order must be the expected one, and parts follow each other
    /// (the towers are independent of each other).
    /// </summary>
    static IEnumerable<string> OrderProblems(IReadOnlyList<CaffeExpectedLayer> present, IReadOnlyDictionary<string, int> index)
    {
        foreach (var group in present.GroupBy(e => e.Part))
        {
            var inFile = group.OrderBy(e => index[e.Name]).Select(e => e.Name).ToList();
            var wanted = group.Select(e => e.Name).ToList();
            if (!inFile.SequenceEqual(wanted))
                yield return $"the {group.Key} layers run in the order {string.Join(", ", inFile)}; expected {string.Join(", ", wanted)}";
        }
        static int Stage(CaffePart p) => p switch
        {
            CaffePart.PairSlice => 0,
            CaffePart.Tower or CaffePart.Twin => 1,
            CaffePart.Merge => 2,
            _ => 3,
        };
        foreach (var late in present)
        {
            var early = present.FirstOrDefault(e => Stage(e.Part) < Stage(late.Part) && index[e.Name] > index[late.Name]);
            if (early is not null)
                yield return $"{late.Name} ({late.Part}) runs before {early.Name} ({early.Part})";
        }
    }

    /// <summary>The settings as compared: pose_fc's output count is free, a transposed inner product is stored, not computed, differently.</summary>
    static CaffeLayerParameters Comparable(CaffeLayerParameters actual, CaffeExpectedLayer e) => (actual, e.Parameters) switch
    {
        (InnerProductParameter a, InnerProductParameter x) when e.Part == CaffePart.PoseHead => a with { NumOutput = x.NumOutput, Transpose = false },
        (InnerProductParameter a, _) => a with { Transpose = false },
        _ => actual,
    };

    /// <summary>Setting-by-setting differences of two parameter records ("NumOutput 96, expected 20").</summary>
    static IEnumerable<string> Settings(CaffeLayerParameters actual, CaffeLayerParameters expected)
    {
        if (actual.GetType() != expected.GetType())
        {
            yield return $"settings {actual.GetType().Name}, expected {expected.GetType().Name}";
            yield break;
        }
        foreach (var property in actual.GetType().GetProperties().Where(p => p.Name != "EqualityContract"))
        {
            var a = Text(property.GetValue(actual));
            var x = Text(property.GetValue(expected));
            if (a != x)
                yield return $"{property.Name} {a}, expected {x}";
        }
    }

    static string Text(object? value) => value switch
    {
        null => "none",
        string s => s,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Text)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
