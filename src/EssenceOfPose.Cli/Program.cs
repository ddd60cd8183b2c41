using System.CommandLine;
using EssenceOfPose.Cli;
using EssenceOfPose.Data.Images;

// The `eop` command. Each verb group is built in its own file under Commands/.
// For the hostile-input suite's memory ceiling: the process's peak RSS (VmHWM), written as it exits.
if (Environment.GetEnvironmentVariable("EOP_PEAK_RSS_FILE") is { Length: > 0 } peakFile)
    AppDomain.CurrentDomain.ProcessExit += (_, _) => TopLevel.WritePeakRss(peakFile);
var root = new RootCommand("EssenceOfPose: what a pose network's codes keep, turned back into images.");
foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
var verbose = new Option<bool>("--verbose") { Description = "on an unexpected error, print the stack trace after the one-line summary", Recursive = true };
var maxSide = new Option<int?>("--max-image-side") { Description = $"largest image width or height decoded (default {ImageSizeLimit.Builtin.MaxSide}); checked against the file's header before decoding", Recursive = true };
var maxPixels = new Option<long?>("--max-image-pixels") { Description = $"largest image width × height decoded (default {ImageSizeLimit.Builtin.MaxPixels}, 64 MP)", Recursive = true };
root.Options.Add(verbose);
root.Options.Add(maxSide);
root.Options.Add(maxPixels);
OptionRanges.Apply(root);

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
{
    // One line per problem, naming the option, and the usage hint; exit 2 like any other bad input.
    var verb = TopLevel.Verb(parsed);
    var errors = parsed.Errors.Select(e => OptionRanges.Friendly(e.Message)).Distinct().ToList();
    for (var i = 0; i < errors.Count; i++)
        Console.Error.WriteLine($"{verb}: {errors[i]}{(i == errors.Count - 1 ? $" (see {verb} --help)" : "")}");
    return VerbSupport.BadInput;
}
// The image limit travels in the environment, so that every decoder of this process (and a notebook's kernel process) sees it.
if (parsed.GetValue(maxSide) is { } side) Environment.SetEnvironmentVariable(ImageSizeLimit.SideVariable, side.ToString(System.Globalization.CultureInfo.InvariantCulture));
if (parsed.GetValue(maxPixels) is { } pixels) Environment.SetEnvironmentVariable(ImageSizeLimit.PixelsVariable, pixels.ToString(System.Globalization.CultureInfo.InvariantCulture));
try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    return TopLevel.Report(e, parsed, parsed.GetValue(verbose) || Environment.GetEnvironmentVariable("EOP_DEBUG") == "1");
}

