// libtorch's random generator is process-global: models built from a seed in parallel tests would interleave their
// draws, and the memory test measures the whole process. Run the tests of this assembly one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
