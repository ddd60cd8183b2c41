namespace EssenceOfPose.Caffe;

/// <summary>
/// Shapes of one layer as Caffe would set it up: what it reads, what it writes, and the shapes of its
/// learned blobs in Caffe's layout (convolution OIHW then bias; inner product out×in then bias; PReLU slopes).
/// </summary>
sealed record CaffeLayerShapes(CaffeLayer Layer, IReadOnlyList<int[]> Bottoms, IReadOnlyList<int[]> Tops, IReadOnlyList<int[]> Parameters);

/// <summary>The result of <see cref="CaffeShapes.Infer"/>: every blob's shape, and every deploy layer's shapes in order.</summary>
sealed class CaffeShapeTable
{
    public CaffeShapeTable(CaffeDeployNet deploy, IReadOnlyList<(string Name, int[] Shape)> blobs, IReadOnlyList<CaffeLayerShapes> layers)
    {
        Deploy = deploy;
        Blobs = blobs;
        Layers = layers;
        byBlob = blobs.ToDictionary(b => b.Name, b => b.Shape);
        byLayer = layers.ToDictionary(l => l.Layer.Name);
    }

    readonly Dictionary<string, int[]> byBlob;
    readonly Dictionary<string, CaffeLayerShapes> byLayer;

    /// <summary>The deploy net the shapes were computed for (its summary says what was skipped).</summary>
    public CaffeDeployNet Deploy { get; }

    /// <summary>Blob shapes in order of first appearance; an in-place layer's blob keeps one entry.</summary>
    public IReadOnlyList<(string Name, int[] Shape)> Blobs { get; }

    public IReadOnlyList<CaffeLayerShapes> Layers { get; }

    /// <summary>The shape of a blob, e.g. <c>table["pool1"]</c> → [1, 20, 48, 48].</summary>
    public int[] this[string blob] => byBlob.TryGetValue(blob, out var shape)
        ? shape
        : throw new KeyNotFoundException($"no blob '{blob}' in {Deploy.Net.Name}; blobs: {string.Join(", ", byBlob.Keys)}");

    public CaffeLayerShapes Layer(string name) => byLayer.TryGetValue(name, out var shapes)
        ? shapes
        : throw new KeyNotFoundException($"no layer '{name}' in the deploy net of {Deploy.Net.Name}");

    /// <summary>A table of layer → top shapes, for logs and notebooks.</summary>
    public override string ToString() => string.Join(Environment.NewLine,
        Layers.Select(l => $"{l.Layer.Name,-16} {l.Layer.Type,-13} {string.Join("  ", l.Tops.Select(Format))}"));

    public static string Format(int[] shape) => shape.Length == 0 ? "scalar" : string.Join('×', shape);
}
