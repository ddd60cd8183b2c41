using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace EssenceOfPose.Notebooks;

/// <summary>The C# kernel set up as dotnet-interactive sets it up for Jupyter (its KernelBuilder,
/// which lives in the tool, not in a package: these are its C# lines), so that a notebook sees here
/// what it sees there: the same default imports, helpers (display, HTML, ...), formatters and
/// preferred MIME types. Library types display through .NET Interactive's formatters, found by
/// their TypeFormatterSourceAttribute as after a #r of the library in Jupyter.</summary>
internal static class KernelFactory
{
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    public static async Task<CompositeKernel> CreateAsync()
    {
        var csharp = new CSharpKernel()
            .UseKernelHelpers() // using static Microsoft.DotNet.Interactive.Kernel: display(), HTML(), ...
            .UseWho()
            .UseValueSharing();
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;

        // As for Jupyter, whose front end shows HTML.
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);

        // Plotly.NET.Interactive: what `#r "nuget: Plotly.NET.Interactive"` loads in Jupyter, a
        // text/html formatter for Plotly.NET's GenericChart. The chart's own JSON as well, so that the
        // report can draw it offline with a local plotly.js (that HTML loads plotly.js from a CDN).
        await ((IKernelExtension)new Plotly.NET.Interactive.FormatterKernelExtension()).OnLoadAsync(kernel);
        Formatter.Register<Plotly.NET.GenericChart>((chart, writer) => writer.Write(Plotly.NET.GenericChart.toFigureJson(chart)), PlotlyMimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Plotly.NET.GenericChart), HtmlFormatter.MimeType, PlotlyMimeType);

        // Runs the kernel's deferred start-up (its default usings) now, so that the first cell's time is its own.
        var warmUp = await kernel.SendAsync(new SubmitCode("1", csharp.Name));
        if (warmUp.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException($"the C# kernel did not start: {failed.Message}");
        return kernel;
    }

    /// <summary>The type of a variable the notebook's cells declared, or null.</summary>
    public static Type? VariableType(CompositeKernel kernel, string name) =>
        kernel.ChildKernels.OfType<CSharpKernel>().Single().ScriptState?.Variables.LastOrDefault(v => v.Name == name)?.Type;
}
