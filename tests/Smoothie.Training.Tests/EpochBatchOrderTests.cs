using Smoothie.Training.Data;

namespace Smoothie.Training.Tests;

public sealed class EpochBatchOrderTests
{
    [Fact]
    public void OrderIsAPureFunctionOfSeedAndStep()
    {
        var a = new EpochBatchOrder(103, 8, seed: 7);
        var b = new EpochBatchOrder(103, 8, seed: 7);
        var forward = Enumerable.Range(0, 40).Select(s => a.RowsAt(s)).ToList();
        for (int s = 39; s >= 0; s--)
        {
            Assert.Equal(forward[s], b.RowsAt(s)); // any access order gives the same batches
        }
    }

    [Fact]
    public void EachEpochVisitsDistinctRows()
    {
        var order = new EpochBatchOrder(64, 8, seed: 3);
        var seen = Enumerable.Range(0, order.BatchesPerEpoch).SelectMany(s => order.RowsAt(s)).ToList();
        Assert.Equal(64, seen.Distinct().Count());
        Assert.NotEqual(order.RowsAt(0), order.RowsAt(order.BatchesPerEpoch)); // reshuffled next epoch
    }
}
