package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

public final class Tanh extends Activation {
    @Override public String kind() { return "tanh"; }
    @Override protected double f(double z) { return Det.tanh(z); }
    @Override protected double derivative(double z, double a) { return 1.0 - a * a; }
}
