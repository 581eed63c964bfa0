package studio.backprop.engine.train;

/** What the trainer reports after each epoch. Accuracy is NaN for regression, RMSE and R^2 for classification. */
public final class EpochReport {
    public final int epoch;
    public final long samples;
    public final Metrics train, test;

    public EpochReport(int epoch, long samples, Metrics train, Metrics test) {
        this.epoch = epoch;
        this.samples = samples;
        this.train = train;
        this.test = test;
    }
}
