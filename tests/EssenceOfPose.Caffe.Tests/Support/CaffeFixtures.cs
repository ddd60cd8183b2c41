namespace EssenceOfPose.Caffe.Tests;

/// <summary>Finds <c>tests/fixtures/caffe</c> by walking up from the test assembly; fails loudly when it cannot.</summary>
internal static class CaffeFixtures
{
    static readonly Lazy<string> Folder = new(Find);

    public static string Directory => Folder.Value;

    public static string Path(string name)
    {
        var path = System.IO.Path.Combine(Directory, name);
        Assert.True(File.Exists(path), $"fixture {name} is missing from {Directory}");
        return path;
    }

    public static string[] Prototxts() =>
        System.IO.Directory.GetFiles(Directory, "*.prototxt").Select(System.IO.Path.GetFileName).OfType<string>().Order().ToArray();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "fixtures", "caffe");
            if (System.IO.Directory.Exists(candidate))
                return candidate;
        }
        Assert.Fail($"tests/fixtures/caffe not found in any folder above {AppContext.BaseDirectory}; the Caffe tests need the repository checkout");
        throw new InvalidOperationException("unreachable");
    }
}
