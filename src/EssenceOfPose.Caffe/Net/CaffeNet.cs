namespace EssenceOfPose.Caffe;

/// <summary>
/// A Caffe net definition read from a prototxt: its name, declared inputs and layers in file order
/// (train-time layers included; <see cref="ForDeploy"/> selects what runs at inference).
/// </summary>
/// <param name="Source">The file (or files, for a merged net) it came from, for messages.</param>
sealed record CaffeNet(string Name, IReadOnlyList<CaffeInput> Inputs, IReadOnlyList<CaffeLayer> Layers, string Source)
{
    /// <summary>Reads a prototxt file. Throws <see cref="CaffeFormatException"/> with <c>file:line:column</c>.</summary>
    public static CaffeNet Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses prototxt text; <paramref name="file"/> names it in error messages.</summary>
    public static CaffeNet Parse(string text, string file = "<text>") =>
        CaffeNetReader.Read(PrototxtParser.Parse(text, file), file);

    /// <summary>
    /// Joins nets written as separate files, in order, the way the original training code assembled its
    /// net (a pair-slicing layer, the siamese towers, the loss heads). The first non-empty name wins.
    /// </summary>
    public static CaffeNet Merge(params IReadOnlyList<CaffeNet> parts)
    {
        if (parts.Count == 0)
            throw new ArgumentException("nothing to merge", nameof(parts));
        var inputs = parts.SelectMany(p => p.Inputs).ToList();
        var duplicate = inputs.GroupBy(i => i.Name).FirstOrDefault(g => g.Count() > 1);
        var source = string.Join(" + ", parts.Select(p => p.Source));
        if (duplicate is not null)
            throw new CaffeFormatException($"{source}: input '{duplicate.Key}' is declared by more than one part");
        var name = parts.Select(p => p.Name).FirstOrDefault(n => n.Length > 0) ?? "";
        return new CaffeNet(name, inputs, parts.SelectMany(p => p.Layers).ToList(), source);
    }

    /// <summary>The first layer with this name, or null.</summary>
    public CaffeLayer? Layer(string name) => Layers.FirstOrDefault(l => l.Name == name);

    /// <summary>
    /// The net as it runs for inference (TEST phase): data, loss, metric and Python layers skipped and
    /// listed, inputs completed with every blob read but never produced. Throws one
    /// <see cref="CaffeFormatException"/> naming every layer whose type is not supported.
    /// </summary>
    public CaffeDeployNet ForDeploy() => CaffeDeployNet.Build(this);

    public override string ToString() => $"{(Name.Length > 0 ? Name : "(unnamed net)")}: {Inputs.Count} inputs, {Layers.Count} layers ({Source})";
}
