package studio.backprop.engine.nn;

public final class ReLU extends Activation {
    public ReLU() {
        super(RELU);
    }

    @Override public String kind() { return "relu"; }
    @Override protected double f(double z) { return z > 0 ? z : 0.0; }
    @Override protected double derivative(double z, double a) { return z > 0 ? 1.0 : 0.0; }
}
