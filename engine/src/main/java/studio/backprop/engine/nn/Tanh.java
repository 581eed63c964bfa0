package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

public final class Tanh extends Activation {
    /** Math version 1's tanh (see {@link Det#MATH}). */
    private final boolean v1;

    public Tanh(int math) {
        super(math == 1 ? GENERIC : TANH);
        v1 = math == 1;
    }

    @Override public String kind() { return "tanh"; }
    @Override protected double f(double z) { return v1 ? Det.V1.tanh(z) : Det.tanh(z); }
    @Override protected double derivative(double z, double a) { return 1.0 - a * a; }
}
