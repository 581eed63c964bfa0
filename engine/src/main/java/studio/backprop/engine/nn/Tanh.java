package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

public final class Tanh extends Activation {
    /** Math version 1's tanh ({@link Det#MATH}) goes through f, today's through the direct loops. */
    public Tanh(int math) {
        super(math == 1 ? GENERIC : TANH);
    }

    @Override public String kind() { return "tanh"; }
    @Override protected double f(double z) { return direct == TANH ? Det.tanh(z) : Det.V1.tanh(z); }
    @Override protected double derivative(double z, double a) { return 1.0 - a * a; }
}
