using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace EssenceOfPose.Notebooks;

// The script options that make Roslyn behave like the .NET Interactive C# kernel: its default
// imports, the whole shared framework referenced, and #r / #load resolved from the notebook's folder.
internal static class KernelOptions
{
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System", "System.Collections", "System.Collections.Generic", "System.IO", "System.Linq",
        "System.Net.Http", "System.Text", "System.Threading", "System.Threading.Tasks",
    ];

    // Reading framework metadata is the slow part of the first compile; share it between kernels.
    private static readonly Lazy<IReadOnlyList<MetadataReference>> s_frameworkReferences = new(LoadFrameworkReferences);

    public static ScriptOptions For(string notebookDirectory) =>
        ScriptOptions.Default
            .WithReferences(s_frameworkReferences.Value)
            .WithImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(notebookDirectory))
            .WithSourceResolver(new SourceFileResolver([], notebookDirectory))
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithEmitDebugInformation(true) // line numbers in runtime errors
            .WithFileEncoding(Encoding.UTF8);

    private static IReadOnlyList<MetadataReference> LoadFrameworkReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return [.. Directory.EnumerateFiles(frameworkDirectory, "*.dll")
            .Where(IsManaged)
            .Order(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path))];
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
