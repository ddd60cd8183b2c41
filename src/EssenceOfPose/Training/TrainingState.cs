using System.Text.Json;
using EssenceOfPose.Data;

namespace EssenceOfPose.Training;

/// <summary>A resumable run's <c>OUT.train/state.json</c>, read through the file guard; what both trainers share.</summary>
internal static class TrainingState
{
    /// <summary>The state at <paramref name="path"/>; an empty or corrupt file is refused in one line naming it.</summary>
    public static T Read<T>(string path) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(InputFile.ReadAllText(path, "a training state", InputFile.TextLimit))
                ?? throw new InvalidDataException($"{path}: empty training state");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a training state ({e.Message}); delete the folder to start afresh", e);
        }
    }
}
