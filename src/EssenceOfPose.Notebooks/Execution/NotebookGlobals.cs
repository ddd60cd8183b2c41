namespace EssenceOfPose.Notebooks;

/// <summary>What notebook cells see besides their own code, as in the .NET Interactive C# kernel:
/// <c>display(value)</c> and the running cell's cancellation token.</summary>
public sealed class NotebookGlobals
{
    internal NotebookGlobals()
    {
    }

    /// <summary>Cancelled when the cell runs past its timeout or the run is stopped; long loops should check it.</summary>
    public CancellationToken CancellationToken => CellContext.Current?.Cancellation ?? CancellationToken.None;

    /// <summary>Shows <paramref name="value"/> below the running cell, in every MIME type its formatters offer.</summary>
    // Lower case: the kernel's name for it, which notebooks written for Polyglot Notebooks call.
    public void display(object? value)
    {
        var cell = CellContext.Current ?? throw new InvalidOperationException("display() was called outside a running cell.");
        cell.Outputs.AddDisplay(DisplayFormatter.Format(value));
    }
}
