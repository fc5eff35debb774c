// The tests seed the global torch generator and count live tensors: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
