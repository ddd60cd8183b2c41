using EssenceOfPose.Display;

namespace EssenceOfPose.Tests.Display;

public sealed class MetricTableTests
{
    private static MetricTable Sample() =>
        new MetricTable("layer", "PSNR", "steps", "kept") { Title = "inversion" }
            .AddRow("conv1", 23.456789, 200, 0.91)
            .AddRow("fc6", 14.2, 1000, null)
            .WithFormat("kept", "0%");

    [Fact]
    public void Plain_text_aligns_numbers_right_and_text_left()
    {
        Assert.Equal(
            """
            inversion
            layer   PSNR  steps  kept
            -----  -----  -----  ----
            conv1  23.46    200   91%
            fc6     14.2   1000
            """.ReplaceLineEndings("\n"),
            Sample().ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Html_has_a_caption_header_and_right_aligned_numbers_all_encoded()
    {
        var html = new MetricTable("a<b", "x").AddRow("<script>", 1.5).ToHtml();
        Assert.StartsWith("<table class=\"metric-table\"><thead><tr><th style=\"text-align:left\">a&lt;b</th>", html);
        Assert.Contains("<td style=\"text-align:left\">&lt;script&gt;</td><td style=\"text-align:right\">1.5</td>", html);
        Assert.Contains("<caption>inversion</caption>", Sample().ToHtml());
    }

    [Fact]
    public void Cells_format_with_the_column_format_else_the_table_default()
    {
        var table = Sample();
        Assert.Equal("23.46", table.FormatCell(0, 1));
        Assert.Equal("1000", table.FormatCell(1, 2));
        Assert.Equal("91%", table.FormatCell(0, 3));
        Assert.Equal("", table.FormatCell(1, 3));
        Assert.Equal("23.4568", new MetricTable("x") { NumberFormat = "F4" }.AddRow(23.456789).FormatCell(0, 0));
    }

    [Fact]
    public void Rows_must_match_the_columns_and_formats_name_a_column()
    {
        Assert.Throws<ArgumentException>(() => new MetricTable("a", "b").AddRow(1));
        Assert.Throws<ArgumentException>(() => new MetricTable("a").WithFormat("b", "F2"));
        Assert.Throws<ArgumentException>(() => new MetricTable());
    }
}
