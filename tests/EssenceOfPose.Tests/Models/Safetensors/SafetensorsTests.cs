using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

using EssenceOfPose.Models;

namespace EssenceOfPose.Tests;

public class SafetensorsTests
{
    internal static Tensor FromBytes(byte[] raw, ScalarType dtype, params long[] shape)
    {
        var t = torch.empty(shape, dtype);
        raw.CopyTo(t.bytes);
        return t;
    }

    internal static byte[] Bytes(Tensor t)
    {
        using var c = t.contiguous();
        return c.bytes.ToArray();
    }

    /// <summary>A file as the spec lays it out: 8-byte little-endian length, the JSON, then <paramref name="data"/>.</summary>
    internal static byte[] FileBytes(string json, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    [Fact]
    public void Every_dtype_round_trips_bit_exactly()
    {
        using var dir = new TempDir();
        using var scope = torch.NewDisposeScope();
        var rng = new Random(7);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var dtype in new[] { ScalarType.Float64, ScalarType.Float32, ScalarType.Float16, ScalarType.BFloat16, ScalarType.Int64,
                     ScalarType.Int32, ScalarType.Int16, ScalarType.Int8, ScalarType.Byte, ScalarType.Bool })
        {
            var raw = new byte[2 * 3 * dtype.ElementSize()];
            rng.NextBytes(raw);
            if (dtype == ScalarType.Bool) raw = raw.Select(b => (byte)(b & 1)).ToArray();
            tensors[dtype.ToString()] = FromBytes(raw, dtype, 2, 3);
        }
        // Half and bfloat16 special patterns: +inf, a NaN with payload, -0, the smallest subnormal, the largest finite.
        byte[] special = [0x00, 0x7C, 0x01, 0x7E, 0x00, 0x80, 0x01, 0x00, 0xFF, 0x7B, 0x80, 0xFF];
        tensors["f16_special"] = FromBytes(special, ScalarType.Float16, 6);
        tensors["bf16_special"] = FromBytes(special, ScalarType.BFloat16, 6);
        tensors["bool_values"] = torch.tensor(new[] { true, false, false, true }, [2, 2]);
        tensors["scalar"] = torch.tensor(new[] { 2.5 }, Array.Empty<long>());
        tensors["empty"] = torch.tensor(Array.Empty<float>(), [0, 3]);

        var path = dir.File("all.safetensors");
        Safetensors.Save(path, tensors);
        using var loaded = Safetensors.Load(path);
        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), loaded.Tensors.Keys);
        foreach (var (name, t) in tensors)
        {
            var back = loaded.Tensors[name];
            Assert.Equal(t.dtype, back.dtype);
            Assert.Equal(t.shape, back.shape);
            Assert.Equal(Bytes(t), Bytes(back));
        }
        Assert.Equal(new[] { true, false, false, true }, loaded.Tensors["bool_values"].ToArray<bool>());
        Assert.Equal(special, Bytes(loaded.Tensors["bf16_special"]));
    }

    [Fact]
    public void Metadata_round_trips_and_header_is_readable_without_data()
    {
        using var dir = new TempDir();
        using var scope = torch.NewDisposeScope();
        var path = dir.File("m.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "épaule \"quoted\" \n line", ["empty"] = "" };
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["w"] = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]) }, metadata);

        var header = Safetensors.ReadHeader(path);
        Assert.Equal(metadata, header.Metadata);
        var info = Assert.Single(header.Tensors);
        Assert.Equal(new SafetensorsTensorInfo("w", ScalarType.Float32, info.Shape, 0, 24), info);
        Assert.Equal(new long[] { 2, 3 }, info.Shape);

        using var loaded = Safetensors.Load(path);
        Assert.Equal(metadata, loaded.Metadata);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, loaded.Tensors["w"].ToArray<float>());
    }

    [Fact]
    public void Writer_sorts_names_packs_data_and_pads_header_to_eight_bytes()
    {
        using var dir = new TempDir();
        using var scope = torch.NewDisposeScope();
        var path = dir.File("order.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor>
        {
            ["zeta"] = torch.tensor(new byte[] { 1, 2, 3 }, [3]),
            ["alpha"] = torch.tensor(new short[] { -1 }, [1]),
            ["mid"] = torch.tensor(new double[] { 0.5, 0.25 }, [2]),
        }, new Dictionary<string, string> { ["k"] = "v" });

        var file = File.ReadAllBytes(path);
        var n = (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0, n % 8);
        var text = Encoding.UTF8.GetString(file, 8, (int)n);
        var json = text.TrimEnd(' ');
        Assert.True(text.Length - json.Length < 8);
        Assert.EndsWith("}", json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(new[] { "__metadata__", "alpha", "mid", "zeta" }, doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("[0,2]", doc.RootElement.GetProperty("alpha").GetProperty("data_offsets").GetRawText());
        Assert.Equal("[2,18]", doc.RootElement.GetProperty("mid").GetProperty("data_offsets").GetRawText());
        Assert.Equal("[18,21]", doc.RootElement.GetProperty("zeta").GetProperty("data_offsets").GetRawText());
        Assert.Equal(8 + n + 21, file.Length);
        Assert.Equal(new byte[] { 0xFF, 0xFF }, file[(int)(8 + n)..(int)(8 + n + 2)]);
        Assert.Equal(new byte[] { 1, 2, 3 }, file[^3..]);
    }

    [Fact]
    public void Hand_built_file_from_the_spec_loads()
    {
        using var dir = new TempDir();
        using var scope = torch.NewDisposeScope();
        var path = dir.File("hand.safetensors");
        // Header in a non-sorted order, data for "a" first: two F32 (1.0, -2.5), then one I64 scalar 42.
        const string json = "{\"b\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[8,16]},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"__metadata__\":{\"format\":\"pt\"}}";
        byte[] data = [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0, 42, 0, 0, 0, 0, 0, 0, 0];
        File.WriteAllBytes(path, FileBytes(json, data));

        using var loaded = Safetensors.Load(path);
        Assert.Equal(new[] { "b", "a" }, loaded.Tensors.Keys);
        Assert.Equal(new[] { 1.0f, -2.5f }, loaded.Tensors["a"].ToArray<float>());
        Assert.Equal(0, loaded.Tensors["b"].dim());
        Assert.Equal(42, loaded.Tensors["b"].ToInt64());
        Assert.Equal("pt", loaded.Metadata["format"]);
    }

    [Fact]
    public void Load_onto_a_device_places_the_tensors_there()
    {
        using var dir = new TempDir();
        using var scope = torch.NewDisposeScope();
        var path = dir.File("d.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["x"] = torch.tensor(new float[] { 3 }, [1]) });
        var device = torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        using var loaded = Safetensors.Load(path, device);
        Assert.Equal(device.type, loaded.Tensors["x"].device.type);
        Assert.Equal(new float[] { 3 }, loaded.Tensors["x"].ToArray<float>());
    }
}
