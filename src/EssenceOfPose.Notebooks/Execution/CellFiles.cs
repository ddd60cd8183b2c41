namespace EssenceOfPose.Notebooks;

// Each cell is compiled under its own file name beside the notebook. Roslyn resolves #r and
// #load relative to that name's folder (the notebook's), and reports it in diagnostics and
// stack frames, from which the error messages recover the cell number.
internal sealed class CellFiles(string notebookPath)
{
    private readonly string _prefix = Path.GetFullPath(notebookPath) + "#cell";

    public string PathOf(int cellNumber) => _prefix + cellNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int? CellNumberOf(string path) =>
        path.StartsWith(_prefix, StringComparison.Ordinal) && int.TryParse(path.AsSpan(_prefix.Length), out var cell) ? cell : null;
}
