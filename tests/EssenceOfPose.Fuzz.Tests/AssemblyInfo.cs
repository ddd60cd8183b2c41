// Cases run one at a time: the in-process memory measure resets and reads the whole process's peak RSS.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
