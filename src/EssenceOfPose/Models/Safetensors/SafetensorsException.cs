namespace EssenceOfPose.Models;

/// <summary>A safetensors file that cannot be read (or a set of tensors that cannot be written): the message names the file and the problem.</summary>
public sealed class SafetensorsException : Exception
{
    public SafetensorsException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file the problem is in.</summary>
    public string FilePath { get; }

    /// <summary>The problem alone, without the file name.</summary>
    public string Problem { get; }
}
