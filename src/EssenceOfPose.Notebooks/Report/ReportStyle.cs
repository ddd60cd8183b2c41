namespace EssenceOfPose.Notebooks;

// The report's stylesheet, inlined in every page so that a page opens on its own from disk.
internal static class ReportStyle
{
    public const string Css = """
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1d1d1f; }
        a { color: #0b57d0; }
        table { border-collapse: collapse; margin: 0.5rem 0; }
        th, td { border: 1px solid #d0d0d0; padding: 0.25rem 0.6rem; }
        th { background: #f3f3f3; }
        td.time { text-align: right; font-variant-numeric: tabular-nums; }
        .status { font-weight: 600; border-radius: 0.3rem; padding: 0.05rem 0.4rem; }
        .status.ok { background: #e2f5e6; color: #136c2e; }
        .status.failed, .status.timed-out { background: #fde7e7; color: #a11212; }
        .banner { background: #fff4d6; border: 1px solid #e0b400; padding: 0.6rem 1rem; margin: 1rem 0; font-weight: 600; }
        .cell { margin: 1.2rem 0; }
        .cell-label { font-size: 0.8rem; color: #6b6b6b; margin-bottom: 0.2rem; }
        .cell-label .tag { background: #eef; border-radius: 0.3rem; padding: 0 0.3rem; margin-left: 0.3rem; }
        pre { white-space: pre-wrap; word-break: break-word; margin: 0.3rem 0; }
        pre.source { background: #f6f8fa; border: 1px solid #e1e4e8; padding: 0.6rem; }
        .cell.failed pre.source { border-left: 4px solid #c62828; }
        .cell.skipped pre.source, .cell.not-run pre.source { opacity: 0.55; }
        .output { margin: 0.4rem 0 0.4rem 1rem; }
        pre.stream.stderr { background: #fff5f5; }
        .output.error pre { background: #fde7e7; border-left: 4px solid #c62828; padding: 0.5rem; color: #7a0b0b; }
        .plotly-chart { width: 100%; min-height: 420px; }
        img { max-width: 100%; image-rendering: pixelated; }
        """;
}
