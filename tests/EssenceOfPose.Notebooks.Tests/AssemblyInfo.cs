// Every test here starts kernel processes (a second each, or more, of CPU): run the classes one after
// another, so that cell timeouts measure the cells, not the other tests, on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
