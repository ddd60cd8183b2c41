// Every CLI test captures Console.Out and Console.Error, which are process-wide: test classes
// running in parallel would read each other's output. Run them one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
