package studio.backprop.engine.nn;

public final class LeakyReLU extends Activation {
    public static final double SLOPE = 0.01;

    @Override public String kind() { return "leaky-relu"; }
    @Override protected double f(double z) { return z > 0 ? z : SLOPE * z; }
    @Override protected double derivative(double z, double a) { return z > 0 ? 1.0 : SLOPE; }
}
