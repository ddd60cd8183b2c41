namespace EssenceOfPose.Models;

/// <summary>The safetensors spelling of the dtypes libtorch and the suite read and write.</summary>
internal static class SafetensorsDType
{
    static readonly (string name, ScalarType type)[] Table =
    [
        ("F64", ScalarType.Float64),
        ("F32", ScalarType.Float32),
        ("F16", ScalarType.Float16),
        ("BF16", ScalarType.BFloat16),
        ("I64", ScalarType.Int64),
        ("I32", ScalarType.Int32),
        ("I16", ScalarType.Int16),
        ("I8", ScalarType.Int8),
        ("U8", ScalarType.Byte),
        ("BOOL", ScalarType.Bool),
    ];

    internal static IEnumerable<string> Names => Table.Select(e => e.name);

    internal static bool TryParse(string name, out ScalarType type)
    {
        foreach (var e in Table)
            if (e.name == name)
            {
                type = e.type;
                return true;
            }
        type = default;
        return false;
    }

    internal static string Name(ScalarType type)
    {
        foreach (var e in Table)
            if (e.type == type) return e.name;
        throw new ArgumentOutOfRangeException(nameof(type), type, "safetensors has no name for this dtype");
    }
}
