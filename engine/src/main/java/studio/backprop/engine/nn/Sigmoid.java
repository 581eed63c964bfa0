package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

public final class Sigmoid extends Activation {
    @Override public String kind() { return "sigmoid"; }
    @Override protected double f(double z) { return Det.sigmoid(z); }
    @Override protected double derivative(double z, double a) { return a * (1.0 - a); }
}
