using System.Buffers.Binary;

using EssenceOfPose.Models;

namespace EssenceOfPose.Tests;

public class SafetensorsValidationTests
{
    /// <summary>Both Load and ReadHeader must refuse the file, naming it and the problem, and Load must keep no tensor.</summary>
    static void AssertRejected(byte[] file, string problem)
    {
        using var dir = new TempDir();
        var path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, file);
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<SafetensorsException>(() => Safetensors.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Equal(0, scope.DisposablesCount);
        Assert.Contains(problem, Assert.Throws<SafetensorsException>(() => Safetensors.ReadHeader(path)).Message);
    }

    static void AssertRejected(string json, int dataBytes, string problem) =>
        AssertRejected(SafetensorsTests.FileBytes(json.Replace('\'', '"'), new byte[dataBytes]), problem);

    [Fact]
    public void File_shorter_than_the_length_field() => AssertRejected(new byte[] { 1, 2, 3, 4, 5 }, "5 bytes long, shorter than the 8-byte header length");

    [Fact]
    public void Header_length_beyond_the_file()
    {
        var file = SafetensorsTests.FileBytes("{}", []);
        BinaryPrimitives.WriteUInt64LittleEndian(file, 1000);
        AssertRejected(file, "header length 1000 runs past the end of the file (2 bytes follow");
    }

    [Theory]
    [InlineData("{'a': ", 0, "header is not valid JSON")]
    [InlineData("[1, 2]", 0, "header is a JSON array, not an object")]
    [InlineData("{'a':{'dtype':'F24','shape':[1],'data_offsets':[0,4]}}", 4, "tensor 'a' has unknown dtype 'F24'")]
    [InlineData("{'a':{'dtype':'F32','shape':[-1,2],'data_offsets':[0,0]}}", 0, "tensor 'a' has shape [-1, 2] with a negative dimension")]
    [InlineData("{'a':{'dtype':'F32','shape':[1],'data_offsets':[4,0]}}", 4, "tensor 'a' has data_offsets [4,0]; they must be two ascending")]
    [InlineData("{'a':{'dtype':'F32','shape':[1],'data_offsets':[4]}}", 4, "tensor 'a' has data_offsets [4]; they must be two ascending")]
    [InlineData("{'a':{'dtype':'F32','shape':[1],'data_offsets':['0',4]}}", 4, "they must be two ascending non-negative integers")]
    [InlineData("{'a':{'dtype':'F32','shape':[3],'data_offsets':[0,8]}}", 8, "tensor 'a' has byte length 8 (data_offsets [0, 8]) but shape [3] of F32 needs 12 bytes")]
    [InlineData("{'a':{'dtype':'F32','shape':[4],'data_offsets':[0,16]}}", 8, "tensor 'a' has data_offsets [0, 16] outside the 8-byte data buffer")]
    [InlineData("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},'b':{'dtype':'F32','shape':[2],'data_offsets':[4,12]}}", 12, "tensor 'b' (bytes [4, 12]) overlaps tensor 'a'")]
    [InlineData("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]},'b':{'dtype':'F32','shape':[1],'data_offsets':[8,12]}}", 12, "not contiguous: bytes [4, 8) before tensor 'b' belong to no tensor")]
    [InlineData("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}", 8, "4 trailing bytes")]
    [InlineData("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]},'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}", 4, "names 'a' twice (duplicate entry)")]
    [InlineData("{'__metadata__':{'k':1}}", 0, "metadata entry 'k' is a JSON number; metadata must map strings to strings")]
    [InlineData("{'__metadata__':['x']}", 0, "metadata is a JSON array")]
    public void Corrupt_header_is_rejected(string json, int dataBytes, string problem) => AssertRejected(json, dataBytes, problem);

    [Fact]
    public void Failed_save_leaves_the_existing_file_intact_and_no_temporary_file()
    {
        using var dir = new TempDir();
        using var scope = torch.NewDisposeScope();
        var path = dir.File("keep.safetensors");
        var ok = torch.tensor(new float[] { 1, 2 }, [2]);
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["ok"] = ok });
        var before = File.ReadAllBytes(path);

        var dead = torch.tensor(new float[] { 3 }, [1]);
        dead.Dispose();
        // TorchSharp's word for a disposed tensor ("Tensor invalid -- empty handle").
        Assert.Throws<InvalidOperationException>(() => Safetensors.Save(path, new Dictionary<string, Tensor> { ["ok"] = ok, ["z_dead"] = dead }));
        var reserved = Assert.Throws<SafetensorsException>(() => Safetensors.Save(path, new Dictionary<string, Tensor> { ["__metadata__"] = ok }));
        Assert.Equal(path, reserved.FilePath);

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Successful_save_replaces_the_file_and_leaves_no_temporary_file()
    {
        using var dir = new TempDir();
        using var scope = torch.NewDisposeScope();
        var path = dir.File("replace.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["a"] = torch.tensor(new float[] { 1 }, [1]) });
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["b"] = torch.tensor(new long[] { 5, 6 }, [2]) });
        using var loaded = Safetensors.Load(path);
        Assert.Equal(new[] { "b" }, loaded.Tensors.Keys);
        Assert.Equal(new long[] { 5, 6 }, loaded.Tensors["b"].ToArray<long>());
        Assert.Equal(new[] { path }, Directory.GetFiles(dir.Path));
    }
}
