using System.Formats.Tar;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Tests.Data;

/// <summary>Each kind of bad record, under Stop (the exception names file, line, field) and Skip (counted and listed).</summary>
public class StreetViewBadInputTests
{
    private static StreetViewFormatException LoadFails(string path) =>
        Assert.Throws<StreetViewFormatException>(() => StreetViewDataset.Load(path));

    [Fact]
    public void BadNumberInAFile()
    {
        using var dir = new ScratchDir();
        var folder = dir.CopyFixture();
        var txt = Path.Combine(folder, "0011_1005_3_46.txt");
        File.WriteAllText(txt, File.ReadAllText(txt).Replace(" 306.90 ", " 3O6.90 "));
        var e = LoadFails(dir.Path);
        Assert.Equal($"{txt} line 1, field 'heading': expected a number, got '3O6.90'", e.Message);
    }

    [Fact]
    public void WrongFieldCountInAFile()
    {
        using var dir = new ScratchDir();
        var folder = dir.CopyFixture();
        var txt = Path.Combine(folder, "0011_1003_1_45.txt");
        File.WriteAllText(txt, File.ReadAllText(txt).Replace(" 628.75", ""));
        var e = LoadFails(dir.Path);
        Assert.Equal($"{txt} line 2, field 'a': expected 40 values after 'a', got 39", e.Message);
    }

    [Fact]
    public void UnknownPrefixInAFile()
    {
        using var dir = new ScratchDir();
        var folder = dir.CopyFixture();
        var txt = Path.Combine(folder, "0011_1001_1_45.txt");
        File.AppendAllText(txt, "b 1 2 3\n");
        var e = LoadFails(dir.Path);
        Assert.Equal((txt, 2, "prefix"), (e.File, e.Line, e.Field));
        Assert.EndsWith("expected a line starting with 'd' or 'a', got 'b'", e.Message);
    }

    [Fact]
    public void ImageWithoutItsText()
    {
        using var dir = new ScratchDir();
        var folder = dir.CopyFixture();
        File.Delete(Path.Combine(folder, "0011_1006_2_47.txt"));
        var e = LoadFails(dir.Path);
        var jpg = Path.Combine(folder, "0011_1006_2_47.jpg");
        Assert.Equal($"{jpg}, field 'pair': expected the .txt with the same name, got a .jpg alone", e.Message);
        Assert.Equal(0, e.Line);
    }

    [Fact]
    public void TextWithoutItsImage()
    {
        using var dir = new ScratchDir();
        var folder = dir.CopyFixture();
        File.Delete(Path.Combine(folder, "0011_1007_1_47.jpg"));
        var e = LoadFails(dir.Path);
        Assert.Equal((Path.Combine(folder, "0011_1007_1_47.txt"), "pair"), (e.File, e.Field));
    }

    [Fact]
    public void RecordWhoseTargetDisagreesWithItsName()
    {
        using var dir = new ScratchDir();
        var folder = dir.CopyFixture();
        var txt = Path.Combine(folder, "0011_1004_1_46.txt");
        File.WriteAllText(txt, File.ReadAllText(txt).Replace("d 0011 46 ", "d 0011 64 "));
        var e = LoadFails(dir.Path);
        Assert.Equal($"{txt} line 1, field 'targetId': expected the file name's TargetID 46, got 64", e.Message);
        var lenient = StreetViewDataset.Load(dir.Path, new LoadOptions { CheckNameAgainstRecord = false });
        Assert.Equal(7, lenient.Views.Count);
    }

    [Fact]
    public void BadFileName()
    {
        using var dir = new ScratchDir();
        var folder = dir.CopyFixture();
        File.Copy(Path.Combine(folder, "0011_1001_1_45.txt"), Path.Combine(folder, "0011_1001_45.txt"));
        File.Copy(Path.Combine(folder, "0011_1001_1_45.jpg"), Path.Combine(folder, "0011_1001_45.jpg"));
        var e = LoadFails(dir.Path);
        Assert.Equal((Path.Combine(folder, "0011_1001_45.txt"), 0, "name"), (e.File, e.Line, e.Field));
    }

    [Theory]
    [InlineData(-700)]  // inside the end-of-archive blocks
    [InlineData(-1024)] // exactly the end-of-archive blocks removed
    [InlineData(-1400)] // inside the data of the last entry
    [InlineData(-2000)] // inside a header further back
    public void TruncatedTar(int cut)
    {
        using var dir = new ScratchDir();
        var tar = dir.File("0000.tar");
        TestFiles.WriteFixtureTar(tar);
        using (var f = new FileStream(tar, FileMode.Open)) f.SetLength(f.Length + cut);
        var e = LoadFails(tar);
        Assert.Equal((tar, 0, "archive"), (e.File, e.Line, e.Field));
        Assert.StartsWith($"{tar}, field 'archive': expected a complete tar archive, got ", e.Message);
    }

    [Fact]
    public void TruncatedTarUnderSkipKeepsTheViewsBeforeTheCut()
    {
        using var dir = new ScratchDir();
        var tar = dir.File("0000.tar");
        TestFiles.WriteFixtureTar(tar);
        long lastImage;
        using (var f = File.OpenRead(tar))
        using (var r = new TarReader(f))
        {
            lastImage = -1;
            while (r.GetNextEntry() is { } entry)
                if (entry.Name.EndsWith("0011_1007_1_47.jpg", StringComparison.Ordinal)) lastImage = entry.DataOffset;
        }
        Assert.True(lastImage > 0);
        using (var f = new FileStream(tar, FileMode.Open)) f.SetLength(lastImage + 100);

        var ds = StreetViewDataset.Load(tar, LoadOptions.Lenient);

        Assert.Equal(6, ds.Views.Count);
        var p = Assert.Single(ds.Problems);
        Assert.Equal((tar, 0, "archive"), (p.File, p.Line, p.Field));
        Assert.Contains("0011/0011_1007_1_47.jpg", p.Message);
    }

    [Fact]
    public void SkipCountsEveryBadRecordAndKeepsTheRest()
    {
        using var dir = new ScratchDir();
        var folder = dir.CopyFixture();
        var badNumber = Path.Combine(folder, "0011_1002_2_45.txt");
        File.WriteAllText(badNumber, File.ReadAllText(badNumber).Replace(" 27.040 ", " twenty "));
        File.Delete(Path.Combine(folder, "0011_1006_2_47.txt"));
        Directory.CreateDirectory(dir.File("other"));
        File.Copy(Path.Combine(folder, "0011_1001_1_45.txt"), dir.File("other/0011_2001_1_48.txt"));

        var ds = StreetViewDataset.Load(dir.Path, LoadOptions.Lenient);

        Assert.Equal(3, ds.SkippedCount);
        Assert.Equal(7 - 2, ds.Views.Count(v => v.TextSource.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)));
        Assert.Equal(
            [
                (badNumber, 1, "distance"),
                (Path.Combine(folder, "0011_1006_2_47.jpg"), 0, "pair"),
                (dir.File("other/0011_2001_1_48.txt"), 0, "pair"),
            ],
            ds.Problems.Select(p => (p.File, p.Line, p.Field)).OrderBy(p => p.Item1, StringComparer.Ordinal));
        Assert.All(ds.Problems, p => Assert.StartsWith(p.File, p.Message));
    }
}
