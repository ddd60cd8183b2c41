namespace EssenceOfPose.Models;

/// <summary>Checks a tap against a model before any work starts, so a typo fails in a second with the list of taps, not after a render.</summary>
internal static class TapCheck
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the tap and the model's taps if the tower has no such blob.</summary>
    public static TapName Require(SiameseNet model, TapName tap)
    {
        if (!model.TowerLayers.Contains(tap.Layer))
            throw new ArgumentException($"tap '{tap}': {model.Architecture} has no tower layer of that name; its taps are {string.Join(", ", model.TowerLayers)} (add ':pre' for the value before the ReLU)");
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        // A ':pre' tap of a layer without an activation is refused by the model itself, with its reason.
        model.Tap(torch.zeros([1, 3, model.InputSize, model.InputSize], device: model.parameters().First().device), tap);
        return tap;
    }

    /// <summary>Parses and checks a tap given as text (TapName's syntax: "fc5", "conv4:pre").</summary>
    public static TapName Require(SiameseNet model, string text) => Require(model, TapName.Parse(text));
}
