namespace EssenceOfPose.Notebooks;

// The kernel process of `eop notebooks run`: NotebookRunner starts this assembly once per notebook,
// as `kernel NOTEBOOK --executed PATH --status PATH --timeout SECONDS [--param NAME=VALUE]...`.
// It is no command of its own for users; `eop notebooks run` is.
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] != KernelRequest.Verb)
        {
            Console.Error.WriteLine("This is the kernel process of `eop notebooks run`; run notebooks with that command.");
            return 2;
        }
        KernelRequest request;
        try
        {
            request = KernelRequest.Parse(args[1..]);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"kernel: {e.Message}");
            return 2;
        }
        return await NotebookSession.RunAsync(request);
    }
}
