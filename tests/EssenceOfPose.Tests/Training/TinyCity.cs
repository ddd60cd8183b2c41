using EssenceOfPose.Data.SyntheticCity;

namespace EssenceOfPose.Tests.Training;

/// <summary>A small synthetic city rendered once per test class: 4×4 blocks, 24 targets, 64-pixel views.</summary>
public sealed class TinyCity : IDisposable
{
    public TinyCity()
    {
        Root = Directory.CreateTempSubdirectory("eop-tinycity-").FullName;
        SyntheticCityGenerator.Generate(new SyntheticCityOptions { Targets = 24, ImageSize = 64, BlocksX = 4, BlocksY = 4, Seed = 5 }, Root);
    }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
