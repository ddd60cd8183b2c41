namespace EssenceOfPose.Notebooks;

// The cell now running in this execution context. An AsyncLocal, not a field: it follows the
// cell's code across awaits and into the tasks it starts, and a cell abandoned after its
// timeout keeps writing into its own outputs, never into the next cell's.
internal sealed record CellContext(CellOutputs Outputs, CancellationToken Cancellation)
{
    private static readonly AsyncLocal<CellContext?> s_current = new();

    public static CellContext? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }
}
