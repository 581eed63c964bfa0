package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

public final class Sigmoid extends Activation {
    /** Math version 1's sigmoid ({@link Det#MATH}) goes through f, today's through the direct loops. */
    public Sigmoid(int math) {
        super(math == 1 ? GENERIC : SIGMOID);
    }

    @Override public String kind() { return "sigmoid"; }
    @Override protected double f(double z) { return direct == SIGMOID ? Det.sigmoid(z) : Det.V1.sigmoid(z); }
    @Override protected double derivative(double z, double a) { return a * (1.0 - a); }
}
