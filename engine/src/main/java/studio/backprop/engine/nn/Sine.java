package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

public final class Sine extends Activation {
    @Override public String kind() { return "sine"; }
    @Override protected double f(double z) { return Det.sin(z); }
    @Override protected double derivative(double z, double a) { return Det.cos(z); }
}
