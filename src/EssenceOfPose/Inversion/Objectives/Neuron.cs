namespace EssenceOfPose.Inversion;

public static partial class Objectives
{
    /// <summary>
    /// Activation maximisation of one unit (Erhan et al., 2009; Simonyan et al., 2014; Yosinski et
    /// al., 2015): the loss is −a, a the unit's value, for every image of the batch.
    /// </summary>
    public static Objective Neuron(NeuronUnit unit) => new($"neuron({unit})", ctx =>
    {
        var blob = ctx.Tap(unit.Tap);
        var index = unit.FlatIndex(blob.shape);
        return -blob.flatten(1).select(1, index);
    });

    /// <summary>
    /// One unit per image: image i maximises <paramref name="units"/>[i] (so a batch renders many
    /// units at once). Units may sit on different taps; each tap runs once per step.
    /// </summary>
    public static Objective Neurons(IReadOnlyList<NeuronUnit> units)
    {
        if (units.Count == 0) throw new ArgumentException("no units given", nameof(units));
        var list = units.ToArray();
        var name = list.Length == 1 ? $"neurons({list[0]})" : $"neurons({list[0]} … {list[^1]}, {list.Length} units)";
        return new Objective(name, ctx =>
        {
            if (ctx.BatchSize != list.Length)
                throw new ArgumentException($"{name}: {list.Length} units for a batch of {ctx.BatchSize} images; one unit per image");
            Tensor? values = null;
            foreach (var group in Enumerable.Range(0, list.Length).GroupBy(i => list[i].Tap))
            {
                var blob = ctx.Tap(group.Key);
                var shape = blob.shape;
                var rows = group.ToArray();
                var flat = rows.Select(i => list[i].FlatIndex(shape)).ToArray();
                var rowIndex = torch.tensor(rows.Select(i => (long)i).ToArray(), [rows.Length]).to(blob.device);
                var picked = blob.flatten(1).index_select(0, rowIndex).gather(1, torch.tensor(flat, [flat.Length, 1]).to(blob.device)).squeeze(1);
                var full = torch.zeros([list.Length], dtype: picked.dtype, device: picked.device).scatter(0, rowIndex, picked);
                values = values is null ? full : values + full;
            }
            return -values!;
        });
    }
}
