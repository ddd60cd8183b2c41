using System.Formats.Tar;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Tests.Data;

public class StreetViewDatasetTests
{
    [Fact]
    public void LoadsTheFixtureFolderGroupedByTarget()
    {
        var ds = StreetViewDataset.Load(TestFiles.StreetViewFixture);
        Assert.Equal(7, ds.Views.Count);
        Assert.Empty(ds.Problems);
        Assert.Equal([new TargetKey(11, 45), new TargetKey(11, 46), new TargetKey(11, 47)], ds.Targets.Select(t => t.Key));
        Assert.Equal([3, 2, 2], ds.Targets.Select(t => t.Views.Count));
        var aligned = Assert.Single(ds.Views, v => v.Record.Alignment is not null);
        Assert.Equal("0011_1003_1_45", aligned.Name.Stem);
        Assert.Equal(18234, aligned.Record.Alignment!.SiftFlowEnergy);
        Assert.Equal(new Point2(11, 628.75), aligned.Record.Alignment.CorrectedBoundingBox.P4);
        var first = ds.Targets[0].Views[0];
        Assert.Equal(("0011", "45", "1001", "3101001"), (first.Record.DatasetId, first.Record.TargetId, first.Record.PatchId, first.Record.StreetViewId));
        Assert.Equal(24.94, first.Record.Heading);
        Assert.Equal(40.44192, ds.Targets[0].Lat, 9);
    }

    [Fact]
    public void ImagesAreReadOnlyWhenAskedAndAreTheFilesBytes()
    {
        var ds = StreetViewDataset.Load(TestFiles.StreetViewFixture);
        foreach (var v in ds.Views)
        {
            var src = Assert.IsType<FileImageSource>(v.Image);
            var bytes = v.Image.ReadAllBytes();
            Assert.Equal(File.ReadAllBytes(src.Path), bytes);
            Assert.Equal(bytes.Length, v.Image.Length);
            Assert.Equal([0xFF, 0xD8], bytes[..2]); // JPEG start-of-image marker
        }
    }

    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.V7)]
    public void LoadsATarAsItLoadsTheFolder(TarEntryFormat format)
    {
        using var dir = new ScratchDir();
        var tar = dir.File("0000.tar");
        TestFiles.WriteFixtureTar(tar, "./0011/0011/", format);
        var fromFolder = StreetViewDataset.Load(TestFiles.StreetViewFixture);
        var fromTar = StreetViewDataset.Load(tar);
        Assert.Empty(fromTar.Problems);
        Assert.Equal(fromFolder.Views.Select(v => (v.Name, v.Record)), fromTar.Views.Select(v => (v.Name, v.Record)));
        foreach (var (a, b) in fromFolder.Views.Zip(fromTar.Views))
        {
            var entry = Assert.IsType<TarEntryImageSource>(b.Image);
            Assert.Equal("0011/0011/" + a.Name.ImageFileName, entry.EntryName);
            Assert.Equal(a.Image.ReadAllBytes(), b.Image.ReadAllBytes());
            Assert.Equal($"{tar}::0011/0011/{a.Name.TextFileName}", b.TextSource);
        }
    }

    [Fact]
    public void FindsTarsInsideAFolderTree()
    {
        using var dir = new ScratchDir();
        Directory.CreateDirectory(dir.File("dataset_aligned"));
        TestFiles.WriteFixtureTar(dir.File("dataset_aligned/0000.tar"));
        var ds = StreetViewDataset.Load(dir.Path);
        Assert.Equal(7, ds.Views.Count);
        Assert.Equal(3, ds.Targets.Count);
        Assert.Empty(StreetViewDataset.Load(dir.Path, new LoadOptions { ReadArchives = false }).Views);
    }

    [Fact]
    public void TheSameViewTwiceIsABadRecord()
    {
        using var dir = new ScratchDir();
        dir.CopyFixture("extracted");
        TestFiles.WriteFixtureTar(dir.File("0000.tar"));
        var e = Assert.Throws<StreetViewFormatException>(() => StreetViewDataset.Load(dir.Path));
        Assert.Equal("name", e.Field);
        Assert.Contains("a second copy of", e.Message);
        var skipped = StreetViewDataset.Load(dir.Path, LoadOptions.Lenient);
        Assert.Equal((7, 7), (skipped.Views.Count, skipped.SkippedCount));
    }

    [Fact]
    public void LoadingNothingThatExistsFails()
    {
        Assert.Throws<DirectoryNotFoundException>(() => StreetViewDataset.Load("/nonexistent/eop/path"));
    }
}
