namespace EssenceOfPose.Inversion;

/// <summary>One step's report: the batch means of the total loss and of every term.</summary>
public sealed record RenderProgress(int Step, int TotalSteps, int Phase, double Loss, IReadOnlyDictionary<string, double> Terms, TimeSpan Elapsed);
