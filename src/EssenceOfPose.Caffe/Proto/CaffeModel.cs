namespace EssenceOfPose.Caffe;

/// <summary>
/// One learned blob of a <c>.caffemodel</c>: its shape and float data (double data is converted).
/// <see cref="IsLegacyShape"/> marks a shape from the deprecated num/channels/height/width fields, which
/// Caffe pads with leading 1s (an inner-product weight reads 1×1×out×in).
/// </summary>
sealed record CaffeBlob(int[] Shape, float[] Data, bool IsLegacyShape = false)
{
    public override string ToString() => $"{CaffeShapeTable.Format(Shape)}{(IsLegacyShape ? " (legacy 4-D)" : "")}";
}

/// <summary>A layer of a <c>.caffemodel</c>: what Caffe saved of it. <see cref="ParamNames"/> are the shared-blob names, when saved.</summary>
sealed record CaffeModelLayer(
    string Name,
    string Type,
    IReadOnlyList<string> Bottoms,
    IReadOnlyList<string> Tops,
    IReadOnlyList<string?> ParamNames,
    IReadOnlyList<CaffeBlob> Blobs);

/// <summary>Which of caffe.proto's two layer lists a file uses.</summary>
enum CaffeLayerForm
{
    /// <summary><c>NetParameter.layer</c> (field 100, <c>LayerParameter</c>, type as a string): Caffe since 2015.</summary>
    Layer,
    /// <summary><c>NetParameter.layers</c> (field 2, <c>V1LayerParameter</c>, type as an enum): older models.</summary>
    V1,
}

/// <summary>
/// The weights of a trained Caffe net, read from a binary <c>.caffemodel</c> (a serialised <c>NetParameter</c>).
/// Layers without blobs are kept so that names and types can be listed.
/// </summary>
sealed record CaffeModel(string Name, IReadOnlyList<CaffeModelLayer> Layers, CaffeLayerForm Form, string Source)
{
    /// <summary>Reads a <c>.caffemodel</c>; errors name the file and the layer and blob that are wrong.</summary>
    public static CaffeModel Load(string path) => CaffeModelReader.Read(path);

    /// <summary>Layer name → its blobs, for the layers that have any.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CaffeBlob>> BlobsByLayer =>
        Layers.Where(l => l.Blobs.Count > 0).GroupBy(l => l.Name).ToDictionary(g => g.Key, g => g.First().Blobs);

    public CaffeModelLayer? Layer(string name) => Layers.FirstOrDefault(l => l.Name == name);
}
