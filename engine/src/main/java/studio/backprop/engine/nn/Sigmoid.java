package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

public final class Sigmoid extends Activation {
    /** Math version 1's sigmoid (see {@link Det#MATH}). */
    private final boolean v1;

    public Sigmoid(int math) {
        super(math == 1 ? GENERIC : SIGMOID);
        v1 = math == 1;
    }

    @Override public String kind() { return "sigmoid"; }
    @Override protected double f(double z) { return v1 ? Det.V1.sigmoid(z) : Det.sigmoid(z); }
    @Override protected double derivative(double z, double a) { return a * (1.0 - a); }
}
